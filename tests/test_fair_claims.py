"""People take turns in the queue: a claim is one memo's worth of work (a memo longer than the
batching threshold alone, or shorter ones adding up to no more), and the next claim starts with
whoever was served longest ago, so one person's backlog holds another's first memo back by at most
the claim already under way. On SQLite and PostgreSQL; the claim stays safe with two workers
(tests/test_batching.py)."""

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.jobs import claim_batch, finish
from afterword.store.models import Job
from afterword.transcribe.worker import Worker
from tests.support.factories import add_person, distinct_wavs, queued_memos
from tests.support.samples import SAMPLES

LEASE = timedelta(minutes=5)
ALICE_MEMO = SAMPLES / "jfk.m4a"  # 11 s
BOB_MEMO = SAMPLES / "librispeech-1272-141231-0000.3gp"  # 4.7 s


def claim(db: Database, worker: str, batch_seconds: float) -> list[uuid.UUID]:
    """One claim, as the worker makes it; the memos it took, in order."""
    with db.write() as session:
        jobs = claim_batch(session, worker_id=worker, lease=LEASE, limit=8, batch_seconds=batch_seconds)
        return [job.memo_id for job in jobs]


def settle(db: Database, memo_ids: list[uuid.UUID]) -> None:
    with db.write() as session:
        for job in session.scalars(select(Job).where(Job.memo_id.in_(memo_ids))):
            finish(session, job=job)


def test_a_newcomer_leads_the_next_claim_behind_a_backlog_of_short_memos(db: Database) -> None:
    alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
    alices = queued_memos(db, alice, distinct_wavs(ALICE_MEMO, 8))
    in_flight = claim(db, "first", batch_seconds=60)
    assert in_flight == alices[:5]  # 55 s of audio: a sixth would pass one memo's worth
    bobs = queued_memos(db, bob, distinct_wavs(BOB_MEMO, 2))
    # Alice is being served: Bob's first memo goes first, then the two take turns.
    assert claim(db, "second", batch_seconds=60) == [bobs[0], alices[5], bobs[1], alices[6], alices[7]]


def test_long_memos_are_claimed_one_at_a_time_and_people_alternate(db: Database) -> None:
    alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
    alices = queued_memos(db, alice, distinct_wavs(ALICE_MEMO, 4))
    first = claim(db, "worker", batch_seconds=10)  # 11 s is a long memo here
    assert first == alices[:1]
    settle(db, first)
    bobs = queued_memos(db, bob, distinct_wavs(BOB_MEMO, 1) + distinct_wavs(ALICE_MEMO, 2)[1:])
    order = []
    while taken := claim(db, "worker", batch_seconds=10):
        assert len(taken) == 1 or all(memo in bobs for memo in taken)
        order += taken
        settle(db, taken)
    assert order[:4] == [bobs[0], alices[1], bobs[1], alices[2]]


def test_a_real_worker_lets_the_newcomer_in_after_the_claim_under_way(db: Database, whisper_engine) -> None:  # type: ignore[no-untyped-def]
    alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
    alices = queued_memos(db, alice, distinct_wavs(ALICE_MEMO, 12))
    worker = Worker(db, whisper_engine)
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        running = wait_for_running(db)
        queued_at = datetime.now(UTC)
        (bobs_memo,) = queued_memos(db, bob, distinct_wavs(BOB_MEMO, 1))
        finished = wait_for_all_done(db, count=13)
    finally:
        worker.stop()
        thread.join(timeout=60)
    ahead = [memo for memo in alices if finished[memo] < finished[bobs_memo]]
    # Only the claim that was under way when Bob's memo came went before it, not Alice's backlog.
    assert set(ahead) == set(running), (len(ahead), len(running))
    waited = (finished[bobs_memo] - queued_at).total_seconds()
    print(f"Bob's memo: transcribed {waited:.1f} s after it came, behind {len(ahead)} of Alice's 12")


def wait_for_running(db: Database) -> list[uuid.UUID]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with db.read() as session:
            running = list(session.scalars(select(Job.memo_id).where(Job.status == JobStatus.RUNNING)))
        if running:
            return running
        time.sleep(0.02)
    raise AssertionError("the worker never claimed")


def wait_for_all_done(db: Database, *, count: int) -> dict[uuid.UUID, datetime]:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        with db.read() as session:
            jobs = session.scalars(select(Job)).all()
        if len(jobs) == count and all(job.status == JobStatus.DONE for job in jobs):
            return {job.memo_id: job.finished_at for job in jobs if job.finished_at}
        time.sleep(0.2)
    raise AssertionError("the queue was not drained")
