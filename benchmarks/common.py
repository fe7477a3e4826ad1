"""Shared pieces of the benchmarks: the LibriSpeech set, peak memory, a child process per mode."""

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_AUDIO = REPO.parent / "shared" / "audio"


@dataclass(frozen=True)
class Clip:
    path: Path
    reference: str


def librispeech_clips(root: Path = SHARED_AUDIO / "librispeech") -> list[Clip]:
    """The LibriSpeech utterances in shared/audio with their reference texts."""
    references = dict(
        line.split(" ", 1) for line in (root / "trans.txt").read_text().splitlines() if line.strip()
    )
    clips = []
    for path in sorted(root.iterdir()):
        if path.suffix in {".flac", ".wav"}:
            key = path.stem.removesuffix("-8k")
            clips.append(Clip(path, references[key].strip()))
    return clips


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(script: Path, *args: str) -> dict:
    """Run one mode in a fresh process so its peak memory is its own."""
    done = subprocess.run([sys.executable, str(script), *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
