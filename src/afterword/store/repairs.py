"""Repair phrases and the times they were reached for. Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.enums import RepairStatus
from afterword.store.models import RepairPhrase, RepairUse


def latest_phrase(
    session: Session,
    *,
    status: RepairStatus,
    partnership_id: uuid.UUID | None = None,
    author_id: uuid.UUID | None = None,
) -> RepairPhrase | None:
    """The newest phrase in this state, within a partnership or (for one's own) by its author."""
    stmt = select(RepairPhrase).where(RepairPhrase.status == status)
    if partnership_id is not None:
        stmt = stmt.where(RepairPhrase.partnership_id == partnership_id)
    if author_id is not None:
        stmt = stmt.where(RepairPhrase.author_id == author_id)
    return session.scalars(stmt.order_by(RepairPhrase.created_at.desc()).limit(1)).first()


def retire(session: Session, row: RepairPhrase | None, *, status: RepairStatus, at: datetime) -> None:
    if row is not None:
        row.status, row.decided_at = status, at


def list_uses(session: Session, *, owner_id: uuid.UUID, since: datetime | None = None) -> list[RepairUse]:
    """Oldest first."""
    stmt = select(RepairUse).where(RepairUse.owner_id == owner_id)
    if since is not None:
        stmt = stmt.where(RepairUse.used_at >= since)
    return list(session.scalars(stmt.order_by(RepairUse.used_at)))
