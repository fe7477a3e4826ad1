"""What the API answers. Routes return these, never ORM objects."""

import uuid
from datetime import datetime

from pydantic import BaseModel

from afterword.store.models import JobStatus, Memo


class PersonPublic(BaseModel):
    id: uuid.UUID
    name: str


class InsightPublic(BaseModel):
    id: uuid.UUID
    headline: str
    text: str


class SegmentPublic(BaseModel):
    start: float
    end: float
    text: str


class TranscriptPublic(BaseModel):
    text: str
    language: str
    model: str
    segments: list[SegmentPublic]


class MemoPublic(BaseModel):
    id: uuid.UUID
    status: str
    created_at: datetime
    captured_at: datetime | None
    duration_seconds: float
    filename: str | None
    note: str | None
    error: str | None
    insight: InsightPublic | None

    @classmethod
    def of(cls, memo: Memo, *, just_queued: bool = False) -> "MemoPublic":
        """From a memo loaded with its job and insight, or (just_queued) one just added."""
        insight = None if just_queued else memo.insight
        return cls(
            id=memo.id,
            status=JobStatus.QUEUED.value if just_queued else memo.job.status.value,
            created_at=memo.created_at,
            captured_at=memo.captured_at,
            duration_seconds=memo.duration_seconds,
            filename=memo.filename,
            note=memo.note,
            error=None if just_queued else memo.job.last_error,
            insight=None
            if insight is None
            else InsightPublic(id=insight.id, headline=insight.headline, text=insight.text),
        )


class MemoDetail(MemoPublic):
    transcript: TranscriptPublic | None

    @classmethod
    def of(cls, memo: Memo) -> "MemoDetail":
        """From a memo loaded with load_memo_details."""
        transcript = memo.transcript
        return cls(
            **MemoPublic.of(memo).model_dump(),
            transcript=None
            if transcript is None
            else TranscriptPublic(
                text=transcript.text,
                language=transcript.language,
                model=transcript.model,
                segments=[SegmentPublic(start=s.start, end=s.end, text=s.text) for s in transcript.segments],
            ),
        )


class MemosPublic(BaseModel):
    items: list[MemoPublic]
    total: int


class InsightHit(InsightPublic):
    memo_id: uuid.UUID
    captured_at: datetime


class InsightsPublic(BaseModel):
    items: list[InsightHit]

    @classmethod
    def of(cls, memos: list[Memo]) -> "InsightsPublic":
        """From memos loaded with their insight; memos not yet transcribed are left out."""
        return cls(
            items=[
                InsightHit(
                    id=m.insight.id,
                    memo_id=m.id,
                    headline=m.insight.headline,
                    text=m.insight.text,
                    captured_at=m.insight.captured_at,
                )
                for m in memos
                if m.insight is not None
            ]
        )
