"""What a transcription takes and gives: per-memo options and the results, as frozen dataclasses
that know neither the model nor the database."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TranscribeOptions:
    """Per-memo choices; None leaves the engine's configured default."""

    language: str | None = None
    prompt: str | None = None
    temperature: float | None = None
    vocabulary: tuple[str, ...] = ()
    """The person's own names and words (see vocabulary_arguments)."""
    model: str | None = None
    """Another model than the configured one, for a retry."""

    def __post_init__(self) -> None:
        # Options come back from a job's JSON with a list; a tuple keeps them hashable.
        object.__setattr__(self, "vocabulary", tuple(self.vocabulary))


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class SegmentResult:
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    compression_ratio: float = 0.0
    temperature: float = 0.0


@dataclass(frozen=True)
class TranscriptResult:
    text: str
    language: str
    language_probability: float
    segments: tuple[SegmentResult, ...]
    audio_seconds: float
    processing_seconds: float
    model: str
    device: str
    compute_type: str
