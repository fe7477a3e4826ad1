"""Memos as the doors show them: one view per thing, used as the API's answer and the CLI's
--json alike, and the use cases that read, retry and delete memos. Every read takes the owner:
another person's memo is "not found", like a missing one."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.errors import Conflict, NotFound
from afterword.store.db import Database
from afterword.store.jobs import requeue_failed
from afterword.store.memos import (
    count_memos,
    find_memo,
    get_memo,
    list_recent_memos,
    load_memo_details,
)
from afterword.store.models import JobStatus, Memo
from afterword.store.search import search_memos
from afterword.store.storage import Storage

NO_SUCH_MEMO = "No such memo."
SETTLED = frozenset({JobStatus.DONE, JobStatus.FAILED})


@dataclass(frozen=True)
class InsightBrief:
    id: uuid.UUID
    headline: str
    text: str


@dataclass(frozen=True)
class SegmentView:
    start: float
    end: float
    text: str
    words: list[dict[str, Any]]
    """Each word with its start, end and probability."""
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float


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
            segments=[
                SegmentView(
                    s.start,
                    s.end,
                    s.text,
                    s.words,
                    s.avg_logprob,
                    s.no_speech_prob,
                    s.compression_ratio,
                    s.temperature,
                )
                for s in transcript.segments
            ],
        ),
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


def find_memo_detail(db: Database, *, owner_id: uuid.UUID, ref: str) -> MemoDetailView:
    """By id or its first characters."""
    with db.read() as session:
        memo = find_memo(session, id_or_prefix=ref, owner_id=owner_id)
        return memo_detail_view(load_memo_details(session, memo=memo))


def search_memo_views(db: Database, *, owner_id: uuid.UUID, words: str, limit: int) -> list[MemoView]:
    """Memos whose transcript holds the words (prefixes match), best first."""
    with db.read() as session:
        return [memo_view(m) for m in search_memos(session, owner_id=owner_id, words=words, limit=limit)]


def memo_audio(storage: Storage, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> tuple[MemoDetailView, bytes]:
    """The memo and its audio as uploaded; NotFound when the audio was not kept."""
    view = memo_detail_or_404(storage.db, owner_id=owner_id, memo_id=memo_id)
    with storage.db.read() as session:
        memo = session.get_one(Memo, memo_id)
        data = storage.blobs.read(session, memo.sha256)
    if data is None:
        raise NotFound("The audio of this memo was not kept; its transcript is.")
    return view, data


def retry_memo(db: Database, *, owner_id: uuid.UUID, ref: str) -> MemoView:
    """Queue a failed memo's transcription again, with a fresh set of attempts. Only a failed
    one: a queued or running memo is on its way, and a done one has its transcript."""
    with db.write() as session:
        memo = find_memo(session, id_or_prefix=ref, owner_id=owner_id)
        memo = load_memo_details(session, memo=memo)
        if memo.job.status != JobStatus.FAILED:
            raise Conflict(f"memo {memo.id.hex[:8]} has not failed (it is {memo.job.status.value})")
        requeue_failed(session, job=memo.job)
        session.flush()
        return memo_view(memo)
