"""Decoding every format phones produce, with the system ffmpeg hidden and with it on PATH."""

import io
import json
import random
import subprocess
import sys
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
from tests.support.factories import flac_claiming_hours, recorded_in_fragments, silent_wav, wav_with_header
from tests.support.ffmpeg import path_without_ffmpeg
from tests.support.samples import SAMPLES, sample_rows

SAMPLES_BY_FILE = sample_rows()
pytestmark = pytest.mark.usefixtures("system_ffmpeg")


@pytest.mark.parametrize("name", sorted(SAMPLES_BY_FILE))
def test_every_sample_format_decodes_to_16k_mono(name: str) -> None:
    audio = decode_file(SAMPLES / name, max_seconds=60)
    assert audio.frame_rate == SAMPLE_RATE
    assert audio.channels == 1
    assert audio.sample_width == 2
    # Codec frames may pad the end a little.
    assert abs(audio.duration_seconds - float(SAMPLES_BY_FILE[name]["seconds"])) < 0.1


def test_amr_with_dtx_frames_decodes_in_full() -> None:
    # 73 of its 584 frames are comfort noise or NO_DATA, which FFmpeg's own AMR decoder refuses
    # (it stopped at 10.22 s of 11.66); each is 20 ms of quiet.
    audio = decode_file(SAMPLES / "librispeech-2412-153948-0000.amr", max_seconds=60)
    assert audio.duration_seconds > 11.6


def test_stereo_is_mixed_to_mono() -> None:
    audio = decode_file(SAMPLES / "jfk-stereo.flac", max_seconds=60)
    assert audio.channels == 1
    assert abs(audio.duration_seconds - 11.0) < 0.05


CUT_SHORT = {  # what phones and browsers write, as bytes a recording can be cut short in
    "fragmented mp4 (WebKit, iPhone)": lambda: recorded_in_fragments(SAMPLES / "jfk.m4a"),
    "webm (Chrome)": lambda: (SAMPLES / "librispeech-1089-134691-0001.webm").read_bytes(),
    "ogg opus (voice notes)": lambda: (SAMPLES / "librispeech-1995-1837-0001.ogg").read_bytes(),
    "mp3": lambda: (SAMPLES / "ljspeech-LJ001-0009.mp3").read_bytes(),
    "amr (Android)": lambda: (SAMPLES / "librispeech-2412-153948-0000.amr").read_bytes(),
}


@pytest.mark.parametrize("kind", sorted(CUT_SHORT))
def test_a_recording_cut_short_keeps_everything_before_the_cut(kind: str) -> None:
    whole = CUT_SHORT[kind]()
    length = decode_file(io.BytesIO(whole), max_seconds=60).duration_seconds
    cuts = random.Random(kind).sample(range(len(whole) // 4, len(whole) - 1), 6)
    for cut in cuts:
        audio = decode_file(io.BytesIO(whole[:cut]), max_seconds=60)
        # Bytes are not seconds (headers, variable rates, the last second's fragment): roughly
        # the share of the file that arrived, and never more than all of it.
        share = cut / len(whole)
        assert length * share - 1.6 < audio.duration_seconds <= length + 0.05, (cut, share)


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


NOISE = random.Random(7).randbytes(34_000)
BOMBS = {  # a few KB each, claiming what no microphone records
    "WAV at 1 MHz": wav_with_header(tag=1, channels=2, rate=1_000_000, bits=16, data=NOISE),
    "WAV at 2^27 Hz, 8 channels": wav_with_header(tag=1, channels=8, rate=2**27, bits=16, data=NOISE),
    "WAV with 64 channels at 384 kHz": wav_with_header(tag=1, channels=64, rate=384_000, bits=16, data=NOISE),
    "WAV float with 255 channels": wav_with_header(tag=3, channels=255, rate=192_000, bits=32, data=NOISE),
    "FLAC claiming 1,000 hours": flac_claiming_hours(hours=1000),
}
DECODE_AND_MEASURE = """
import json, resource, sys
from afterword.audio import decode_file
try:
    decode_file(sys.stdin.buffer.raw, max_seconds=30 * 60)
    outcome = "decoded"
except Exception as error:
    outcome = type(error).__name__
# This process's own high-water mark (getrusage's would start from pytest's, inherited at exec),
# and ffmpeg's, when it ran.
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"outcome": outcome, "peak_mb": peak / 1024}))
"""


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_small_file_claiming_extreme_audio_is_refused_within_bounded_memory(
    name: str, tmp_path: Path
) -> None:
    # In a process of its own, so its peak memory (and ffmpeg's, when it is on PATH) is its own.
    path = tmp_path / "bomb"
    path.write_bytes(BOMBS[name])
    with path.open("rb") as source:
        done = subprocess.run(
            [sys.executable, "-c", DECODE_AND_MEASURE],
            stdin=source,
            capture_output=True,
            check=True,
            timeout=60,
        )
    report = json.loads(done.stdout)
    assert report["outcome"] in ("NotAudio", "NoRecording", "AudioTooLong"), report
    assert report["peak_mb"] < 300, report  # 0.9 GB before, through pydub and the system ffmpeg


def test_the_system_ffmpeg_fallback_stops_at_the_length_limit(system_ffmpeg: str | None) -> None:
    # Damaged in the middle: PyAV refuses it, and the system ffmpeg (when there is one) decodes
    # around the damage; past the limit it is stopped, not read to the end.
    whole = bytearray((SAMPLES / "ljspeech-LJ001-0009.mp3").read_bytes())  # 7.55 s
    damage = len(whole) // 4
    whole[damage : damage + 400] = bytes(400)
    with pytest.raises(AudioTooLong if system_ffmpeg else NotAudio):
        decode_file(io.BytesIO(bytes(whole)), max_seconds=4)


def test_path_without_ffmpeg_leaves_every_other_folder() -> None:
    folders = path_without_ffmpeg("/nowhere:/usr/bin:/also/nowhere").split(":")
    assert folders[0] == "/nowhere" and folders[-1] == "/also/nowhere"


def test_a_path_given_as_text_reaches_the_fallback_as_a_path(
    tmp_path: Path, system_ffmpeg: str | None
) -> None:
    # The fallback once took a path as text for bytes in memory, and hung on it.
    whole = bytearray((SAMPLES / "ljspeech-LJ001-0009.mp3").read_bytes())
    damage = len(whole) // 4
    whole[damage : damage + 400] = bytes(400)
    path = tmp_path / "damaged.mp3"
    path.write_bytes(bytes(whole))
    with pytest.raises(AudioTooLong if system_ffmpeg else NotAudio):
        decode_file(str(path), max_seconds=4)
