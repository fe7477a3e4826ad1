"""Therapy sessions, as the views that place things in a week read them."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc, as_uuid

SQL = queries("sessions")


@dataclass(frozen=True)
class SessionTime:
    """A session: which one, when it began, and the reader's note about it."""

    id: uuid.UUID
    starts_at: datetime
    note: str | None = None


def session_times(reads: Reads) -> list[SessionTime]:
    """The reader's therapy sessions, oldest first."""
    found = reads.rows.all(SQL["sessions"], person_id=reads.person_id)
    return [SessionTime(as_uuid(i), as_utc(starts), note) for i, starts, note in found]


def latest_session_start(reads: Reads, *, now: datetime) -> datetime | None:
    """When the reader's latest session that has begun by `now` began."""
    found = reads.rows.all(SQL["latest_start"], person_id=reads.person_id, now=now)
    return as_utc(found[0][0]) if found and found[0][0] is not None else None
