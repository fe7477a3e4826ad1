"""A memo recorded in answer to a mark ("What landed?"): stored through the one intake like
any memo, then linked to its mark."""

import uuid

from afterword.capture.intake import IngestResult, MemoInfo, ingest
from afterword.capture.staging import StagedUpload
from afterword.errors import NotFound
from afterword.store.marks import get_mark
from afterword.store.storage import Storage

NO_SUCH_MARK = "No such mark."


def answer_mark(
    storage: Storage, *, owner_id: uuid.UUID, mark_id: uuid.UUID, staged: StagedUpload, info: MemoInfo
) -> IngestResult:
    """Store the memo and link it to the owner's mark (NotFound, with nothing kept, otherwise)."""
    with storage.db.read() as session:
        known = get_mark(session, mark_id=mark_id, owner_id=owner_id) is not None
    if not known:
        staged.discard()
        raise NotFound(NO_SUCH_MARK)
    result = ingest(storage, owner_id=owner_id, staged=staged, info=info)
    with storage.db.write() as session:
        mark = get_mark(session, mark_id=mark_id, owner_id=owner_id)
        if mark is None:  # let go of while the audio was checked: the memo stays a memo
            raise NotFound(NO_SUCH_MARK)
        mark.memo_id = result.memo.id
    return result
