"""Decoding any phone or desktop audio format to 16 kHz mono PCM, with no system ffmpeg needed.

PyAV (already installed with faster-whisper) carries FFmpeg's decoders as a library, so every
format decodes after a plain pip install; the result is handed to pydub as raw PCM. A system
ffmpeg, when one is on PATH, is the fallback for a file PyAV cannot read, streamed to 16 kHz mono
with the length limit applied as it runs, so memory stays bounded by that limit."""

import logging
import math
import shutil
import subprocess
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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
# Phones write AMR with DTX: in pauses, comfort-noise (SID) and NO_DATA frames, which FFmpeg's own
# AMR decoders refuse (PyAV 18 no longer bundles the opencore decoder that read them). Each such
# frame stands for a stretch of quiet, so it is decoded as silence of its length.
QUIET_WHEN_UNREADABLE = frozenset({"amrnb", "amrwb"})
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


AudioFile = Path | BinaryIO
"""A file on disk, or the bytes of one in memory."""
AudioSource = str | AudioFile
"""The same, or a file's path as text."""


def decode_file(source: AudioSource, *, max_seconds: float) -> AudioSegment:
    """16 kHz mono 16-bit audio of the file, or an error saying why not (NotAudio, NoSound, AudioTooLong)."""
    path = Path(source) if isinstance(source, str) else source
    try:
        return decode_with_pyav(path, max_seconds=max_seconds)
    except (AudioTooLong, NoSound, NoRecording):
        raise
    except Exception as error:  # whatever a hostile file makes the decoder do: not audio we read
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            raise error if isinstance(error, NotAudio) else NotAudio() from error
        logger.info("PyAV could not decode the memo; trying the system ffmpeg")
        return decode_with_system_ffmpeg(ffmpeg, path, max_seconds=max_seconds)


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


def decode_with_pyav(path: AudioFile, *, max_seconds: float) -> AudioSegment:
    with open_audio(path) as container:
        frames = checked_frames(container, max_seconds=max_seconds)
        pcm = resample_to_16k(frames, max_samples=int(max_seconds * SAMPLE_RATE))
    return AudioSegment(
        data=pcm.tobytes(), sample_width=SAMPLE_WIDTH_BYTES, frame_rate=SAMPLE_RATE, channels=1
    )


def open_audio(path: AudioFile) -> av.container.InputContainer:
    """The file opened for decoding, probed in full only when the quick open is not enough."""
    for options in (QUICK_OPEN, {}):
        if not isinstance(path, Path):
            path.seek(0)
        source = str(path) if isinstance(path, Path) else path
        container = av.open(source, mode="r", options=options, metadata_errors="ignore")
        stream = next(iter(container.streams.audio), None)
        # A stream whose codec FFmpeg does not know has no codec context to ask.
        if stream is not None and stream.codec_context is not None and stream.sample_rate and stream.channels:
            try:
                check_stream(stream)
            except NoRecording:
                container.close()
                raise
            return container
        container.close()
    raise NotAudio("no audio track")


class NoRecording(NotAudio):
    """A header claiming what no microphone records: refused before anything is decoded, and
    never handed to the system ffmpeg (a few KB claiming 8 channels at a MHz would make it
    allocate gigabytes)."""


def check_stream(stream: av.AudioStream) -> None:
    """Refuse what no microphone records, before decoding starts."""
    if not MIN_SAMPLE_RATE <= stream.sample_rate <= MAX_SAMPLE_RATE:
        raise NoRecording(f"a sample rate of {stream.sample_rate} Hz")
    if stream.channels > MAX_CHANNELS:
        raise NoRecording(f"{stream.channels} channels")


