"""The real speech that benchmarks/speed.py measures, built from ../shared/audio at run time.

- long: one ~5.6 minute memo, every LJSpeech, 16 kHz LibriSpeech and LibriVox clip joined with
  half a second of silence between them, written as a 16 kHz WAV (nothing generated is kept).
- backlog: the 20 recordings of 7.5 to 13.5 s, as they are (jfk.wav is left out: it is the same
  speech as jfk.flac)."""

import json
import wave
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from benchmarks.common import SHARED_AUDIO

LONG_GROUPS = ("ljspeech/", "librispeech/", "librivox-pocketsphinx/")
LONG_LEFT_OUT = ("-8k.",)  # the one 8 kHz LibriSpeech file: telephone band, not a memo
BACKLOG_SECONDS = (7.5, 13.5)
BACKLOG_LEFT_OUT = ("jfk/jfk.wav",)
GAP_SECONDS = 0.5
SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class Recording:
    path: str
    reference: str
    seconds: float


def manifest(root: Path = SHARED_AUDIO) -> list[dict[str, str]]:
    """MANIFEST.tsv's rows (plain TSV, no quoting)."""
    header, *lines = (root / "MANIFEST.tsv").read_text().splitlines()
    names = header.split("\t")
    return [dict(zip(names, line.split("\t"), strict=False)) for line in lines if line.strip()]


def backlog_set(root: Path = SHARED_AUDIO) -> list[Recording]:
    """The real recordings of 7.5 to 13.5 s, each a memo of its own."""
    low, high = BACKLOG_SECONDS
    return [
        Recording(str(root / row["file"]), row["reference_text"], float(row["duration_s"]))
        for row in manifest(root)
        if low <= float(row["duration_s"]) <= high and row["file"] not in BACKLOG_LEFT_OUT
    ]


def long_set(folder: Path, root: Path = SHARED_AUDIO) -> list[Recording]:
    """The joined memo, written into `folder`, with the clips' references in order."""
    from afterword.audio import decode_file

    rows = [
        row
        for row in manifest(root)
        if row["file"].startswith(LONG_GROUPS) and not any(s in row["file"] for s in LONG_LEFT_OUT)
    ]
    gap = np.zeros(int(GAP_SECONDS * SAMPLE_RATE), dtype=np.int16)
    clips = [decode_file(root / row["file"], max_seconds=600).raw_data for row in rows]
    pcm = np.concatenate([part for clip in clips for part in (np.frombuffer(clip, np.int16), gap)])
    path = folder / "long-memo.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    reference = " ".join(row["reference_text"] for row in rows)
    return [Recording(str(path), reference, len(pcm) / SAMPLE_RATE)]


def write_sets(folder: Path) -> Path:
    """Both sets as JSON in `folder`, for the child processes to read."""
    sets = {"long": long_set(folder), "backlog": backlog_set()}
    path = folder / "sets.json"
    path.write_text(json.dumps({name: [asdict(r) for r in rows] for name, rows in sets.items()}))
    return path


def read_set(path: Path, name: str) -> list[Recording]:
    """One set as write_sets stored it."""
    return [Recording(**row) for row in json.loads(path.read_text())[name]]
