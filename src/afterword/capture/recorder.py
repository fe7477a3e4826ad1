"""Recording a memo from this computer's microphone (the optional `mic` extra)."""

import queue
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np

from afterword.audio import SAMPLE_RATE
from afterword.errors import AfterwordError

BLOCK_SECONDS = 0.1


class MicrophoneUnavailable(AfterwordError):
    status_code = 503


class SilenceDetector:
    """Says when to stop: after speech, once the sound has stayed quiet for a while."""

    def __init__(self, *, silence_seconds: float, threshold_dbfs: float = -40.0) -> None:
        self.silence_seconds = silence_seconds
        self.threshold = 32768 * 10 ** (threshold_dbfs / 20)
        self.heard_speech = False
        self.quiet_seconds = 0.0

    def feed(self, block: np.ndarray) -> bool:
        """Take the next int16 block; True once the memo should end."""
        rms = float(np.sqrt(np.mean(block.astype(np.float64) ** 2))) if block.size else 0.0
        if rms >= self.threshold:
            self.heard_speech = True
            self.quiet_seconds = 0.0
        elif self.heard_speech:
            self.quiet_seconds += block.size / SAMPLE_RATE
        return self.heard_speech and self.quiet_seconds >= self.silence_seconds


def open_microphone() -> ModuleType:
    """The sounddevice module with a usable input device, or a clear reason why not."""
    try:
        import sounddevice
    except ImportError as error:
        raise MicrophoneUnavailable(
            "Recording needs the microphone extra: pip install 'afterword[mic]'."
        ) from error
    except OSError as error:  # the PortAudio library itself is missing
        raise MicrophoneUnavailable(
            "Recording needs PortAudio: install it (e.g. apt install libportaudio2), or store a "
            "memo recorded elsewhere."
        ) from error
    try:
        sounddevice.query_devices(kind="input")
    except (sounddevice.PortAudioError, ValueError) as error:
        raise MicrophoneUnavailable(
            "No microphone was found. Plug one in, or record on your phone and store that memo."
        ) from error
    module: ModuleType = sounddevice
    return module


def record(
    target: Path,
    *,
    stop: threading.Event,
    silence_seconds: float,
    max_seconds: float,
    on_level: Callable[[float], None] | None = None,
) -> float:
    """Record into a 16 kHz mono WAV until `stop` is set, silence follows speech, or the cap;
    returns the seconds recorded."""
    sounddevice = open_microphone()
    blocks: queue.Queue[np.ndarray] = queue.Queue()
    detector = SilenceDetector(silence_seconds=silence_seconds)
    recorded = 0
    with (
        wave.open(str(target), "wb") as out,
        sounddevice.InputStream(
            samplerate=SAMPLE_RATE,
            channels=1,
            dtype="int16",
            blocksize=int(SAMPLE_RATE * BLOCK_SECONDS),
            callback=lambda data, frames, time, status: blocks.put(data[:, 0].copy()),
        ),
    ):
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        while not stop.is_set() and recorded < max_seconds * SAMPLE_RATE:
            try:
                block = blocks.get(timeout=0.5)
            except queue.Empty:
                continue
            out.writeframes(block.tobytes())
            recorded += block.size
            if on_level is not None:
                on_level(recorded / SAMPLE_RATE)
            if detector.feed(block):
                break
    return recorded / SAMPLE_RATE
