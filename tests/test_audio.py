"""Decoding every format phones produce, with no system ffmpeg."""

import shutil
from pathlib import Path

import pytest

from afterword.audio import (
    SAMPLE_RATE,
    AudioTooLong,
    NoSound,
    NotAudio,
    SilentAudio,
    decode_file,
    inspect_file,
)
from tests.support.factories import silent_wav
from tests.support.samples import SAMPLES, sample_rows

SAMPLES_BY_FILE = sample_rows()


def test_no_system_ffmpeg_is_needed() -> None:
    # The suite runs where no ffmpeg is on PATH; if one appears, this says the claim went untested.
    assert shutil.which("ffmpeg") is None


@pytest.mark.parametrize("name", sorted(SAMPLES_BY_FILE))
def test_every_sample_format_decodes_to_16k_mono(name: str) -> None:
    audio = decode_file(SAMPLES / name, max_seconds=60)
    assert audio.frame_rate == SAMPLE_RATE
    assert audio.channels == 1
    assert audio.sample_width == 2
    # Codec frames may pad the end a little.
    assert abs(audio.duration_seconds - float(SAMPLES_BY_FILE[name]["seconds"])) < 0.1


def test_amr_with_dtx_frames_decodes_in_full() -> None:
    # FFmpeg's own AMR decoder stops at the first comfort-noise frame (0.14 s in).
    audio = decode_file(SAMPLES / "librispeech-2412-153948-0000.amr", max_seconds=60)
    assert audio.duration_seconds > 11


def test_stereo_is_mixed_to_mono() -> None:
    audio = decode_file(SAMPLES / "jfk-stereo.flac", max_seconds=60)
    assert audio.channels == 1
    assert abs(audio.duration_seconds - 11.0) < 0.05


def test_text_file_is_not_audio(tmp_path: Path) -> None:
    path = tmp_path / "notes.m4a"
    path.write_text("The thing that landed today was about my father.\n" * 50)
    with pytest.raises(NotAudio):
        decode_file(path, max_seconds=60)


def test_random_bytes_are_not_audio(tmp_path: Path) -> None:
    path = tmp_path / "noise.ogg"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(NotAudio):
        decode_file(path, max_seconds=60)


def test_wav_with_no_samples_has_no_sound(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    path.write_bytes(silent_wav(0.0))
    with pytest.raises(NoSound):
        decode_file(path, max_seconds=60)


def test_audio_past_the_cap_is_refused() -> None:
    with pytest.raises(AudioTooLong):
        decode_file(SAMPLES / "jfk.m4a", max_seconds=5)


@pytest.mark.parametrize("name", sorted(SAMPLES_BY_FILE))
def test_inspection_gives_length_and_loudness_of_every_format(name: str) -> None:
    facts = inspect_file(SAMPLES / name, max_seconds=60, silence_dbfs=-50)
    assert abs(facts.duration_seconds - float(SAMPLES_BY_FILE[name]["seconds"])) < 0.1
    assert -30 < facts.peak_dbfs <= 0.5


def test_inspection_refuses_silence_and_overlong_audio(tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.wav"
    quiet.write_bytes(silent_wav(2.0))
    with pytest.raises(SilentAudio):
        inspect_file(quiet, max_seconds=60, silence_dbfs=-50)
    with pytest.raises(AudioTooLong):
        inspect_file(SAMPLES / "jfk.m4a", max_seconds=5, silence_dbfs=-50)
