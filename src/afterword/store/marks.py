"""Marks tapped during a session, and the memos that answer them. Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Insight, Mark


def list_marks(
    session: Session, *, owner_id: uuid.UUID, since: datetime, open_only: bool = False
) -> list[tuple[Mark, str | None]]:
    """Oldest first, each with the headline of the insight that answers it (when there is one)."""
    stmt = (
        select(Mark, Insight.headline)
        .outerjoin(Insight, Insight.memo_id == Mark.memo_id)
        .where(Mark.owner_id == owner_id, Mark.marked_at >= since)
    )
    if open_only:
        stmt = stmt.where(Mark.memo_id.is_(None))
    return [(mark, headline) for mark, headline in session.execute(stmt.order_by(Mark.marked_at)).all()]


def get_mark(session: Session, *, mark_id: uuid.UUID, owner_id: uuid.UUID) -> Mark | None:
    return session.scalars(select(Mark).where(Mark.id == mark_id, Mark.owner_id == owner_id)).first()
