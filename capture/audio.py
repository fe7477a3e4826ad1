"""Decoding any phone or desktop audio format to 16 kHz mono PCM, with no system ffmpeg needed.

PyAV (already installed with faster-whisper) carries FFmpeg's decoders as a library, so every
format decodes after a plain pip install; the result is handed to pydub as raw PCM. A system
ffmpeg, when one is on PATH, is the fallback for anything PyAV cannot open."""

import logging
import shutil
import warnings
from pathlib import Path

import av
import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH; PyAV decodes without one.
    warnings.filterwarnings("ignore", message="Couldn't find ffmpeg", category=RuntimeWarning)
    from pydub import AudioSegment

from capture.errors import AudioTooLong, NoSound, NotAudio, SilentAudio

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
SAMPLE_WIDTH_BYTES = 2
# FFmpeg's built-in AMR-NB decoder rejects files with DTX (comfort noise) frames, which phones
# write; the opencore decoder bundled in PyAV's wheels reads them.
DECODER_OVERRIDES = {"amrnb": "libopencore_amrnb"}
# A header may understate the length a little (VBR, padding); past this margin it is trusted.
HEADER_DURATION_MARGIN_SECONDS = 5.0


def decode_file(path: Path, *, max_seconds: float) -> AudioSegment:
    """16 kHz mono 16-bit audio of the file, or a CaptureError saying why not."""
    try:
        return decode_with_pyav(path, max_seconds=max_seconds)
    except (av.FFmpegError, NotAudio, UnicodeDecodeError) as error:
        if shutil.which("ffmpeg") is None:
            raise error if isinstance(error, NotAudio) else NotAudio() from error
        logger.info("PyAV could not decode the memo; trying the system ffmpeg")
        return decode_with_system_ffmpeg(path, max_seconds=max_seconds)


def decode_with_pyav(path: Path, *, max_seconds: float) -> AudioSegment:
    with av.open(str(path), metadata_errors="ignore") as container:
        stream = next((s for s in container.streams if s.type == "audio"), None)
        if stream is None:
            raise NotAudio("no audio track")
        declared = declared_seconds(container, stream)
        if declared is not None and declared > max_seconds + HEADER_DURATION_MARGIN_SECONDS:
            raise AudioTooLong(max_seconds)
        pcm = decode_stream(container, stream, max_samples=int(max_seconds * SAMPLE_RATE))
    return AudioSegment(
        data=pcm.tobytes(), sample_width=SAMPLE_WIDTH_BYTES, frame_rate=SAMPLE_RATE, channels=1
    )


def declared_seconds(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    """The length the file's header claims, if it claims one."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def decode_stream(
    container: av.container.InputContainer, stream: av.AudioStream, *, max_samples: int
) -> np.ndarray:
    """All samples of the stream as 16 kHz mono int16, stopping as soon as the cap is passed."""
    decoder = stream.codec_context
    override = DECODER_OVERRIDES.get(decoder.name)
    if override:
        decoder = av.CodecContext.create(override, "r")
        decoder.sample_rate, decoder.layout = stream.rate, stream.layout
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    for packet in container.demux(stream):
        for frame in decoder.decode(packet):
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


def decode_with_system_ffmpeg(path: Path, *, max_seconds: float) -> AudioSegment:
    try:
        segment = AudioSegment.from_file(str(path))
    except Exception as error:  # pydub raises bare Exceptions carrying ffmpeg's stderr
        raise NotAudio() from error
    if segment.duration_seconds > max_seconds:
        raise AudioTooLong(max_seconds)
    return segment.set_channels(1).set_frame_rate(SAMPLE_RATE).set_sample_width(SAMPLE_WIDTH_BYTES)


def check_audible(segment: AudioSegment, *, silence_dbfs: float) -> None:
    """Refuse audio with no length or no sound above the silence threshold."""
    if len(segment) == 0:
        raise NoSound()
    if segment.max_dBFS < silence_dbfs:
        raise SilentAudio()


def to_float32(segment: AudioSegment) -> np.ndarray:
    """The samples as Whisper wants them: float32 in [-1, 1]."""
    samples = np.frombuffer(segment.raw_data, dtype=np.int16)
    return samples.astype(np.float32) / 32768.0