def declared_seconds(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    """The length the file's header claims, if it claims one."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def checked_frames(container: av.container.InputContainer, *, max_seconds: float) -> Iterator[av.AudioFrame]:
    """The audio stream's decoded frames, once the header's claimed length is within the cap (so a
    small file claiming hours is refused before it is decoded)."""
    stream = container.streams.audio[0]
    declared = declared_seconds(container, stream)
    if declared is not None and declared > max_seconds + HEADER_DURATION_MARGIN_SECONDS:
        raise AudioTooLong(max_seconds)
    return decoded_frames(container, stream)


def decoded_frames(container: av.container.InputContainer, stream: av.AudioStream) -> Iterator[av.AudioFrame]:
    """Every frame of the stream, forgiving what phones write that FFmpeg refuses as a whole:
    AMR's comfort-noise frames are decoded as silence of their length, and a broken end (a
    recording cut short by a lock or a call, WebKit's last chunk) is dropped with everything
    after it. A broken packet followed by good ones means a damaged file: it is refused."""
    decoder = stream.codec_context
    broken: av.error.FFmpegError | None = None
    for packet in packets_until_broken(container, stream):
        try:
            frames = decoder.decode(packet)
        except av.error.FFmpegError as error:
            if decoder.name in QUIET_WHEN_UNREADABLE:
                yield silence_of(packet, decoder)
            else:
                broken = broken or error
            continue
        if frames and broken is not None:
            raise NotAudio("damaged in the middle") from broken
        yield from frames
    with suppress(av.error.FFmpegError):  # what the decoder still holds, unless the end was broken
        yield from decoder.decode(None)


def packets_until_broken(
    container: av.container.InputContainer, stream: av.AudioStream
) -> Iterator["av.Packet[av.AudioStream]"]:
    """The stream's packets up to the end of the file, or up to where the file breaks off."""
    packets = container.demux(stream)
    read_any = False
    while True:
        try:
            packet = next(packets)
        except StopIteration:
            return
        except av.error.FFmpegError:
            if not read_any:
                raise
            return
        if packet.size:  # the demuxer ends with an empty packet; decode(None) flushes instead
            read_any = True
            yield packet


def silence_of(packet: "av.Packet[av.AudioStream]", decoder: av.AudioCodecContext) -> av.AudioFrame:
    """Quiet as long as the packet, in the decoder's own sample format (so the resampler takes it
    like a decoded frame)."""
    length = packet.duration * packet.time_base if packet.duration and packet.time_base else 0.02
    frame = av.AudioFrame(
        format=decoder.format.name, layout=decoder.layout.name, samples=round(length * decoder.sample_rate)
    )
    for plane in frame.planes:
        plane.update(bytes(plane.buffer_size))
    frame.sample_rate = decoder.sample_rate
    return frame


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


FFMPEG_TO_16K_MONO = ["-vn", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "-acodec", "pcm_s16le"]
PIPE_CHUNK_BYTES = 64 * 1024


def decode_with_system_ffmpeg(ffmpeg: str, path: AudioFile, *, max_seconds: float) -> AudioSegment:
    """The file decoded by the system ffmpeg straight to 16 kHz mono, read as it comes and stopped
    once past the length limit: never more than the limit's worth of samples in memory."""
    cap = int(max_seconds * SAMPLE_RATE) * SAMPLE_WIDTH_BYTES
    source = str(path) if isinstance(path, Path) else "pipe:0"
    command = [ffmpeg, "-hide_banner", "-loglevel", "error", "-i", source, *FFMPEG_TO_16K_MONO, "pipe:1"]
    stdin = subprocess.DEVNULL if isinstance(path, Path) else subprocess.PIPE
    with subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        feeder = None
        if not isinstance(path, Path):
            feeder = threading.Thread(target=feed, args=(path, process), daemon=True)
            feeder.start()
        pcm = bytearray()
        assert process.stdout is not None
        while chunk := process.stdout.read(PIPE_CHUNK_BYTES):
            pcm += chunk
            if len(pcm) > cap:
                process.kill()
                raise AudioTooLong(max_seconds)
        status = process.wait()
        if feeder is not None:
            feeder.join()
    if status != 0:
        raise NotAudio()
    if not pcm:
        raise NoSound()
    pcm = pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH_BYTES]
    return AudioSegment(data=bytes(pcm), sample_width=SAMPLE_WIDTH_BYTES, frame_rate=SAMPLE_RATE, channels=1)


def feed(source: BinaryIO, process: "subprocess.Popen[bytes]") -> None:
    """Hand the in-memory file to ffmpeg's stdin (it stops reading when it has enough)."""
    assert process.stdin is not None
    source.seek(0)
    with suppress(BrokenPipeError, OSError):
        while chunk := source.read(PIPE_CHUNK_BYTES):
            process.stdin.write(chunk)
    with suppress(BrokenPipeError, OSError):
        process.stdin.close()


def to_float32(segment: AudioSegment) -> np.ndarray:
    """The samples as Whisper wants them: float32 in [-1, 1]."""
    samples = np.frombuffer(segment.raw_data, dtype=np.int16)
    return samples.astype(np.float32) / 32768.0
