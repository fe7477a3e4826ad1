"""Microphone recording: when it stops, and what it says when it cannot record."""

import numpy as np
from typer.testing import CliRunner

from afterword.audio import decode_file
from afterword.capture.recorder import SAMPLE_RATE, SilenceDetector
from afterword.cli.main import app
from tests.support.samples import SAMPLES


def blocks_of(samples: np.ndarray, seconds: float = 0.1) -> list[np.ndarray]:
    size = int(SAMPLE_RATE * seconds)
    return [samples[i : i + size] for i in range(0, len(samples), size)]


def speech_then_silence(silence_seconds: float) -> list[np.ndarray]:
    speech = np.frombuffer(decode_file(SAMPLES / "jfk.m4a", max_seconds=60).raw_data, np.int16)
    return blocks_of(np.concatenate([speech, np.zeros(int(SAMPLE_RATE * silence_seconds), np.int16)]))


def stop_time(blocks: list[np.ndarray], detector: SilenceDetector) -> float | None:
    elapsed = 0.0
    for block in blocks:
        elapsed += block.size / SAMPLE_RATE
        if detector.feed(block):
            return elapsed
    return None


def test_stops_once_silence_follows_speech() -> None:
    stopped = stop_time(speech_then_silence(5.0), SilenceDetector(silence_seconds=3.0))
    assert stopped is not None
    # The clip ends at 11.0 s, with a little quiet inside it already.
    assert 11.0 < stopped <= 14.1


def test_pauses_inside_speech_do_not_stop_it() -> None:
    assert stop_time(speech_then_silence(0.0), SilenceDetector(silence_seconds=3.0)) is None


def test_silence_before_any_speech_does_not_stop_it() -> None:
    quiet = blocks_of(np.zeros(SAMPLE_RATE * 10, np.int16))
    assert stop_time(quiet, SilenceDetector(silence_seconds=2.0)) is None


def test_record_without_the_mic_extra_says_what_to_do() -> None:
    # The test environment does not install the optional `mic` extra.
    result = CliRunner().invoke(app, ["record"])
    assert result.exit_code == 1
    assert "pip install 'afterword[mic]'" in result.stderr
    assert "Traceback" not in result.output
