"""What the API takes and answers for your words: sentences to hear again, corrections kept as
versions, the personal vocabulary, audio links, and a retry. Built from views, never ORM rows."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from afterword.reflect.corrections import MAX_SEGMENT_CHARS
from afterword.transcribe.sentences import Sentence
from afterword.transcribe.vocabulary import MAX_WORDS
from afterword.web.inputs import Line, Note


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class WordTiming(BaseModel):
    word: str
    start: float
    end: float


class SentencePublic(BaseModel):
    number: int
    """1 for the first sentence (`afterword play ID --sentence N`)."""
    start: float
    end: float
    """The span to play, in seconds of the memo's audio."""
    text: str
    words: list[WordTiming]
    segments: list[int]
    """The positions of the segments it has words in."""

    @classmethod
    def of(cls, sentence: Sentence) -> "SentencePublic":
        return cls(
            number=sentence.number,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            words=[WordTiming(word=w.strip(), start=start, end=end) for w, start, end in sentence.words],
            segments=list(sentence.segments),
        )


class VersionPublic(Public):
    version: int
    """0 is what the model heard."""
    text: str
    created_at: datetime


class SegmentVersions(Public):
    position: int
    start: float
    end: float
    text: str
    version: int
    heard: str
    """The text as the model heard it."""
    versions: list[VersionPublic]


class SegmentCorrection(BaseModel):
    text: Note = Field(min_length=1, max_length=MAX_SEGMENT_CHARS)


class WordPublic(Public):
    id: uuid.UUID
    word: str
    created_at: datetime


class WordsPublic(BaseModel):
    items: list[WordPublic]


class WordsAdd(BaseModel):
    words: list[Line] = Field(min_length=1, max_length=MAX_WORDS)
    """Names and words, each up to 60 characters."""

    model_config = ConfigDict(json_schema_extra={"example": {"words": ["Saoirse", "pursue-withdraw", "IFS"]}})


class AudioLink(BaseModel):
    url: str
    """GET it without the token (a media element cannot send one); byte ranges are served."""
    expires_at: datetime


class RetryRequest(BaseModel):
    model: Line | None = None
    """Another model to try, the server's own or its AFTERWORD_WHISPER__RETRY_MODEL (GET /api/models); none: its own."""
