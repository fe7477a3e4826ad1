"""Appreciations a partner sent within a partnership, for the write that notes them seen.
Nothing here commits."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Appreciation


def sent_within(session: Session, *, partnership_id: uuid.UUID, sender_id: uuid.UUID) -> list[Appreciation]:
    """What the sender sent in this partnership (never an unsent one), newest first."""
    stmt = select(Appreciation).where(
        Appreciation.partnership_id == partnership_id,
        Appreciation.owner_id == sender_id,
        Appreciation.sent_at.is_not(None),
    )
    return list(session.scalars(stmt.order_by(Appreciation.sent_at.desc())))
