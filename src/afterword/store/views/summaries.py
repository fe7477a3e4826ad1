"""Own-words summaries as read for their owner: each with its insight's headline and current
version, and every version of one."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_json, as_utc, as_uuid

SQL = queries("summaries")


@dataclass(frozen=True)
class SummaryVersionRecord:
    version: int
    template: str
    answers: list[dict[str, str]]
    paragraph: str
    created_at: datetime


@dataclass(frozen=True)
class SummaryRecord:
    id: uuid.UUID
    insight_id: uuid.UUID
    headline: str
    captured_at: datetime
    paragraph: str
    version: int
    shared: bool
    updated_at: datetime

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> "SummaryRecord":
        summary_id, insight_id, headline, captured, paragraph, version, shared, updated = row
        return cls(
            as_uuid(summary_id),
            as_uuid(insight_id),
            headline,
            as_utc(captured),
            paragraph,
            version,
            bool(shared),
            as_utc(updated),
        )


def summaries(reads: Reads) -> list[SummaryRecord]:
    """The reader's summaries, most recently written first."""
    return [SummaryRecord.of(row) for row in reads.rows.all(SQL["summaries"], person_id=reads.person_id)]


def summary(reads: Reads, *, summary_id: uuid.UUID) -> SummaryRecord | None:
    found = reads.rows.all(SQL["one"], person_id=reads.person_id, summary_id=summary_id)
    return SummaryRecord.of(found[0]) if found else None


def versions(reads: Reads, *, summary_id: uuid.UUID) -> list[SummaryVersionRecord]:
    """Every version of the reader's summary, oldest first."""
    found = reads.rows.all(SQL["versions"], person_id=reads.person_id, summary_id=summary_id)
    return [SummaryVersionRecord(v, t, as_json(a), p, as_utc(at)) for v, t, a, p, at in found]


def summary_of_insight(reads: Reads, *, insight_id: uuid.UUID) -> uuid.UUID | None:
    """The id of the reader's insight's summary, when it has one."""
    found = reads.rows.all(SQL["of_insight"], insight_id=insight_id, person_id=reads.person_id)
    return as_uuid(found[0][0]) if found else None


def newest_answers(reads: Reads, *, summary_id: uuid.UUID, template: str) -> list[dict[str, str]] | None:
    """The answers of the summary's newest version written with this template, if any."""
    found = reads.rows.all(
        SQL["newest_answers"], summary_id=summary_id, person_id=reads.person_id, template=template
    )
    return as_json(found[0][0]) if found else None
