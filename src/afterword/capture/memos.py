"""Memos as the doors show them: one view per thing, used as the API's answer and the CLI's
--json alike, built from what store.views.memos reads (so `afterword list` needs no SQLAlchemy).
Every read is the reader's own: another person's memo is "not found", like a missing one."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from afterword.controls import HEADLINE_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.store.enums import JobStatus
from afterword.store.reading import Reader
from afterword.store.views import memos as stored
from afterword.store.views.memos import MemoRecord, SegmentRecord, TranscriptRecord
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


def memo_view(memo: MemoRecord) -> MemoView:
    brief = None
    if memo.insight_id is not None:
        brief = InsightBrief(memo.insight_id, str(memo.headline), str(memo.insight_text))
    return MemoView(
        id=memo.id,
        status=memo.status,
        created_at=memo.created_at,
        captured_at=memo.captured_at,
        duration_seconds=memo.duration_seconds,
        filename=memo.filename,
        note=memo.note,
        error=memo.last_error,
        advice=NO_SPEECH_ADVICE if memo.status == JobStatus.NO_SPEECH else None,
        headline=memo.headline,
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


def memo_detail_view(memo: MemoRecord, transcript: TranscriptRecord | None) -> MemoDetailView:
    view = memo_view(memo)
    return MemoDetailView(
        **vars(view),
        attempts=memo.attempts,
        content_type=memo.content_type,
        size_bytes=memo.size_bytes,
        transcript=None
        if transcript is None
        else transcript_view(transcript, duration=memo.duration_seconds),
    )


def transcript_view(transcript: TranscriptRecord, *, duration: float) -> TranscriptView:
    segments = [segment_view(segment) for segment in transcript.segments]
    return TranscriptView(
        text=transcript.text,
        language=transcript.language,
        model=transcript.model,
        device=transcript.device,
        compute_type=transcript.compute_type,
        audio_seconds=transcript.audio_seconds,
        processing_seconds=transcript.processing_seconds,
        segments=segments,
        sentences=[sentence_view(s) for s in transcript_sentences(segments, duration=duration)],
    )


def segment_view(segment: SegmentRecord) -> SegmentView:
    kept = segment.versions
    return SegmentView(
        position=segment.position,
        start=segment.start,
        end=segment.end,
        text=segment.text,
        version=kept[-1].version if kept else 0,
        heard=kept[0].text if kept else None,
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


def memo_page(reader: Reader, *, limit: int, offset: int = 0) -> MemoPage:
    """The reader's memos, newest first, and how many there are."""
    with reader.reads() as reads:
        found = stored.recent_memos(reads, limit=limit, offset=offset)
        return MemoPage([memo_view(memo) for memo in found], stored.memo_count(reads))


def get_memo_detail(reader: Reader, *, memo_id: uuid.UUID) -> MemoDetailView | None:
    with reader.reads() as reads:
        memo = stored.memo(reads, memo_id=memo_id)
        return None if memo is None else memo_detail_view(memo, stored.transcript(reads, memo_id=memo_id))


def memo_detail_or_404(reader: Reader, *, memo_id: uuid.UUID) -> MemoDetailView:
    view = get_memo_detail(reader, memo_id=memo_id)
    if view is None:
        raise NotFound(NO_SUCH_MEMO)
    return view


def checked_words(words: str) -> str:
    """Words to search for, as a person may type them (no control character, not too many)."""
    refuse_controls(words, what="the words to find")
    if len(words) > HEADLINE_CHARS:
        raise Invalid(f"search for at most {HEADLINE_CHARS} characters of words")
    return words


def search_memo_views(reader: Reader, *, words: str, limit: int) -> list[MemoView]:
    """The reader's memos whose transcript holds all the words (prefixes match), best first."""
    checked_words(words)
    with reader.reads() as reads:
        return [memo_view(memo) for memo in stored.searched_memos(reads, words=words, limit=limit)]
