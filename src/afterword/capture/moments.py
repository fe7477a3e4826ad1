"""A voice moment: the audio goes in through the one intake like any memo (and is transcribed
like one), but as a moment, which is the week's data and never becomes an insight."""

import uuid
from dataclasses import dataclass, replace

from afterword.capture.intake import MemoInfo, ingest
from afterword.capture.staging import StagedUpload
from afterword.store.enums import MemoKind
from afterword.store.models import Memo
from afterword.store.moments import add_voice_moment
from afterword.store.storage import Storage


@dataclass(frozen=True)
class VoiceMoment:
    moment_id: uuid.UUID
    memo_id: uuid.UUID
    created: bool
    """False when the same bytes came before (an outbox retrying): the same moment comes back."""


def record_voice_moment(
    storage: Storage, *, owner_id: uuid.UUID, staged: StagedUpload, info: MemoInfo
) -> VoiceMoment:
    """Store the recording as a moment; its transcription is queued like any memo's."""
    result = ingest(storage, owner_id=owner_id, staged=staged, info=replace(info, kind=MemoKind.MOMENT))
    with storage.db.write() as session:
        memo = session.get_one(Memo, result.memo.id)
        moment = add_voice_moment(session, memo=memo)
        return VoiceMoment(moment.id, memo.id, result.created)
