"""Pattern moments, for the writes that add them (they are read through store.views.moments).
Every lookup takes the owner; nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Memo, Moment, utc_now


def moment_for_memo(session: Session, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> Moment | None:
    stmt = select(Moment).where(Moment.memo_id == memo_id, Moment.owner_id == owner_id)
    return session.scalars(stmt).first()


def add_moment(
    session: Session,
    *,
    owner_id: uuid.UUID,
    happened_at: datetime,
    text: str | None = None,
    memo_id: uuid.UUID | None = None,
) -> Moment:
    row = Moment(owner_id=owner_id, happened_at=happened_at, text=text, memo_id=memo_id)
    session.add(row)
    session.flush()
    return row


def add_voice_moment(session: Session, *, memo: Memo) -> Moment:
    """The moment a voice memo records (the one already made for it, when it was sent again)."""
    existing = moment_for_memo(session, memo_id=memo.id, owner_id=memo.owner_id)
    if existing is not None:
        return existing
    happened = memo.captured_at or memo.created_at or utc_now()
    return add_moment(session, owner_id=memo.owner_id, happened_at=happened, memo_id=memo.id)
