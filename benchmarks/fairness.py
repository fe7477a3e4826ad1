"""How long one person's first memo waits behind another person's backlog.

    python benchmarks/fairness.py [--short 12] [--long 4]

Bob's 4.7 s memo (samples/librispeech-1272-141231-0000.3gp) is transcribed alone, then behind
Alice's backlog: 12 memos of 11 s (samples/jfk.m4a), and 4 memos of about a minute of speech each
(every sample, one after another, so each is claimed by itself). Bob's memo is queued as soon as
the worker has claimed Alice's first memos. One in-process worker with the bundled model, on
SQLite in a throwaway folder; it prints the seconds from queueing Bob's memo to its transcript."""

import argparse
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from afterword.capture.intake import MemoInfo, ingest  # noqa: E402
from afterword.capture.staging import Stager  # noqa: E402
from afterword.settings import Settings  # noqa: E402
from afterword.store.db import Database, open_database  # noqa: E402
from afterword.store.enums import JobStatus  # noqa: E402
from afterword.store.models import Job  # noqa: E402
from afterword.store.reading import Reader  # noqa: E402
from afterword.transcribe.engine import WhisperEngine  # noqa: E402
from afterword.transcribe.worker import Worker  # noqa: E402
from tests.support.factories import add_person, distinct_wavs, long_speech_wav  # noqa: E402
from tests.support.samples import SAMPLES  # noqa: E402

BOB_MEMO = SAMPLES / "librispeech-1272-141231-0000.3gp"


def queue(db: Database, owner_id: uuid.UUID, body: bytes) -> uuid.UUID:
    stager = Stager(db.blobs, max_bytes=db.settings.max_upload_bytes)
    stager.write(body)
    return ingest(Reader(db, owner_id), db, staged=stager.finish(), info=MemoInfo()).memo.id


def status(db: Database, memo_id: uuid.UUID | None = None) -> list[JobStatus]:
    with db.read() as session:
        stmt = select(Job.status)
        return list(session.scalars(stmt if memo_id is None else stmt.where(Job.memo_id == memo_id)))


def bobs_wait(engine: WhisperEngine, backlog: list[bytes]) -> float:
    """Seconds from queueing Bob's memo, once Alice's backlog is being worked, to its transcript."""
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Settings(data_dir=Path(folder) / "data"))
        alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
        for body in backlog:
            queue(db, alice, body)
        worker = Worker(db, engine)
        thread = threading.Thread(target=worker.run, daemon=True)
        thread.start()
        while backlog and JobStatus.RUNNING not in status(db):
            time.sleep(0.01)
        started = time.perf_counter()
        memo_id = queue(db, bob, distinct_wavs(BOB_MEMO, 1)[0])
        while status(db, memo_id) != [JobStatus.DONE]:
            time.sleep(0.01)
        waited = time.perf_counter() - started
        worker.stop()
        thread.join()
        db.close()
    return waited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=12, help="Alice's 11 s memos")
    parser.add_argument("--long", type=int, default=4, help="Alice's one-minute memos")
    args = parser.parse_args()
    engine = WhisperEngine(Settings().whisper)
    engine.load()
    minute = long_speech_wav()
    backlogs = {
        "alone": [],
        f"behind {args.short} memos of 11 s": distinct_wavs(SAMPLES / "jfk.m4a", args.short),
        f"behind {args.long} memos of 1 min": [minute[:-2] + bytes([n, 0]) for n in range(args.long)],
    }
    for name, backlog in backlogs.items():
        print(f"Bob's 4.7 s memo, {name}: {bobs_wait(engine, backlog):.1f} s")


if __name__ == "__main__":
    main()
