"""Memos as the doors show them: one view per thing, used as the API's answer and the CLI's
--json alike, read in plain SQL through store.lean's Rows (so `afterword list` needs no
SQLAlchemy). Every read takes the owner: another person's memo is "not found", like a missing one."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from afterword.controls import HEADLINE_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.store.enums import JobStatus
from afterword.store.lean import (
    Reader,
    Rows,
    as_json,
    as_utc,
    as_utc_or_none,
    as_uuid,
)
from afterword.store.search import FTS_TABLE, fts5_query
from afterword.store.thoughts import memo_id_by_ref
from afterword.transcribe.sentences import Sentence, transcript_sentences
from afterword.transcribe.speech_check import NO_SPEECH_ADVICE

if TYPE_CHECKING:
    from afterword.store.models import Memo

NO_SUCH_MEMO = "No such memo."
SETTLED = frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.NO_SPEECH})


@dataclass(frozen=True)
class InsightBrief:
    id: uuid.UUID
    headline: str
    text: str


@dataclass(frozen=True)
class SegmentView:
    position: int
    start: float
    end: float
    text: str
    version: int
    """0 while uncorrected; each correction is the next version."""
    heard: str | None
    """What the model heard, once the segment has been corrected."""
    words: list[dict[str, Any]]
    """Each word with its start, end and probability."""
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float


@dataclass(frozen=True)
class WordTiming:
    word: str
    start: float
    end: float


@dataclass(frozen=True)
class SentenceView:
    number: int
    """1 for the first sentence (`afterword play ID --sentence N`)."""
    start: float
    end: float
    """The span to play, in seconds of the memo's audio."""
    text: str
    words: list[WordTiming]
    segments: list[int]
    """The positions of the segments it has words in."""


@dataclass(frozen=True)
class TranscriptView:
    text: str
    language: str
    model: str
    device: str
    compute_type: str
    audio_seconds: float
    processing_seconds: float
    segments: list[SegmentView]
    sentences: list[SentenceView]
    """Cut from the word timings, to hear one again."""


@dataclass(frozen=True)
class MemoView:
    id: uuid.UUID
    status: str
    created_at: datetime
    captured_at: datetime | None
    duration_seconds: float
    filename: str | None
    note: str | None
    error: str | None
    advice: str | None
    """When no speech was heard: what to try."""
    headline: str | None
    insight: InsightBrief | None

    @property
    def settled(self) -> bool:
        return JobStatus(self.status) in SETTLED


@dataclass(frozen=True)
class MemoDetailView(MemoView):
    attempts: int
    content_type: str | None
    size_bytes: int
    transcript: TranscriptView | None


@dataclass(frozen=True)
class MemoPage:
    items: list[MemoView]
    total: int


class MemoRow(NamedTuple):
    """A memo with its job and insight, as MEMO_SQL reads it."""

    id: Any
    status: str
    created_at: Any
    captured_at: Any
    duration_seconds: float
    filename: str | None
    note: str | None
    last_error: str | None
    insight_id: Any
    headline: str | None
    insight_text: str | None
    insight_captured_at: Any
    attempts: int
    content_type: str | None
    size_bytes: int


MEMO_SQL = (
    "SELECT m.id, j.status, m.created_at, m.captured_at, m.duration_seconds, m.filename, m.note,"
    " j.last_error, i.id, i.headline, i.text, i.captured_at, j.attempts, m.content_type, m.size_bytes"
    " FROM memos m JOIN jobs j ON j.memo_id = m.id LEFT JOIN insights i ON i.memo_id = m.id"
)

SEARCH_SQL = {
    True: f"{MEMO_SQL} JOIN transcripts t ON t.memo_id = m.id"
    f" JOIN {FTS_TABLE} f ON f.transcript_id = t.id"
    f" WHERE {FTS_TABLE} MATCH :query AND f.owner_id = :owner_id AND m.owner_id = :owner_id"
    " ORDER BY f.rank LIMIT :limit",
    False: f"{MEMO_SQL} JOIN transcripts t ON t.memo_id = m.id"
    " WHERE t.owner_id = :owner_id AND m.owner_id = :owner_id"
    " AND t.search_vector @@ plainto_tsquery('english', :query)"
    " ORDER BY ts_rank(t.search_vector, plainto_tsquery('english', :query)) DESC LIMIT :limit",
}
"""Full-text search by database (Rows.sqlite): FTS5, or the tsvector with its GIN index."""


