"""A memo recorded in answer to a mark ("What landed?"): stored through the one intake like
any memo, then linked to its mark."""

import uuid

from afterword.capture.intake import IngestResult, MemoInfo, ingest
from afterword.capture.staging import StagedUpload
from afterword.errors import NotFound
from afterword.store.db import Database
from afterword.store.models import Mark
from afterword.store.owned import get_owned
from afterword.store.reading import Reader
from afterword.store.views.marks import mark

NO_SUCH_MARK = "No such mark."


def answer_mark(
    reader: Reader, db: Database, *, mark_id: uuid.UUID, staged: StagedUpload, info: MemoInfo
) -> IngestResult:
    """Store the memo and link it to the reader's mark (NotFound, with nothing kept, otherwise)."""
    with reader.reads() as reads:
        known = mark(reads, mark_id=mark_id) is not None
    if not known:
        staged.discard()
        raise NotFound(NO_SUCH_MARK)
    result = ingest(reader, db, staged=staged, info=info)
    with db.write() as session:
        row = get_owned(session, Mark, row_id=mark_id, owner_id=reader.person_id)
        if row is None:  # let go of while the audio was checked: the memo stays a memo
            raise NotFound(NO_SUCH_MARK)
        row.memo_id = result.memo.id
    return result
