"""Decoding any phone or desktop audio format to 16 kHz mono PCM, with no system ffmpeg needed.

PyAV (already installed with faster-whisper) carries FFmpeg's decoders as a library, so every
format decodes after a plain pip install; the result is handed to pydub as raw PCM. A system
ffmpeg, when one is on PATH, is the fallback for anything PyAV cannot open."""

import logging
import math
import shutil
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

import av
import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH; PyAV decodes without one.
    warnings.filterwarnings("ignore", message="Couldn't find ffmpeg", category=RuntimeWarning)
    from pydub import AudioSegment

from afterword.errors import Invalid, NotAudio

__all__ = [
    "AudioTooLong",
    "AudioTooShort",
    "NoSound",
    "NotAudio",
    "SilentAudio",
    "SAMPLE_RATE",
    "decode_file",
]

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
SAMPLE_WIDTH_BYTES = 2
# FFmpeg's built-in AMR-NB decoder rejects files with DTX (comfort noise) frames, which phones
# write; the opencore decoder bundled in PyAV's wheels reads them.
DECODER_OVERRIDES = {"amrnb": "libopencore_amrnb"}
# A header may understate the length a little (VBR, padding); past this margin it is trusted.
HEADER_DURATION_MARGIN_SECONDS = 5.0
# Decoding reads every frame anyway, so FFmpeg's up-front probing of the stream (several ms per
# file) buys nothing unless the header leaves the stream's parameters unknown.
QUICK_OPEN = {"probesize": "32", "analyzeduration": "0"}
# What a recording can be: telephone audio up to studio rates, mono up to 7.1.
MIN_SAMPLE_RATE, MAX_SAMPLE_RATE = 4_000, 384_000
MAX_CHANNELS = 8
MIN_SECONDS = 0.1
"""Shorter than this holds no word: refused as too short."""


class NoSound(Invalid):
    def __init__(self) -> None:
        super().__init__("The recording has no length: it holds no sound at all.")


class SilentAudio(Invalid):
    def __init__(self) -> None:
        super().__init__("The recording is silent: check the microphone and record again.")


class AudioTooShort(Invalid):
    def __init__(self) -> None:
        super().__init__("The recording is too short to hold a word: record again.")


class AudioTooLong(Invalid):
    def __init__(self, max_seconds: float) -> None:
        super().__init__(f"The recording is longer than the limit of {max_seconds / 60:g} minutes.")


AudioSource = Path | BinaryIO
"""A file on disk, or the bytes of one in memory."""


def decode_file(path: AudioSource, *, max_seconds: float) -> AudioSegment:
    """16 kHz mono 16-bit audio of the file, or an error saying why not (NotAudio, NoSound, AudioTooLong)."""
    try:
        return decode_with_pyav(path, max_seconds=max_seconds)
    except (AudioTooLong, NoSound):
        raise
    except Exception as error:  # whatever a hostile file makes the decoder do: not audio we read
        if shutil.which("ffmpeg") is None:
            raise error if isinstance(error, NotAudio) else NotAudio() from error
        logger.info("PyAV could not decode the memo; trying the system ffmpeg")
        return decode_with_system_ffmpeg(path, max_seconds=max_seconds)


@dataclass(frozen=True)
class CheckedAudio:
    duration_seconds: float
    peak_dbfs: float
    samples: np.ndarray
    """What the model takes: float32 in [-1, 1], 16 kHz mono."""


def inspect_file(path: AudioSource, *, max_seconds: float, silence_dbfs: float) -> CheckedAudio:
    """Decode the whole file the way the worker does, and refuse it if it is not audio, has no
    sound, is silent or is too long: what intake accepts, the worker can transcribe."""
    samples = to_float32(decode_file(path, max_seconds=max_seconds))
    if samples.size == 0:
        raise NoSound()
    if samples.size < MIN_SECONDS * SAMPLE_RATE:
        raise AudioTooShort()
    peak = float(np.abs(samples).max())
    peak_dbfs = 20 * math.log10(peak) if peak else -math.inf
    if peak_dbfs < silence_dbfs:
        raise SilentAudio()
    return CheckedAudio(samples.size / SAMPLE_RATE, peak_dbfs, samples)