def memo_view(row: MemoRow) -> MemoView:
    brief = None
    if row.insight_id is not None:
        brief = InsightBrief(as_uuid(row.insight_id), str(row.headline), str(row.insight_text))
    return MemoView(
        id=as_uuid(row.id),
        status=row.status,
        created_at=as_utc(row.created_at),
        captured_at=as_utc_or_none(row.captured_at),
        duration_seconds=row.duration_seconds,
        filename=row.filename,
        note=row.note,
        error=row.last_error,
        advice=NO_SPEECH_ADVICE if row.status == JobStatus.NO_SPEECH else None,
        headline=row.headline,
        insight=brief,
    )


def just_queued_view(memo: "Memo") -> MemoView:
    """A memo intake has just stored (its job is queued with it)."""
    return MemoView(
        id=memo.id,
        status=JobStatus.QUEUED.value,
        created_at=memo.created_at,
        captured_at=memo.captured_at,
        duration_seconds=memo.duration_seconds,
        filename=memo.filename,
        note=memo.note,
        error=None,
        advice=None,
        headline=None,
        insight=None,
    )


def memo_detail_view(rows: Rows, row: MemoRow) -> MemoDetailView:
    """With the memo's transcript read beside it."""
    view = memo_view(row)
    return MemoDetailView(
        **vars(view),
        attempts=row.attempts,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        transcript=transcript_view(rows, memo_id=view.id, duration=view.duration_seconds),
    )


def transcript_view(rows: Rows, *, memo_id: uuid.UUID, duration: float) -> TranscriptView | None:
    found = rows.all(
        "SELECT id, text, language, model, device, compute_type, audio_seconds, processing_seconds"
        " FROM transcripts WHERE memo_id = :memo_id",
        memo_id=memo_id,
    )
    if not found:
        return None
    transcript_id, text, language, model, device, compute_type, audio, processing = found[0]
    segments = segment_views(rows, transcript_id=as_uuid(transcript_id))
    return TranscriptView(
        text=text,
        language=language,
        model=model,
        device=device,
        compute_type=compute_type,
        audio_seconds=audio,
        processing_seconds=processing,
        segments=segments,
        sentences=[sentence_view(s) for s in transcript_sentences(segments, duration=duration)],
    )


def segment_views(rows: Rows, *, transcript_id: uuid.UUID) -> list[SegmentView]:
    """In order, each with its versions (the first is what the model heard)."""
    versions: dict[int, list[tuple[int, str]]] = {}
    for segment_id, version, text in rows.all(
        "SELECT v.segment_id, v.version, v.text FROM segment_versions v"
        " JOIN segments s ON s.id = v.segment_id WHERE s.transcript_id = :transcript_id"
        " ORDER BY v.segment_id, v.version",
        transcript_id=transcript_id,
    ):
        versions.setdefault(segment_id, []).append((version, text))
    views = []
    for segment_id, position, start, end, text, words, logprob, no_speech, ratio, temperature in rows.all(
        'SELECT id, position, start, "end", text, words, avg_logprob, no_speech_prob,'
        " compression_ratio, temperature FROM segments WHERE transcript_id = :transcript_id"
        " ORDER BY position",
        transcript_id=transcript_id,
    ):
        kept = versions.get(segment_id, [])
        views.append(
            SegmentView(
                position=position,
                start=start,
                end=end,
                text=text,
                version=kept[-1][0] if kept else 0,
                heard=kept[0][1] if kept else None,
                words=as_json(words),
                avg_logprob=logprob,
                no_speech_prob=no_speech,
                compression_ratio=ratio,
                temperature=temperature,
            )
        )
    return views


