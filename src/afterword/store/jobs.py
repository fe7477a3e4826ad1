"""The transcription queue. One claim function serves every database: PostgreSQL skips rows that
other workers hold (FOR UPDATE SKIP LOCKED); SQLite renders no lock clause and lets one writer
claim at a time (BEGIN IMMEDIATE, see store.db)."""

import uuid
from collections import defaultdict
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, literal, select, update
from sqlalchemy.orm import Session, aliased

from afterword.controls import visible
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Memo, UTCDateTime, utc_now

MAX_ERROR_CHARS = 500


def enqueue(session: Session, *, memo: Memo, options: dict[str, Any] | None = None) -> Job:
    """Queue the memo's transcription; call it in the transaction that adds the memo. The
    owner's vocabulary is read when the job is claimed: no copy of it stays with the job."""
    job = Job(
        memo_id=memo.id,
        status=JobStatus.QUEUED,
        attempts=0,
        run_after=utc_now(),
        options=options or {},
    )
    session.add(job)
    session.flush()
    return job


def error_text(reason: str) -> str:
    """A reason as stored: an exception's text may hold control characters no stored text may
    (an import would refuse them), so they are kept as their pictures."""
    return visible(reason)[:MAX_ERROR_CHARS]


WORKER_STOPPED = "WorkerStopped: the worker stopped while transcribing it"


def requeue_expired(session: Session, *, max_attempts: int) -> None:
    """Return the jobs of workers that let a lease run out (they died or hung) to the queue.

    A worker renews all its leases at once, so once one of them has run out, every job it held
    goes back. A crash counts as an attempt against the memo that caused it, and a memo that has
    used up its attempts is failed (its audio stays, and `retry` can queue it again), so a memo
    that kills its worker is not retried forever. When the worker held several memos, any one of
    them may have caused it: none is charged, and each is claimed by itself from then on, so the
    next crash names its memo and the others are transcribed untouched."""
    now = utc_now()
    dead_workers = select(Job.worker_id).where(Job.status == JobStatus.RUNNING, Job.lease_until < now)
    # Locked in one order, so two workers looking at once take turns instead of deadlocking.
    stranded = session.scalars(
        select(Job)
        .where(Job.status == JobStatus.RUNNING, Job.worker_id.in_(dead_workers))
        .order_by(Job.id)
        .with_for_update()
    ).all()
    by_worker: dict[str | None, list[Job]] = defaultdict(list)
    for job in stranded:
        by_worker[job.worker_id].append(job)
    for held in by_worker.values():
        for job in held:
            if len(held) > 1 and not job.alone:
                job.attempts -= 1
                job.alone = True
            if job.attempts >= max_attempts:
                job.status, job.finished_at, job.last_error = JobStatus.FAILED, now, WORKER_STOPPED
            else:
                job.status = JobStatus.QUEUED
            job.worker_id, job.lease_until = None, None
    session.flush()


def finish(session: Session, *, job: Job) -> None:
    job.status = JobStatus.DONE
    job.finished_at = utc_now()
    job.lease_until = None
    job.last_error = None


def finish_without_speech(session: Session, *, job: Job, reason: str) -> None:
    """The job ran, but no speech was heard: it settles as no_speech, with the reason why."""
    finish(session, job=job)
    job.status = JobStatus.NO_SPEECH
    job.last_error = error_text(reason)


def retry_or_fail(
    session: Session, *, job: Job, reason: str, max_attempts: int, base_delay: timedelta
) -> None:
    """Put the job back with exponential backoff, or fail it once its attempts are used up."""
    job.last_error = error_text(reason)
    job.lease_until = None
    job.worker_id = None
    if job.attempts >= max_attempts:
        job.status = JobStatus.FAILED
        job.finished_at = utc_now()
    else:
        job.status = JobStatus.QUEUED
        job.run_after = utc_now() + base_delay * 2 ** (job.attempts - 1)


def requeue_failed(session: Session, *, job: Job) -> None:
    """Give a failed (or no speech) job a fresh set of attempts (the `retry` command)."""
    job.status = JobStatus.QUEUED
    job.attempts = 0
    job.run_after = utc_now()
    job.finished_at = None


