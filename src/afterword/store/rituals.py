"""The week's ordinary good thing, for the write that notes it happened. Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Ritual


def newest_ritual(session: Session, *, owner_id: uuid.UUID, since: datetime) -> Ritual | None:
    stmt = select(Ritual).where(Ritual.owner_id == owner_id, Ritual.created_at >= since)
    return session.scalars(stmt.order_by(Ritual.created_at.desc()).limit(1)).first()
