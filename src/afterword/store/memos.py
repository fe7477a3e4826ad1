"""Reading memos: every read takes the owner, so one person never sees another's memo."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterword.store.lean import SessionRows
from afterword.store.models import Memo, Segment, Transcript
from afterword.store.thoughts import memo_id_by_ref


def get_memo(session: Session, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> Memo | None:
    return session.scalars(select(Memo).where(Memo.id == memo_id, Memo.owner_id == owner_id)).first()


def get_memo_by_sha256(session: Session, *, owner_id: uuid.UUID, sha256: str) -> Memo | None:
    return session.scalars(select(Memo).where(Memo.owner_id == owner_id, Memo.sha256 == sha256)).first()


def find_memo(session: Session, *, id_or_prefix: str, owner_id: uuid.UUID) -> Memo:
    """The owner's memo whose id starts with the given hex prefix (store.thoughts.memo_id_by_ref)."""
    memo_id = memo_id_by_ref(SessionRows(session), owner_id=owner_id, ref=id_or_prefix)
    found = get_memo(session, memo_id=memo_id, owner_id=owner_id)
    assert found is not None
    return found


def load_memo_details(session: Session, *, memo: Memo) -> Memo:
    """The memo again with its job, insight, transcript and segments (with any corrections)."""
    return session.scalars(
        select(Memo)
        .where(Memo.id == memo.id)
        .options(
            selectinload(Memo.job),
            selectinload(Memo.insight),
            selectinload(Memo.transcript).selectinload(Transcript.segments).selectinload(Segment.versions),
        )
        .execution_options(populate_existing=True)
    ).one()


def memo_ids_sharing_blob(session: Session, *, sha256: str) -> list[uuid.UUID]:
    return list(session.scalars(select(Memo.id).where(Memo.sha256 == sha256)))
