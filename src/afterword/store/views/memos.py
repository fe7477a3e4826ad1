"""Memos as read for their owner: each with its job and insight, a memo's transcript with its
segments (and every version of a corrected one), full-text search, and the facts of its audio.
Another person's memo reads as no memo at all."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_json, as_utc, as_utc_or_none, as_uuid, as_uuid_or_none
from afterword.store.search import fts5_query

SQL = queries("memos")


@dataclass(frozen=True)
class MemoRecord:
    """A memo with its job and insight (the insight's fields are None until it is transcribed)."""

    id: uuid.UUID
    status: str
    created_at: datetime
    captured_at: datetime | None
    duration_seconds: float
    filename: str | None
    note: str | None
    last_error: str | None
    insight_id: uuid.UUID | None
    headline: str | None
    insight_text: str | None
    insight_captured_at: datetime | None
    attempts: int
    content_type: str | None
    size_bytes: int

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> "MemoRecord":
        (memo_id, status, created, captured, duration, filename, note, error) = row[:8]
        (insight_id, headline, text, insight_captured, attempts, content_type, size) = row[8:]
        return cls(
            as_uuid(memo_id),
            status,
            as_utc(created),
            as_utc_or_none(captured),
            duration,
            filename,
            note,
            error,
            as_uuid_or_none(insight_id),
            headline,
            text,
            as_utc_or_none(insight_captured),
            attempts,
            content_type,
            size,
        )


@dataclass(frozen=True)
class SegmentVersionRecord:
    version: int
    """0 is what the model heard."""
    text: str
    created_at: datetime


@dataclass(frozen=True)
class SegmentRecord:
    position: int
    start: float
    end: float
    text: str
    words: list[dict[str, Any]]
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float
    versions: list[SegmentVersionRecord]
    """Oldest first; empty while the segment is uncorrected."""


@dataclass(frozen=True)
class TranscriptRecord:
    text: str
    language: str
    model: str
    device: str
    compute_type: str
    audio_seconds: float
    processing_seconds: float
    created_at: datetime
    segments: list[SegmentRecord]


@dataclass(frozen=True)
class AudioRecord:
    """What serving a memo's audio needs to know of it."""

    memo_id: uuid.UUID
    sha256: str
    filename: str | None
    content_type: str | None
    duration_seconds: float


def recent_memos(reads: Reads, *, limit: int, offset: int = 0) -> list[MemoRecord]:
    """Newest first."""
    found = reads.rows.all(SQL["recent"], person_id=reads.person_id, limit=limit, offset=offset)
    return [MemoRecord.of(row) for row in found]


def memo_count(reads: Reads) -> int:
    return int(reads.rows.all(SQL["count"], person_id=reads.person_id)[0][0])


def memo(reads: Reads, *, memo_id: uuid.UUID) -> MemoRecord | None:
    found = reads.rows.all(SQL["one"], memo_id=memo_id, person_id=reads.person_id)
    return MemoRecord.of(found[0]) if found else None


def searched_memos(reads: Reads, *, words: str, limit: int) -> list[MemoRecord]:
    """The reader's memos whose transcript holds all the words (prefixes match), best first.
    SQLite's FTS5 gets each word as a quoted prefix term, so input is never FTS5 syntax."""
    query = fts5_query(words) if reads.rows.sqlite else words
    if not query:
        return []
    statement = SQL["search_sqlite" if reads.rows.sqlite else "search_postgresql"]
    found = reads.rows.all(statement, query=query, person_id=reads.person_id, limit=limit)
    return [MemoRecord.of(row) for row in found]


def transcript(reads: Reads, *, memo_id: uuid.UUID) -> TranscriptRecord | None:
    """The memo's transcript with its segments in order, each with its versions."""
    found = reads.rows.all(SQL["transcript"], memo_id=memo_id, person_id=reads.person_id)
    if not found:
        return None
    transcript_id, text, language, model, device, compute_type, audio, processing, created = found[0]
    versions: dict[int, list[SegmentVersionRecord]] = {}
    for segment_id, version, version_text, at in reads.rows.all(
        SQL["segment_versions"], transcript_id=transcript_id, person_id=reads.person_id
    ):
        versions.setdefault(segment_id, []).append(SegmentVersionRecord(version, version_text, as_utc(at)))
    segments = [
        SegmentRecord(
            position,
            start,
            end,
            seg_text,
            as_json(words),
            logprob,
            no_speech,
            ratio,
            temp,
            versions.get(segment_id, []),
        )
        for segment_id, position, start, end, seg_text, words, logprob, no_speech, ratio, temp in reads.rows.all(
            SQL["segments"], transcript_id=transcript_id
        )
    ]
    return TranscriptRecord(
        text, language, model, device, compute_type, audio, processing, as_utc(created), segments
    )


def audio(reads: Reads, *, memo_id: uuid.UUID) -> AudioRecord | None:
    found = reads.rows.all(SQL["audio"], memo_id=memo_id, person_id=reads.person_id)
    if not found:
        return None
    found_id, sha256, filename, content_type, duration = found[0]
    return AudioRecord(as_uuid(found_id), sha256, filename, content_type, duration)