def sentence_view(sentence: Sentence) -> SentenceView:
    words = [WordTiming(word.strip(), start, end) for word, start, end in sentence.words]
    return SentenceView(
        sentence.number, sentence.start, sentence.end, sentence.text, words, list(sentence.segments)
    )


def memo_rows(rows: Rows, sql: str, **params: Any) -> list[MemoRow]:
    return [MemoRow(*row) for row in rows.all(sql, **params)]


def recent_memo_rows(rows: Rows, *, owner_id: uuid.UUID, limit: int, offset: int = 0) -> list[MemoRow]:
    """Newest first."""
    return memo_rows(
        rows,
        f"{MEMO_SQL} WHERE m.owner_id = :owner_id ORDER BY m.created_at DESC, m.id LIMIT :limit OFFSET :offset",
        owner_id=owner_id,
        limit=limit,
        offset=offset,
    )


def searched_memo_rows(rows: Rows, *, owner_id: uuid.UUID, words: str, limit: int) -> list[MemoRow]:
    """The owner's memos whose transcript holds all the words (prefixes match), best first."""
    refuse_controls(words, what="the words to find")
    if len(words) > HEADLINE_CHARS:
        raise Invalid(f"search for at most {HEADLINE_CHARS} characters of words")
    # FTS5 gets each word as a quoted prefix term, so input is never FTS5 syntax.
    query = fts5_query(words) if rows.sqlite else words
    if not query:
        return []
    return memo_rows(rows, SEARCH_SQL[rows.sqlite], query=query, owner_id=owner_id, limit=limit)


def memo_page(db: Reader, *, owner_id: uuid.UUID, limit: int, offset: int = 0) -> MemoPage:
    """The owner's memos, newest first, and how many there are."""
    with db.rows() as rows:
        found = recent_memo_rows(rows, owner_id=owner_id, limit=limit, offset=offset)
        total = rows.all("SELECT count(*) FROM memos WHERE owner_id = :owner_id", owner_id=owner_id)
        return MemoPage([memo_view(row) for row in found], total[0][0])


def memo_row(rows: Rows, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> MemoRow | None:
    found = memo_rows(
        rows,
        f"{MEMO_SQL} WHERE m.id = :memo_id AND m.owner_id = :owner_id",
        memo_id=memo_id,
        owner_id=owner_id,
    )
    return found[0] if found else None


def get_memo_detail(db: Reader, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> MemoDetailView | None:
    with db.rows() as rows:
        row = memo_row(rows, owner_id=owner_id, memo_id=memo_id)
        return None if row is None else memo_detail_view(rows, row)


def memo_detail_or_404(db: Reader, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> MemoDetailView:
    view = get_memo_detail(db, owner_id=owner_id, memo_id=memo_id)
    if view is None:
        raise NotFound(NO_SUCH_MEMO)
    return view


def memo_row_by_ref(rows: Rows, *, owner_id: uuid.UUID, ref: str) -> MemoRow:
    """The row of the owner's memo whose id starts with these hex digits (NotFound otherwise)."""
    row = memo_row(rows, owner_id=owner_id, memo_id=memo_id_by_ref(rows, owner_id=owner_id, ref=ref))
    assert row is not None
    return row


def find_memo_id(db: Reader, *, owner_id: uuid.UUID, ref: str) -> uuid.UUID:
    """The id of the owner's memo with this id or these first characters."""
    with db.rows() as rows:
        return memo_id_by_ref(rows, owner_id=owner_id, ref=ref)


def find_memo_detail(db: Reader, *, owner_id: uuid.UUID, ref: str) -> MemoDetailView:
    """By id or its first characters."""
    with db.rows() as rows:
        return memo_detail_view(rows, memo_row_by_ref(rows, owner_id=owner_id, ref=ref))


def search_memo_views(db: Reader, *, owner_id: uuid.UUID, words: str, limit: int) -> list[MemoView]:
    """Memos whose transcript holds the words (prefixes match), best first."""
    with db.rows() as rows:
        return [
            memo_view(row) for row in searched_memo_rows(rows, owner_id=owner_id, words=words, limit=limit)
        ]
