"""Insights as read for their owner, each with its summary's id."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.store.queries import queries
from afterword.store.reading import ALL, Reads, as_utc, as_uuid, as_uuid_or_none

SQL = queries("insights")


@dataclass(frozen=True)
class InsightRecord:
    id: uuid.UUID
    memo_id: uuid.UUID
    headline: str
    text: str
    captured_at: datetime
    therapy_session_id: uuid.UUID | None
    """Set only when the person moved it to a session by hand (reflect.following)."""
    summary_id: uuid.UUID | None

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> "InsightRecord":
        insight_id, memo_id, headline, text, captured, moved_to, summary_id = row
        return cls(
            as_uuid(insight_id),
            as_uuid(memo_id),
            headline,
            text,
            as_utc(captured),
            as_uuid_or_none(moved_to),
            as_uuid_or_none(summary_id),
        )


def insights(reads: Reads, *, limit: int | None = None) -> list[InsightRecord]:
    """The reader's insights, newest first."""
    found = reads.rows.all(SQL["insights"], person_id=reads.person_id, limit=ALL if limit is None else limit)
    return [InsightRecord.of(row) for row in found]


def insight(reads: Reads, *, insight_id: uuid.UUID) -> InsightRecord | None:
    found = reads.rows.all(SQL["one"], person_id=reads.person_id, insight_id=insight_id)
    return InsightRecord.of(found[0]) if found else None


def next_without_summary(reads: Reads) -> InsightRecord | None:
    found = reads.rows.all(SQL["next_without_summary"], person_id=reads.person_id)
    return InsightRecord.of(found[0]) if found else None


def charges_at_capture(reads: Reads) -> dict[uuid.UUID, int]:
    """How charged each of the reader's insights felt at capture, where they said."""
    return {
        as_uuid(i): charge
        for i, charge in reads.rows.all(SQL["charge_at_capture"], person_id=reads.person_id)
    }
