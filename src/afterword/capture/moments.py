"""A voice moment: the audio goes in through the one intake like any memo (and is transcribed
like one), but as a moment, which is the week's data and never becomes an insight."""

import uuid
from dataclasses import dataclass, replace

from afterword.capture.intake import MemoInfo, ingest
from afterword.capture.staging import StagedUpload
from afterword.store.db import Database
from afterword.store.enums import MemoKind
from afterword.store.models import Memo
from afterword.store.moments import add_voice_moment
from afterword.store.reading import Reader


@dataclass(frozen=True)
class VoiceMoment:
    moment_id: uuid.UUID
    memo_id: uuid.UUID
    created: bool
    """False when the same bytes came before (an outbox retrying): the same moment comes back."""


def record_voice_moment(reader: Reader, db: Database, *, staged: StagedUpload, info: MemoInfo) -> VoiceMoment:
    """Store the recording as a moment; its transcription is queued like any memo's."""
    result = ingest(reader, db, staged=staged, info=replace(info, kind=MemoKind.MOMENT))
    with db.write() as session:
        memo = session.get_one(Memo, result.memo.id)
        moment = add_voice_moment(session, memo=memo)
        return VoiceMoment(moment.id, memo.id, result.created)
