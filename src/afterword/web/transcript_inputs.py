"""What the API takes about a transcript: a corrected segment, and a memo to transcribe again.
What it answers are the use cases' views (reflect.corrections, capture.memos)."""

from pydantic import BaseModel, Field

from afterword.reflect.corrections import MAX_SEGMENT_CHARS
from afterword.web.inputs import Line, Note


class SegmentCorrection(BaseModel):
    text: Note = Field(min_length=1, max_length=MAX_SEGMENT_CHARS)


class RetryRequest(BaseModel):
    model: Line | None = None
    """Another model to try, the server's own or its AFTERWORD_WHISPER__RETRY_MODEL (GET /api/models); none: its own."""
