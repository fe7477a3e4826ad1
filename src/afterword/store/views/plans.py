"""If-then plans (triggers) as read for their owner."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.enums import TriggerKind
from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc, as_uuid

SQL = queries("plans")


@dataclass(frozen=True)
class PlanRecord:
    id: uuid.UUID
    summary_id: uuid.UUID
    headline: str
    """Of the summary's insight."""
    kind: TriggerKind
    cue: str
    weekday: int | None
    minute_of_day: int | None
    made_at: datetime


def plans(reads: Reads) -> list[PlanRecord]:
    """The reader's plans, oldest first."""
    return [
        PlanRecord(as_uuid(i), as_uuid(s), headline, TriggerKind(kind), cue, weekday, minute, as_utc(made))
        for i, s, headline, kind, cue, weekday, minute, made in reads.rows.all(
            SQL["plans"], person_id=reads.person_id
        )
    ]
