"""A memo that kills its worker is found out and fails alone: real `afterword worker` processes
are killed (SIGKILL, as the kernel's out-of-memory killer or a crash in native code would) each
time Alice's memo is being transcribed. The first crash comes while her memo was claimed with
Bob's three: none of them is charged, each is tried alone, Bob's are transcribed with one attempt
each, and Alice's fails after its three attempts. On SQLite and PostgreSQL."""

import os
import signal
import time
import uuid

from sqlalchemy import select

from afterword.settings import Settings
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.jobs import WORKER_STOPPED
from afterword.store.models import Job, Transcript
from tests.support.factories import add_person, distinct_wavs, queued_memos
from tests.support.processes import start, stop
from tests.support.samples import SAMPLES

LEASE_SECONDS = 2.0


def jobs_of(db: Database, memo_ids: list[uuid.UUID]) -> list[Job]:
    with db.read() as session:
        return list(session.scalars(select(Job).where(Job.memo_id.in_(memo_ids)).order_by(Job.id)))


def wait_until(condition, *, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def kill_while_running(settings: Settings, db: Database, poison: uuid.UUID) -> bool:
    """Start a worker; kill it the moment the poison memo runs. False if it settled first."""
    process = start(settings, "worker")

    def claimed_here() -> bool:
        (job,) = jobs_of(db, [poison])
        return f":{process.pid}:" in (job.worker_id or "")

    try:
        wait_until(
            lambda: claimed_here() or jobs_of(db, [poison])[0].status == JobStatus.FAILED,
            seconds=120,
            what="the poison memo to be claimed",
        )
        if not claimed_here():
            return False
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return True
    finally:
        stop(process)


def test_the_memo_that_kills_its_worker_fails_alone(settings: Settings, db: Database) -> None:
    settings = settings.model_copy(update={"job_lease_seconds": LEASE_SECONDS, "job_max_attempts": 3})
    alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
    (poison,) = queued_memos(db, alice, distinct_wavs(SAMPLES / "jfk.m4a", 1))
    bobs = queued_memos(db, bob, distinct_wavs(SAMPLES / "librispeech-1272-141231-0000.3gp", 3))
    kills = 0
    while jobs_of(db, [poison])[0].status != JobStatus.FAILED:
        assert kills < 6, [(job.status, job.attempts) for job in jobs_of(db, [poison, *bobs])]
        if kill_while_running(settings, db, poison):
            kills += 1
            if kills == 1:  # the first crash took down a claim of all four
                with db.read() as session:
                    assert session.scalar(select(Job.worker_id).where(Job.memo_id == bobs[0])) is not None
            time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's leases run out

    process = start(settings, "worker", "--once")
    try:
        assert process.wait(timeout=180) == 0
    finally:
        stop(process)
    (failed,) = jobs_of(db, [poison])
    assert (failed.status, failed.attempts, failed.last_error) == (JobStatus.FAILED, 3, WORKER_STOPPED)
    assert [(job.status, job.attempts) for job in jobs_of(db, bobs)] == [(JobStatus.DONE, 1)] * 3
    with db.read() as session:
        transcribed = session.scalars(select(Transcript.memo_id).where(Transcript.memo_id.in_(bobs))).all()
    assert sorted(transcribed) == sorted(bobs)  # once each
    assert kills == 4  # the claim of four, then three times alone
