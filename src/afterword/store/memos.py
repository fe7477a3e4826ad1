"""Reading memos: every read takes the owner, so one person never sees another's memo."""

import uuid

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from afterword.errors import NotFound
from afterword.store.models import Memo, Segment, Transcript


class MemoNotFound(NotFound):
    pass


class AmbiguousMemoId(NotFound):
    pass


def get_memo(session: Session, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> Memo | None:
    return session.scalars(select(Memo).where(Memo.id == memo_id, Memo.owner_id == owner_id)).first()


def get_memo_by_sha256(session: Session, *, owner_id: uuid.UUID, sha256: str) -> Memo | None:
    return session.scalars(select(Memo).where(Memo.owner_id == owner_id, Memo.sha256 == sha256)).first()


def find_memo(session: Session, *, id_or_prefix: str, owner_id: uuid.UUID) -> Memo:
    """The owner's memo whose id starts with the given hex prefix (dashes ignored)."""
    prefix = id_or_prefix.strip().lower().replace("-", "")
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        raise MemoNotFound(f"'{id_or_prefix}' is not a memo id")
    plain_id = func.replace(cast(Memo.id, String), "-", "")
    matches = session.scalars(
        select(Memo).where(Memo.owner_id == owner_id, plain_id.like(f"{prefix}%")).limit(2)
    ).all()
    if not matches:
        raise MemoNotFound(f"no memo with id {id_or_prefix}")
    if len(matches) > 1:
        raise AmbiguousMemoId(f"more than one memo starts with {id_or_prefix}; give more of the id")
    return matches[0]


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
