"""What the API takes for your words: a corrected segment, names and words for the vocabulary, and
a retry. What it answers are the use cases' views (reflect.corrections, transcribe.vocabulary,
capture.clips)."""

from pydantic import BaseModel, ConfigDict, Field

from afterword.reflect.corrections import MAX_SEGMENT_CHARS
from afterword.transcribe.vocabulary import MAX_WORDS
from afterword.web.inputs import Line, Note


class SegmentCorrection(BaseModel):
    text: Note = Field(min_length=1, max_length=MAX_SEGMENT_CHARS)


class WordsAdd(BaseModel):
    words: list[Line] = Field(min_length=1, max_length=MAX_WORDS)
    """Names and words, each up to 60 characters."""

    model_config = ConfigDict(json_schema_extra={"example": {"words": ["Saoirse", "pursue-withdraw", "IFS"]}})


class RetryRequest(BaseModel):
    model: Line | None = None
    """Another model to try, the server's own or its AFTERWORD_WHISPER__RETRY_MODEL (GET /api/models); none: its own."""
