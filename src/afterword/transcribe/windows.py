"""Several short memos transcribed in one batched model call (a worker's backlog).

Each memo's speech, found by VAD, is packed into windows of up to 30 s as the batched pipeline
packs a long memo, but a window never holds two memos: every memo's windows are laid one after
another on a shared timeline, a second of silence between memos, and handed to the pipeline as
explicit clips. The pipeline decodes up to batch-size windows side by side; each segment then goes
back to the memo whose stretch of the timeline it lies in, with its times on that memo's clock."""

import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from afterword.audio import SAMPLE_RATE
from afterword.transcribe.engine import WhisperEngine, split_at_sentences, to_segment_result
from afterword.transcribe.results import SegmentResult, TranscribeOptions, TranscriptResult

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment

WINDOW_SECONDS = 30
MEMO_GAP_SAMPLES = SAMPLE_RATE
"""A second of silence between memos on the timeline, so no segment can sit across two."""


@dataclass(frozen=True)
class MemoSpan:
    start: float
    """Where the memo's first window begins on the timeline, in seconds."""
    speech: list[dict[str, int]]
    """The memo's speech as VAD found it, in samples of its own audio."""


@dataclass(frozen=True)
class Timeline:
    audio: np.ndarray
    clips: list[dict[str, float]]
    """One window per clip, in seconds on the timeline."""
    spans: list[MemoSpan]


def lay_out(audios: Sequence[np.ndarray]) -> Timeline:
    """Every memo's speech windows, memo after memo, on one timeline."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    # The batched pipeline's own VAD settings for a long memo, so both batched paths cut alike.
    vad = VadOptions(max_speech_duration_s=WINDOW_SECONDS, min_silence_duration_ms=160)
    parts: list[np.ndarray] = []
    clips: list[dict[str, float]] = []
    spans: list[MemoSpan] = []
    position = 0
    for audio in audios:
        speech = get_speech_timestamps(audio, vad)
        spans.append(MemoSpan(position / SAMPLE_RATE, speech))
        windows = collect_chunks(audio, speech, max_duration=WINDOW_SECONDS)[0] if speech else []
        for window in windows:
            end = position + len(window)
            clips.append({"start": position / SAMPLE_RATE, "end": end / SAMPLE_RATE})
            parts.append(window)
            position = end
        parts.append(np.zeros(MEMO_GAP_SAMPLES, dtype=np.float32))
        position += MEMO_GAP_SAMPLES
    return Timeline(np.concatenate(parts), clips, spans)


def transcribe_together(
    engine: WhisperEngine, audios: Sequence[np.ndarray], options: TranscribeOptions
) -> list[TranscriptResult]:
    """Transcribe several memos' windows in batched calls (one per spoken language); the results
    come in the order of `audios`. Each memo's processing time is its share, by length, of all.
    With a vocabulary, as the engine does: twice, merged (see transcribe.vocabulary_merge)."""
    if not options.vocabulary:
        return transcribe_once_together(engine, audios, options)
    from afterword.transcribe.vocabulary_merge import merge_vocabulary

    plain = transcribe_once_together(engine, audios, replace(options, vocabulary=()))
    heard = transcribe_once_together(engine, audios, options)
    return [merge_vocabulary(p, h, options.vocabulary) for p, h in zip(plain, heard, strict=True)]


def transcribe_once_together(
    engine: WhisperEngine, audios: Sequence[np.ndarray], options: TranscribeOptions
) -> list[TranscriptResult]:
    """One batched pass over every memo's windows."""
    model = engine.load(options.model)
    started = time.perf_counter()
    languages = [language_of(engine, model, audio, options) for audio in audios]
    segments: list[list[SegmentResult]] = [[] for _ in audios]
    for language in {language for language, _probability in languages}:
        indexes = [i for i, (lang, _p) in enumerate(languages) if lang == language]
        found = decode_timeline(engine, model, [audios[i] for i in indexes], options, language)
        for index, memo_segments in zip(indexes, found, strict=True):
            segments[index] = memo_segments
    elapsed = time.perf_counter() - started
    total_samples = sum(len(audio) for audio in audios)
    return [
        engine.result(
            memo_segments,
            language=language,
            language_probability=probability,
            audio_seconds=len(audio) / SAMPLE_RATE,
            processing_seconds=elapsed * len(audio) / total_samples,
            model=options.model,
        )
        for audio, memo_segments, (language, probability) in zip(audios, segments, languages, strict=True)
    ]


def language_of(
    engine: WhisperEngine, model: "WhisperModel", audio: np.ndarray, options: TranscribeOptions
) -> tuple[str, float]:
    """The memo's language: English for English-only models, the one asked for, or detected
    in its first 30 s as sequential decoding does."""
    language = engine.decode_options(model, options)["language"]
    if language is not None:
        return language, 1.0
    detected, probability, _all = model.detect_language(audio=audio)
    return detected, probability


def decode_timeline(
    engine: WhisperEngine,
    model: "WhisperModel",
    audios: Sequence[np.ndarray],
    options: TranscribeOptions,
    language: str,
) -> list[list[SegmentResult]]:
    """Each memo's segments, from batched calls over all their windows."""
    from faster_whisper import BatchedInferencePipeline

    timeline = lay_out(audios)
    if not timeline.clips:  # no memo has speech
        return [[] for _ in audios]
    found: list[list[Segment]] = [[] for _ in audios]
    starts = [span.start for span in timeline.spans]
    arguments = {**engine.decode_options(model, options), "language": language}
    seconds = len(timeline.audio) / SAMPLE_RATE
    with engine.memory.windows(engine.config.batch_size, audio_seconds=seconds) as batch_size:
        segments, _info = BatchedInferencePipeline(model).transcribe(
            timeline.audio, clip_timestamps=timeline.clips, batch_size=batch_size, **arguments
        )
        for segment in segments:
            found[bisect_right(starts, (segment.start + segment.end) / 2) - 1].append(segment)
    return [on_memo_clock(memo, span) for memo, span in zip(found, timeline.spans, strict=True)]


def on_memo_clock(segments: list["Segment"], span: MemoSpan) -> list[SegmentResult]:
    """The segments with times in the memo's own audio: off the timeline, then the silence VAD
    took out put back."""
    from faster_whisper.transcribe import restore_speech_timestamps

    def shift(seconds: float) -> float:  # word timings may start a hair before their window
        return max(0.0, seconds - span.start)

    shifted = [
        replace(
            segment,
            start=shift(segment.start),
            end=shift(segment.end),
            words=[
                replace(word, start=shift(word.start), end=shift(word.end)) for word in segment.words or ()
            ],
        )
        for segment in segments
    ]
    restored = restore_speech_timestamps(shifted, span.speech, SAMPLE_RATE)
    return [sentence for segment in restored for sentence in split_at_sentences(to_segment_result(segment))]
