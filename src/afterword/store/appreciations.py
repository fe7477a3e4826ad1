"""Appreciations: one's own, and those a partner sent within a partnership. Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Appreciation


def own_appreciations(
    session: Session, *, owner_id: uuid.UUID, since: datetime | None = None
) -> list[Appreciation]:
    """Newest first."""
    stmt = select(Appreciation).where(Appreciation.owner_id == owner_id)
    if since is not None:
        stmt = stmt.where(Appreciation.created_at >= since)
    return list(session.scalars(stmt.order_by(Appreciation.created_at.desc())))


def sent_within(
    session: Session,
    *,
    partnership_id: uuid.UUID,
    sender_id: uuid.UUID,
    since: datetime | None = None,
) -> list[Appreciation]:
    """What the sender sent in this partnership (never an unsent one), newest first."""
    stmt = select(Appreciation).where(
        Appreciation.partnership_id == partnership_id,
        Appreciation.owner_id == sender_id,
        Appreciation.sent_at.is_not(None),
    )
    if since is not None:
        stmt = stmt.where(Appreciation.sent_at >= since)
    return list(session.scalars(stmt.order_by(Appreciation.sent_at.desc())))