def extend_leases(
    session: Session, *, job_ids: Collection[int], worker_id: str, lease: timedelta
) -> set[int]:
    """Renew the leases of these running jobs in one statement; returns the ids still this
    worker's (a job settled or taken back is left out)."""
    result = session.execute(
        update(Job)
        .where(Job.id.in_(job_ids), Job.status == JobStatus.RUNNING, Job.worker_id == worker_id)
        .values(lease_until=utc_now() + lease)
        .returning(Job.id)
    )
    return set(result.scalars())


def claim_batch(
    session: Session,
    *,
    worker_id: str,
    lease: timedelta,
    limit: int,
    memo_ids: Collection[uuid.UUID] | None = None,
    batch_seconds: float | None = None,
) -> list[Job]:
    """Claim up to `limit` runnable jobs (optionally among the given memos) under a lease, taking
    turns between people (see `fair_order`). With `batch_seconds`, a claim is one memo's worth of
    work: a memo longer than that alone, or shorter ones whose audio adds up to no more, so a
    person whose memo arrives now waits for at most that before the next claim, which it leads.
    PostgreSQL skips rows that other workers' claims hold (FOR UPDATE SKIP LOCKED), so workers
    never claim the same job twice and never wait for each other."""
    stmt = fair_order(utc_now(), memo_ids).limit(limit).with_for_update(of=Job, skip_locked=True)
    jobs = one_claim([(job, duration) for job, duration in session.execute(stmt)], batch_seconds)
    for job in jobs:
        job.mark_running(worker_id=worker_id, lease=lease)
    session.flush()
    return jobs


def one_claim(candidates: list[tuple[Job, float]], batch_seconds: float | None) -> list[Job]:
    """The jobs one claim takes, in order, from candidates with their audio's seconds: a job to
    be claimed alone (`Job.alone`, or longer than the budget) by itself; else as many as fit in
    the budget (all of them without one). Later rows locked with them go back at the claim's
    commit, unchanged."""
    budget = float("inf") if batch_seconds is None else batch_seconds
    taken: list[Job] = []
    seconds = 0.0
    for job, duration in candidates:
        solo = job.alone or duration > budget
        if taken and (solo or seconds + duration > budget):
            break
        taken.append(job)
        seconds += duration
        if solo:
            break
    return taken


def fair_order(now: datetime, memo_ids: Collection[uuid.UUID] | None) -> Select[Job, float]:
    """Runnable jobs with their memo's length, people taking turns: each person's oldest job
    first, then each one's second, and so on; among people at the same turn, the one served
    longest ago (or never) first, so one person's backlog cannot keep anyone else waiting for
    more than one claim. A person is being served while a job of theirs runs."""
    served_job, served_memo, queued_memo = aliased(Job), aliased(Memo), aliased(Memo)
    waiting_owners = select(queued_memo.owner_id).join(Job, Job.memo_id == queued_memo.id)
    waiting_owners = waiting_owners.where(Job.status == JobStatus.QUEUED)
    served_at = case(
        (served_job.status == JobStatus.RUNNING, literal(now, UTCDateTime())), else_=served_job.finished_at
    )
    last_served = (
        select(served_memo.owner_id.label("owner_id"), func.max(served_at).label("at"))
        .join(served_job, served_job.memo_id == served_memo.id)
        .where(served_memo.owner_id.in_(waiting_owners))
        .group_by(served_memo.owner_id)
        .subquery()
    )
    ranked = (
        select(
            Job.id.label("job_id"),
            func.row_number().over(partition_by=Memo.owner_id, order_by=Job.id).label("turn"),
            last_served.c.at.label("served_at"),
        )
        .join(Memo, Memo.id == Job.memo_id)
        .outerjoin(last_served, last_served.c.owner_id == Memo.owner_id)
        .where(Job.status == JobStatus.QUEUED, Job.run_after <= now)
    )
    if memo_ids is not None:
        ranked = ranked.where(Job.memo_id.in_(memo_ids))
    order = ranked.subquery()
    return (
        select(Job, Memo.duration_seconds)
        .join(order, order.c.job_id == Job.id)
        .join(Memo, Memo.id == Job.memo_id)
        .order_by(order.c.turn, order.c.served_at.asc().nulls_first(), Job.id)
    )
