"""Playing a clip on this computer's sound device (sounddevice comes with the optional `mic`
extra); where there is none, a clear reason and what to do instead."""

import numpy as np

from afterword.audio import SAMPLE_RATE
from afterword.errors import AfterwordError

ELSEWHERE = "write the clip with --out clip.wav and play it on a device that has sound"


class NoSoundDevice(AfterwordError):
    status_code = 503


def play(samples: np.ndarray) -> None:
    """Play int16 mono samples at SAMPLE_RATE and wait until they have been heard."""
    try:
        import sounddevice
    except ImportError as error:
        raise NoSoundDevice(
            f"Playing needs the sound extra: pip install 'afterword[mic]'. Or {ELSEWHERE}."
        ) from error
    except OSError as error:  # the PortAudio library itself is missing
        raise NoSoundDevice(
            f"Playing needs PortAudio (e.g. apt install libportaudio2). Or {ELSEWHERE}."
        ) from error
    try:
        sounddevice.check_output_settings(samplerate=SAMPLE_RATE, channels=1, dtype="int16")
        sounddevice.play(samples, SAMPLE_RATE, blocking=True)
    except (sounddevice.PortAudioError, ValueError) as error:
        raise NoSoundDevice(f"There is no sound device to play on here. Instead, {ELSEWHERE}.") from error
