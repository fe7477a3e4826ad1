"""Check-ins as read for their owner, planned and held."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc_or_none, as_uuid

SQL = queries("checkins")


@dataclass(frozen=True)
class CheckInView:
    id: uuid.UUID
    planned_at: datetime | None
    held_at: datetime | None
    question: str | None
    note: str | None


def checkins(reads: Reads, *, since: datetime | None = None) -> list[CheckInView]:
    """Oldest first by when each is (or was) planned or held; since then, when given."""
    if since is None:
        found = reads.rows.all(SQL["checkins"], person_id=reads.person_id)
    else:
        found = reads.rows.all(SQL["checkins_since"], person_id=reads.person_id, since=since)
    return [
        CheckInView(as_uuid(i), as_utc_or_none(planned), as_utc_or_none(held), question, note)
        for i, planned, held, question, note in found
    ]
