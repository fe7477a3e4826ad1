"""Check-ins: planned and held. Every read takes the owner; nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from afterword.store.models import CheckIn


def list_checkins(session: Session, *, owner_id: uuid.UUID, since: datetime | None = None) -> list[CheckIn]:
    """Oldest first by when each is (or was) planned or held."""
    when = func.coalesce(CheckIn.held_at, CheckIn.planned_at)
    stmt = select(CheckIn).where(CheckIn.owner_id == owner_id)
    if since is not None:
        stmt = stmt.where(or_(CheckIn.held_at >= since, CheckIn.planned_at >= since))
    return list(session.scalars(stmt.order_by(when, CheckIn.created_at)))