class DecodedAudio:
    """Samples intake has decoded, kept (up to a memory bound) for this process's own worker,
    which takes each once instead of decoding the memo again."""

    def __init__(self, *, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._held: OrderedDict[str, np.ndarray] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, key: str, samples: np.ndarray) -> None:
        with self._lock:
            if key in self._held:
                return
            self._held[key] = samples
            self._bytes += samples.nbytes
            while self._bytes > self.max_bytes and self._held:
                _key, dropped = self._held.popitem(last=False)
                self._bytes -= dropped.nbytes

    def take(self, key: str) -> np.ndarray | None:
        with self._lock:
            samples = self._held.pop(key, None)
            if samples is not None:
                self._bytes -= samples.nbytes
            return samples


def decode_with_pyav(path: AudioSource, *, max_seconds: float) -> AudioSegment:
    with open_audio(path) as container:
        _stream, frames = checked_frames(container, max_seconds=max_seconds)
        pcm = resample_to_16k(frames, max_samples=int(max_seconds * SAMPLE_RATE))
    return AudioSegment(
        data=pcm.tobytes(), sample_width=SAMPLE_WIDTH_BYTES, frame_rate=SAMPLE_RATE, channels=1
    )


def open_audio(path: AudioSource) -> av.container.InputContainer:
    """The file opened for decoding, probed in full only when the quick open is not enough."""
    for options in (QUICK_OPEN, {}):
        if not isinstance(path, Path):
            path.seek(0)
        source = str(path) if isinstance(path, Path) else path
        container = av.open(source, mode="r", options=options, metadata_errors="ignore")
        stream = next(iter(container.streams.audio), None)
        # A stream whose codec FFmpeg does not know has no codec context to ask.
        if stream is not None and stream.codec_context is not None and stream.sample_rate and stream.channels:
            check_stream(stream)
            return container
        container.close()
    raise NotAudio("no audio track")


def check_stream(stream: av.AudioStream) -> None:
    """Refuse what no microphone records, before decoding starts."""
    if not MIN_SAMPLE_RATE <= stream.sample_rate <= MAX_SAMPLE_RATE:
        raise NotAudio(f"a sample rate of {stream.sample_rate} Hz")
    if stream.channels > MAX_CHANNELS:
        raise NotAudio(f"{stream.channels} channels")


def declared_seconds(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    """The length the file's header claims, if it claims one."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def checked_frames(
    container: av.container.InputContainer, *, max_seconds: float
) -> tuple[av.AudioStream, Iterator[av.AudioFrame]]:
    """The audio stream and its decoded frames, once the header's claimed length is within the
    cap (so a small file claiming hours is refused before it is decoded)."""
    stream = container.streams.audio[0]
    declared = declared_seconds(container, stream)
    if declared is not None and declared > max_seconds + HEADER_DURATION_MARGIN_SECONDS:
        raise AudioTooLong(max_seconds)
    decoder = stream.codec_context
    override = DECODER_OVERRIDES.get(decoder.name)
    if override:
        decoder = cast(av.AudioCodecContext, av.CodecContext.create(override, "r"))
        decoder.sample_rate, decoder.layout = stream.rate, stream.layout
    frames = (frame for packet in container.demux(stream) for frame in decoder.decode(packet))
    return stream, frames


def resample_to_16k(frames: Iterator[av.AudioFrame], *, max_samples: int) -> np.ndarray:
    """The frames as 16 kHz mono int16, stopping as soon as the cap is passed."""
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    for frame in frames:
        for out in resampler.resample(frame):
            chunk = out.to_ndarray().reshape(-1)
            chunks.append(chunk)
            total += chunk.size
        if total > max_samples:
            raise AudioTooLong(max_samples / SAMPLE_RATE)
    for out in resampler.resample(None):
        chunks.append(out.to_ndarray().reshape(-1))
    if not chunks:
        raise NoSound()
    return np.concatenate(chunks).astype(np.int16, copy=False)


def decode_with_system_ffmpeg(path: AudioSource, *, max_seconds: float) -> AudioSegment:
    try:
        if not isinstance(path, Path):
            path.seek(0)
        segment = AudioSegment.from_file(str(path) if isinstance(path, Path) else path)
    except Exception as error:  # pydub raises bare Exceptions carrying ffmpeg's stderr
        raise NotAudio() from error
    if segment.duration_seconds > max_seconds:
        raise AudioTooLong(max_seconds)
    return segment.set_channels(1).set_frame_rate(SAMPLE_RATE).set_sample_width(SAMPLE_WIDTH_BYTES)


def to_float32(segment: AudioSegment) -> np.ndarray:
    """The samples as Whisper wants them: float32 in [-1, 1]."""
    samples = np.frombuffer(segment.raw_data, dtype=np.int16)
    return samples.astype(np.float32) / 32768.0
