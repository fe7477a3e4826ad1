"""Jobs per second with 1, 2 and 4 worker processes, on PostgreSQL and on SQLite.

    python benchmarks/workers.py [--memos 40] [--counts 1 2 4]

The same real memos (a short LibriSpeech clip, each copy one sample different so each is its
own memo) are queued, then N `afterword worker --once` processes drain the queue. Each worker
transcribes with one CPU thread. PostgreSQL runs with the database blob backend, so the workers
share nothing but the database URL; it needs the local server at 127.0.0.1:5432."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from afterword.settings import Settings  # noqa: E402
from afterword.store.db import open_database  # noqa: E402
from tests.support.factories import distinct_wavs  # noqa: E402
from tests.support.postgres import fresh_database, url_of  # noqa: E402
from tests.support.processes import (  # noqa: E402
    SHORT_MEMO,
    assert_every_job_done_once,
    queue_memos,
    start,  # noqa: E402
)


def run(settings: Settings, memos: list[bytes], workers: int) -> float:
    """Queue the memos, drain them with N processes; returns jobs per second."""
    db = open_database(settings)
    queue_memos(db, memos)
    started = time.perf_counter()
    processes = (
        [
            start(settings.model_copy(update={"data_dir": settings.data_dir / f"w{i}"}), "worker", "--once")
            for i in range(workers)
        ]
        if settings.database_url
        else [start(settings, "worker", "--once") for _ in range(workers)]
    )
    for process in processes:
        if process.wait() != 0:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "worker failed")
    elapsed = time.perf_counter() - started
    assert_every_job_done_once(db, expected=len(memos), workers=1)
    db.close()
    return len(memos) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--memos", type=int, default=40)
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    memos = distinct_wavs(SHORT_MEMO, args.memos)
    print(f"{args.memos} memos of {SHORT_MEMO.name} (4.7 s each), tiny.en int8, 1 thread per worker")
    print(f"{'database':<12}{'workers':>8}{'jobs/s':>9}{'audio s per s':>15}")
    for database in ("postgresql", "sqlite"):
        for workers in args.counts:
            with tempfile.TemporaryDirectory() as folder:
                if database == "sqlite":
                    rate = run(Settings(data_dir=Path(folder)), memos, workers)
                else:
                    with fresh_database() as name:
                        settings = Settings(
                            data_dir=Path(folder), database_url=url_of(name), blob_backend="database"
                        )
                        rate = run(settings, memos, workers)
            print(f"{database:<12}{workers:>8}{rate:>9.2f}{rate * 4.65:>15.1f}")


if __name__ == "__main__":
    main()
