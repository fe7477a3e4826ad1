"""What SQLite's secure_delete costs Afterword: deleting memos one by one (each with its
transcript, five segments with word timings, and the full-text index merged afterwards), and
writing them, with secure_delete on and off, in a throwaway data folder.

    python benchmarks/secure_delete.py [--memos 2000] [--deletes 100]

The memos are written straight into the database (no audio, no model): a transcript of about
80 words each, as a two-minute memo has. It prints seconds per delete and per 100 writes, and
the file's size: secure_delete off and on, and on with the full-text index merged after each
delete (what Afterword does), so each part's cost shows."""

import argparse
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import afterword.store.db as db_module
import afterword.store.memos as memos_module
from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.memos import delete_memo
from afterword.store.models import Memo, Segment, Transcript
from afterword.store.people import get_or_create_person

FORGET = memos_module.forget_deleted_words
COMMON = [
    "the",
    "week",
    "felt",
    "long",
    "and",
    "I",
    "noticed",
    "the",
    "pattern",
    "again",
    "when",
    "the",
    "plans",
    "changed",
    "at",
    "dinner",
]
VOCABULARY = 4000
"""Distinct rarer words across all memos, as a year of a person's speech has."""


def made_up_words(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(VOCABULARY)]


def sentence(rng: random.Random, rare: list[str], count: int) -> str:
    """Mostly common words, one in four a rarer one."""
    return " ".join(rng.choice(rare if rng.random() < 0.25 else COMMON) for _ in range(count))


def write_memos(db: Database, owner_id: uuid.UUID, count: int, rng: random.Random) -> list[uuid.UUID]:
    ids, rare = [], made_up_words(rng)
    for _ in range(count):
        with db.write() as session:
            memo = Memo(owner_id=owner_id, sha256=uuid.uuid4().hex * 2, size_bytes=1, duration_seconds=120.0)
            session.add(memo)
            session.flush()
            parts = [sentence(rng, rare, 16) for _ in range(5)]
            transcript = Transcript(
                memo_id=memo.id,
                owner_id=owner_id,
                text=" ".join(parts),
                language="en",
                language_probability=1.0,
                model="bench",
                device="cpu",
                compute_type="int8",
                audio_seconds=120.0,
                processing_seconds=1.0,
            )
            session.add(transcript)
            session.flush()
            words = [{"word": w, "start": 0.0, "end": 0.1, "probability": 0.9} for w in parts[0].split()]
            session.add_all(
                Segment(transcript_id=transcript.id, position=i, start=0.0, end=1.0, text=p, words=words)
                for i, p in enumerate(parts)
            )
            ids.append(memo.id)
    return ids


def measure(secure: bool, merge: bool, memos: int, deletes: int) -> dict[str, float]:
    db_module.SECURE_DELETE = f"PRAGMA secure_delete={'ON' if secure else 'OFF'}"
    memos_module.forget_deleted_words = FORGET if merge else (lambda session: None)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Settings(data_dir=Path(folder) / "data"))
        with db.write() as session:
            owner_id = get_or_create_person(session, name="me").id
        started = time.perf_counter()
        ids = write_memos(db, owner_id, memos, rng)
        write_seconds = time.perf_counter() - started
        times = []
        for memo_id in rng.sample(ids, deletes):
            started = time.perf_counter()
            delete_memo(db, memo_id=memo_id, owner_id=owner_id)
            times.append(time.perf_counter() - started)
        db.close()
        size = (Path(folder) / "data" / "afterword.db").stat().st_size
    return {
        "per_100_writes": write_seconds / memos * 100,
        "delete_median": statistics.median(times),
        "delete_p90": sorted(times)[int(len(times) * 0.9)],
        "size_mb": size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memos", type=int, default=2000)
    parser.add_argument("--deletes", type=int, default=100)
    args = parser.parse_args()
    print(f"{args.memos} memos, {args.deletes} deleted one at a time")
    for secure, merge in ((False, False), (True, False), (True, True)):
        got = measure(secure, merge, args.memos, args.deletes)
        print(
            f"secure_delete {'on ' if secure else 'off'}, index merged {'yes' if merge else 'no '}: 100 writes {got['per_100_writes']:.2f} s, "
            f"a delete {got['delete_median'] * 1000:.1f} ms (p90 {got['delete_p90'] * 1000:.1f} ms), "
            f"file {got['size_mb']:.1f} MB"
        )


if __name__ == "__main__":
    main()
