"""What the API answers. Routes return these, never ORM objects."""

import uuid
from datetime import datetime

from pydantic import BaseModel

from afterword.store.models import JobStatus, Memo, Segment
from afterword.transcribe.sentences import transcript_sentences
from afterword.transcribe.speech_check import NO_SPEECH_ADVICE
from afterword.web.word_schemas import SentencePublic


class PersonPublic(BaseModel):
    id: uuid.UUID
    name: str


class InsightPublic(BaseModel):
    id: uuid.UUID
    headline: str
    text: str


class SegmentPublic(BaseModel):
    position: int
    start: float
    end: float
    text: str
    version: int
    """0 while uncorrected; each correction is the next version."""
    heard: str | None
    """What the model heard, once the segment has been corrected."""

    @classmethod
    def of(cls, segment: Segment) -> "SegmentPublic":
        """From a segment loaded with its versions."""
        versions = segment.versions
        return cls(
            position=segment.position,
            start=segment.start,
            end=segment.end,
            text=segment.text,
            version=versions[-1].version if versions else 0,
            heard=versions[0].text if versions else None,
        )


class TranscriptPublic(BaseModel):
    text: str
    language: str
    model: str
    segments: list[SegmentPublic]
    sentences: list[SentencePublic]
    """Cut from the word timings, to hear one again."""


class MemoPublic(BaseModel):
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
            advice=NO_SPEECH_ADVICE if not just_queued and memo.job.status == JobStatus.NO_SPEECH else None,
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
                segments=[SegmentPublic.of(s) for s in transcript.segments],
                sentences=[
                    SentencePublic.of(s)
                    for s in transcript_sentences(transcript.segments, duration=memo.duration_seconds)
                ],
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
