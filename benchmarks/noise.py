"""No insight made of noise: how many memos become insights, from noise and from real speech.

    python benchmarks/noise.py [--quick]

Memos go through the whole pipeline (intake, the worker with the real bundled model, the speech
check), once as a backlog transcribed in batches (the default) and once one memo at a time:
- noise: 6 s of pink and of brown noise, 5 s of a low hum and of near-silence (the car of issue
  16), and louder, quieter and other kinds besides; the target is that none becomes an insight;
- short real speech: 1 to 2 s of whole words cut from the recordings in ../shared/audio (where
  the model's own word timings say the words begin and end); the target is that all do;
- the real recordings themselves (every file in ../shared/audio's MANIFEST.tsv; --quick: ten).
It prints the counts, and which memos missed the target."""

import argparse
import os
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.common import SHARED_AUDIO  # noqa: E402
from benchmarks.speech_sets import manifest  # noqa: E402
from tests.support.noise import NOISES, brown_noise, hum, near_silence, pink_noise  # noqa: E402

MORE_NOISE = {
    "pink noise, 12 s, -20 dBFS": lambda: pink_noise(12, dbfs=-20, seed=11),
    "brown noise, 3 s, -1 dBFS": lambda: brown_noise(3, dbfs=-1, seed=12),
    "white noise, 4 s": lambda: white(4),
    "hum 60 Hz, 8 s, -30 dBFS": lambda: hum(8, hz=60, dbfs=-30, seed=14),
    "hum 100 Hz, 2 s": lambda: hum(2, hz=100, seed=15),
    "near-silence, 10 s, -48 dBFS": lambda: near_silence(10, dbfs=-48, seed=16),
}
SHORT_SOURCES = 12
CLIP_SECONDS = (1.0, 2.0)


@dataclass(frozen=True)
class Memo:
    group: str
    name: str
    path: Path


def white(seconds: float) -> np.ndarray:
    samples = np.random.default_rng(17).standard_normal(int(seconds * 16_000))
    return (samples / np.abs(samples).max() * 16_000).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(samples.astype(np.int16).tobytes())
    return path


def short_clips(engine, folder: Path, rows: list[dict[str, str]]) -> list[Memo]:  # type: ignore[no-untyped-def]
    """From each recording, the first run of whole words that lasts 1 to 2 s."""
    from afterword.audio import decode_file, to_float32

    clips = []
    for row in rows[:SHORT_SOURCES]:
        audio = decode_file(SHARED_AUDIO / row["file"], max_seconds=600)
        pcm = np.frombuffer(audio.raw_data, np.int16)
        words = [w for s in engine.transcribe(to_float32(audio)).segments for w in s.words]
        for first in range(len(words)):
            last = next(
                (j for j in range(first, len(words)) if words[j].end - words[first].start >= CLIP_SECONDS[0]),
                None,
            )
            if last is not None and words[last].end - words[first].start <= CLIP_SECONDS[1]:
                start, end = max(words[first].start - 0.1, 0), words[last].end + 0.15
                cut = pcm[int(start * 16_000) : int(end * 16_000)]
                name = f"{Path(row['file']).stem} {start:.1f}-{end:.1f} s"
                clips.append(
                    Memo("short real speech", name, write_wav(folder / f"short-{len(clips)}.wav", cut))
                )
                break
    return clips


def run(memos: list[Memo], engine, data_dir: Path, backlog_jobs: int) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The names of the memos of each group that became insights, and of those that did not."""
    from sqlalchemy import select

    from afterword.capture.intake import MemoInfo, ingest
    from afterword.capture.staging import stage_file
    from afterword.settings import Settings
    from afterword.store.db import open_database
    from afterword.store.models import Insight
    from afterword.store.people import get_or_create_person
    from afterword.store.reading import Reader
    from afterword.transcribe.worker import Worker

    db = open_database(Settings(data_dir=data_dir, backlog_jobs=backlog_jobs))
    with db.write() as session:
        owner = get_or_create_person(session, name="me").id
    ids = {}
    for memo in memos:
        staged = stage_file(memo.path, db.blobs, max_bytes=db.settings.max_upload_bytes)
        ids[ingest(Reader(db, owner), db, staged=staged, info=MemoInfo(filename=memo.path.name)).memo.id] = (
            memo
        )
    Worker(db, engine).drain()
    with db.read() as session:
        insights = set(session.scalars(select(Insight.memo_id)))
    db.close()
    outcome: dict[str, list[str]] = {}
    for memo_id, memo in ids.items():
        outcome.setdefault(
            f"{memo.group}: insight" if memo_id in insights else f"{memo.group}: none", []
        ).append(memo.name)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="ten real recordings, not all")
    args = parser.parse_args()
    from afterword.settings import WhisperSettings
    from afterword.transcribe.engine import WhisperEngine

    engine = WhisperEngine(WhisperSettings())
    engine.load()
    rows = [row for row in manifest() if "stereo" not in row["file"]]  # two voices at once: not a memo
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        memos = [
            Memo("noise", name, write_wav(folder / f"noise-{i}.wav", make()))
            for i, (name, make) in enumerate({**NOISES, **MORE_NOISE}.items())
        ]
        memos += short_clips(engine, folder, rows[:: max(1, len(rows) // SHORT_SOURCES)])
        for row in rows[:10] if args.quick else rows:
            memos.append(Memo("real recording", row["file"], SHARED_AUDIO / row["file"]))
        for label, backlog in (("as a backlog, in batches", 8), ("one memo at a time", 1)):
            outcome = run(memos, engine, folder / f"data-{backlog}", backlog)
            print(f"\nMemos that became insights, {label}:")
            for group, target in (("noise", "none"), ("short real speech", "all"), ("real recording", "all")):
                made = outcome.get(f"{group}: insight", [])
                total = sum(1 for m in memos if m.group == group)
                print(f"  {group}: {len(made)} of {total} (target: {target})")
                missed = made if target == "none" else outcome.get(f"{group}: none", [])
                for name in missed:
                    print(f"    missed: {name}")


if __name__ == "__main__":
    main()
