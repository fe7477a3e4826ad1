"""Recall attempts as read for their owner, with the insight each was about."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.enums import RecallAnswer
from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc, as_uuid

SQL = queries("recalls")


@dataclass(frozen=True)
class RecallRecord:
    insight_id: uuid.UUID
    day: int | None
    answer: RecallAnswer
    recalled_at: datetime
    headline: str


def recalls(reads: Reads, *, since: datetime) -> list[RecallRecord]:
    """The reader's recall attempts since then, oldest first."""
    found = reads.rows.all(SQL["recalls"], person_id=reads.person_id, since=since)
    return [
        RecallRecord(as_uuid(i), day, RecallAnswer(answer), as_utc(at), headline)
        for i, day, answer, at, headline in found
    ]
