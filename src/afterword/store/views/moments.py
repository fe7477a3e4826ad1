"""Pattern moments as read for their owner: a typed one's words, or a voice one's transcript and
the status of its transcription."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.store.enums import JobStatus
from afterword.store.queries import queries
from afterword.store.reading import EVER, Reads, as_utc, as_uuid, as_uuid_or_none

SQL = queries("moments")
ANSWER_FIELDS = ("what_happened", "felt", "tried", "stuck", "helped")


@dataclass(frozen=True)
class MomentRecord:
    id: uuid.UUID
    happened_at: datetime
    text: str | None
    """What was typed, or what the voice memo said once transcribed."""
    memo_id: uuid.UUID | None
    answers: dict[str, str | None]
    """By field (ANSWER_FIELDS)."""
    status: JobStatus | None
    """A voice moment's transcription."""

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> "MomentRecord":
        moment_id, happened, typed, memo_id, *answers, heard, status = row
        memo = as_uuid_or_none(memo_id)
        return cls(
            as_uuid(moment_id),
            as_utc(happened),
            typed if memo is None else heard,
            memo,
            dict(zip(ANSWER_FIELDS, answers, strict=True)),
            JobStatus(status) if status else None,
        )


def moments(reads: Reads, *, since: datetime | None = None) -> list[MomentRecord]:
    """The reader's moments since then, newest first."""
    found = reads.rows.all(SQL["moments"], person_id=reads.person_id, since=since or EVER)
    return [MomentRecord.of(row) for row in found]


def moment(reads: Reads, *, moment_id: uuid.UUID) -> MomentRecord | None:
    found = reads.rows.all(SQL["one"], person_id=reads.person_id, moment_id=moment_id)
    return MomentRecord.of(found[0]) if found else None
