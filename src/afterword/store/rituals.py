"""The week's ordinary good thing and the times it happened. Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Ritual, RitualMark


def newest_ritual(session: Session, *, owner_id: uuid.UUID, since: datetime) -> Ritual | None:
    stmt = select(Ritual).where(Ritual.owner_id == owner_id, Ritual.created_at >= since)
    return session.scalars(stmt.order_by(Ritual.created_at.desc()).limit(1)).first()


def ritual_marks(session: Session, *, ritual_id: uuid.UUID, owner_id: uuid.UUID) -> list[RitualMark]:
    """Oldest first."""
    stmt = select(RitualMark).where(RitualMark.ritual_id == ritual_id, RitualMark.owner_id == owner_id)
    return list(session.scalars(stmt.order_by(RitualMark.happened_at)))
