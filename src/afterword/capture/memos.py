"""Memos as the doors show them: one view per thing, used as the API's answer and the CLI's
--json alike, and the use cases that read, retry and delete memos. Every read takes the owner:
another person's memo is "not found", like a missing one."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.errors import NotFound
from afterword.store.db import Database
from afterword.store.memos import (
    count_memos,
    find_memo,
    get_memo,
    list_recent_memos,
    load_memo_details,
)
from afterword.store.models import JobStatus, Memo, Segment
from afterword.store.search import search_memos
from afterword.transcribe.sentences import Sentence, transcript_sentences
from afterword.transcribe.speech_check import NO_SPEECH_ADVICE

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


def memo_view(memo: Memo) -> MemoView:
    """From a memo loaded with its job and insight."""
    insight = memo.insight
    brief = None if insight is None else InsightBrief(insight.id, insight.headline, insight.text)
    return MemoView(
        id=memo.id,
        status=memo.job.status.value,
        created_at=memo.created_at,
        captured_at=memo.captured_at,
        duration_seconds=memo.duration_seconds,
        filename=memo.filename,
        note=memo.note,
        error=memo.job.last_error,
        advice=NO_SPEECH_ADVICE if memo.job.status == JobStatus.NO_SPEECH else None,
        headline=None if insight is None else insight.headline,
        insight=brief,
    )


def just_queued_view(memo: Memo) -> MemoView:
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


def memo_detail_view(memo: Memo) -> MemoDetailView:
    """From a memo loaded with load_memo_details."""
    transcript = memo.transcript
    return MemoDetailView(
        **vars(memo_view(memo)),
        attempts=memo.job.attempts,
        content_type=memo.content_type,
        size_bytes=memo.size_bytes,
        transcript=None
        if transcript is None
        else TranscriptView(
            text=transcript.text,
            language=transcript.language,
            model=transcript.model,
            device=transcript.device,
            compute_type=transcript.compute_type,
            audio_seconds=transcript.audio_seconds,
            processing_seconds=transcript.processing_seconds,
            segments=[segment_view(s) for s in transcript.segments],
            sentences=[
                sentence_view(s)
                for s in transcript_sentences(transcript.segments, duration=memo.duration_seconds)
            ],
        ),
    )


def segment_view(segment: Segment) -> SegmentView:
    """From a segment loaded with its versions (the first is what the model heard)."""
    versions = segment.versions
    return SegmentView(
        position=segment.position,
        start=segment.start,
        end=segment.end,
        text=segment.text,
        version=versions[-1].version if versions else 0,
        heard=versions[0].text if versions else None,
        words=segment.words,
        avg_logprob=segment.avg_logprob,
        no_speech_prob=segment.no_speech_prob,
        compression_ratio=segment.compression_ratio,
        temperature=segment.temperature,
    )


def sentence_view(sentence: Sentence) -> SentenceView:
    words = [WordTiming(word.strip(), start, end) for word, start, end in sentence.words]
    return SentenceView(
        sentence.number, sentence.start, sentence.end, sentence.text, words, list(sentence.segments)
    )


def memo_page(db: Database, *, owner_id: uuid.UUID, limit: int, offset: int = 0) -> MemoPage:
    """The owner's memos, newest first, and how many there are."""
    with db.read() as session:
        memos = list_recent_memos(session, owner_id=owner_id, limit=limit, offset=offset)
        return MemoPage([memo_view(m) for m in memos], count_memos(session, owner_id=owner_id))


def get_memo_detail(db: Database, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> MemoDetailView | None:
    with db.read() as session:
        memo = get_memo(session, memo_id=memo_id, owner_id=owner_id)
        return None if memo is None else memo_detail_view(load_memo_details(session, memo=memo))


def memo_detail_or_404(db: Database, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> MemoDetailView:
    view = get_memo_detail(db, owner_id=owner_id, memo_id=memo_id)
    if view is None:
        raise NotFound(NO_SUCH_MEMO)
    return view


def find_memo_id(db: Database, *, owner_id: uuid.UUID, ref: str) -> uuid.UUID:
    """The id of the owner's memo with this id or these first characters."""
    with db.read() as session:
        return find_memo(session, id_or_prefix=ref, owner_id=owner_id).id


def find_memo_detail(db: Database, *, owner_id: uuid.UUID, ref: str) -> MemoDetailView:
    """By id or its first characters."""
    with db.read() as session:
        memo = find_memo(session, id_or_prefix=ref, owner_id=owner_id)
        return memo_detail_view(load_memo_details(session, memo=memo))


def search_memo_views(db: Database, *, owner_id: uuid.UUID, words: str, limit: int) -> list[MemoView]:
    """Memos whose transcript holds the words (prefixes match), best first."""
    with db.read() as session:
        return [memo_view(m) for m in search_memos(session, owner_id=owner_id, words=words, limit=limit)]
