"""A worker outlives its database's bad moments: a write lock held past the busy timeout on
SQLite, connections terminated under it on PostgreSQL. It logs, backs off and carries on: the job
in flight is settled exactly once, and a memo stored afterwards is transcribed."""

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select, text

from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Transcript
from afterword.transcribe.worker import Worker
from tests.support.factories import add_person, ingest_file
from tests.support.samples import SAMPLES


def job_status(db: Database, memo_id: uuid.UUID) -> Job | None:
    with db.read() as session:
        return session.scalars(select(Job).where(Job.memo_id == memo_id)).first()


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@contextmanager
def running_worker(db: Database, engine) -> Iterator[threading.Thread]:  # type: ignore[no-untyped-def]
    """The worker loop in a thread, as `afterword serve` and `afterword worker` run it."""
    worker = Worker(db, engine)
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        worker.stop()
        thread.join(timeout=30)


def assert_each_done_once(db: Database, memo_ids: list[uuid.UUID]) -> None:
    with db.read() as session:
        jobs = session.scalars(select(Job).where(Job.memo_id.in_(memo_ids))).all()
        transcripts = session.scalars(
            select(Transcript.memo_id).where(Transcript.memo_id.in_(memo_ids))
        ).all()
    assert sorted(transcripts) == sorted(memo_ids)  # one transcript each, none twice
    assert {(job.status, job.attempts) for job in jobs} == {(JobStatus.DONE, 1)}


def test_worker_waits_out_a_sqlite_write_lock_held_past_the_busy_timeout(tmp_path, whisper_engine) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", sqlite_busy_timeout_seconds=0.3, worker_poll_seconds=0.1)
    db = open_database(settings)
    owner_id = add_person(db)
    in_flight = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=owner_id).memo
    other = sqlite3.connect(settings.data_dir / "afterword.db", isolation_level=None)
    with running_worker(db, whisper_engine) as thread:
        wait_for(
            lambda: job_status(db, in_flight.id).status == JobStatus.RUNNING,
            seconds=30,
            what="the claim",
        )
        # Another process's writer holds the lock for ten busy timeouts: the transcript is ready
        # meanwhile, and writing it fails until the lock is gone.
        other.execute("BEGIN IMMEDIATE")
        time.sleep(3.0)
        assert job_status(db, in_flight.id).status == JobStatus.RUNNING
        other.execute("ROLLBACK")
        wait_for(lambda: job_status(db, in_flight.id).status == JobStatus.DONE, seconds=30, what="the write")
        # Now with the worker idle: every look at the queue fails while the lock is held.
        other.execute("BEGIN IMMEDIATE")
        time.sleep(2.0)
        other.execute("ROLLBACK")
        after = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=owner_id).memo
        wait_for(lambda: job_status(db, after.id).status == JobStatus.DONE, seconds=60, what="the next memo")
        assert thread.is_alive()
    other.close()
    assert_each_done_once(db, [in_flight.id, after.id])
    db.close()


@pytest.mark.postgres
def test_worker_reconnects_after_postgres_terminates_its_connections(
    tmp_path, postgres_url, whisper_engine
) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=postgres_url,
        blob_backend="database",
        worker_poll_seconds=0.1,
    )
    db = open_database(settings)
    owner_id = add_person(db)
    in_flight = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=owner_id).memo
    killer = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    terminate = text(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with running_worker(db, whisper_engine) as thread, killer.connect() as admin:
        wait_for(
            lambda: job_status(db, in_flight.id).status == JobStatus.RUNNING,
            seconds=30,
            what="the claim",
        )
        terminated = 0
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:  # every connection the worker opens dies at once
            terminated += admin.execute(terminate).scalar_one()
            time.sleep(0.05)
        assert terminated > 0
        after = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=owner_id).memo
        wait_for(
            lambda: all(job_status(db, m).status == JobStatus.DONE for m in (in_flight.id, after.id)),
            seconds=60,
            what="both transcripts",
        )
        assert thread.is_alive()
    killer.dispose()
    assert_each_done_once(db, [in_flight.id, after.id])
    db.close()
