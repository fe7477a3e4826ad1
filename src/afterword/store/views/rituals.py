"""The week's good thing as read for its owner, with the times it happened."""

from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc

SQL = queries("rituals")


@dataclass(frozen=True)
class RitualView:
    text: str
    set_at: datetime
    happened: list[datetime]
    """The times it happened, oldest first."""


def newest_ritual(reads: Reads, *, since: datetime) -> RitualView | None:
    """The newest good thing the reader named since then."""
    found = reads.rows.all(SQL["newest"], person_id=reads.person_id, since=since)
    if not found:
        return None
    ritual_id, text, created = found[0]
    times = reads.rows.all(SQL["occurrences"], ritual_id=ritual_id, person_id=reads.person_id)
    return RitualView(text, as_utc(created), [as_utc(at) for (at,) in times])
