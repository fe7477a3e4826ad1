"""Pattern moments: reading and adding them. Every read takes the owner; nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.enums import JobStatus
from afterword.store.models import Job, Memo, Moment, Transcript, utc_now

MomentRow = tuple[Moment, str | None, JobStatus | None]
"""A moment with its memo's transcript text and job status (both None for a typed moment)."""


def moment_rows(
    session: Session,
    *,
    owner_id: uuid.UUID,
    since: datetime | None = None,
    moment_id: uuid.UUID | None = None,
) -> list[MomentRow]:
    """The owner's moments (since a time, or the one with this id), newest first."""
    stmt = (
        select(Moment, Transcript.text, Job.status)
        .outerjoin(Transcript, Transcript.memo_id == Moment.memo_id)
        .outerjoin(Job, Job.memo_id == Moment.memo_id)
        .where(Moment.owner_id == owner_id)
        .order_by(Moment.happened_at.desc(), Moment.id)
    )
    if since is not None:
        stmt = stmt.where(Moment.happened_at >= since)
    if moment_id is not None:
        stmt = stmt.where(Moment.id == moment_id)
    return [(moment, text, status) for moment, text, status in session.execute(stmt).all()]


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
