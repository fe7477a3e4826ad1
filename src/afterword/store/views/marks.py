"""Marks as read for their owner, each with what landed: the headline of the memo recorded in
answer, once it is transcribed."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc, as_uuid, as_uuid_or_none

SQL = queries("marks")


@dataclass(frozen=True)
class MarkView:
    id: uuid.UUID
    marked_at: datetime
    memo_id: uuid.UUID | None
    headline: str | None
    """What landed: the headline of the memo recorded in answer, once transcribed."""

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> "MarkView":
        mark_id, marked, memo_id, headline = row
        return cls(as_uuid(mark_id), as_utc(marked), as_uuid_or_none(memo_id), headline)


def marks(reads: Reads, *, since: datetime, open_only: bool = False) -> list[MarkView]:
    """The reader's marks since then, oldest first (only those no memo answers yet, if asked)."""
    found = reads.rows.all(
        SQL["open_marks" if open_only else "marks"], person_id=reads.person_id, since=since
    )
    return [MarkView.of(row) for row in found]


def mark(reads: Reads, *, mark_id: uuid.UUID) -> MarkView | None:
    found = reads.rows.all(SQL["one"], person_id=reads.person_id, mark_id=mark_id)
    return MarkView.of(found[0]) if found else None
