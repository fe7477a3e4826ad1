"""Repair phrases, for the writes that propose, agree and retire them (read through
store.views.repair). Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.enums import RepairStatus
from afterword.store.models import RepairPhrase
from afterword.store.reading import Reads, SessionRows
from afterword.store.views import repair


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


def phrase_in_use(session: Session, *, person_id: uuid.UUID) -> repair.PhraseInUse | None:
    """The phrase in use (store.views.repair), read in a write's own transaction."""
    return repair.phrase_in_use(Reads(SessionRows(session), person_id))
