"""The transcription queue. One claim function serves every database: PostgreSQL skips rows that
other workers hold (FOR UPDATE SKIP LOCKED); SQLite renders no lock clause and lets one writer
claim at a time (BEGIN IMMEDIATE, see store.db)."""

import uuid
from collections.abc import Collection
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from afterword.store.models import Job, JobStatus, Memo, utc_now
from afterword.store.vocabulary import vocabulary_of

MAX_ERROR_CHARS = 500


def enqueue(session: Session, *, memo: Memo, options: dict[str, Any] | None = None) -> Job:
    """Queue the memo's transcription; call it in the transaction that adds the memo. The
    owner's vocabulary, as it is now, goes with it."""
    job = Job(
        memo_id=memo.id,
        status=JobStatus.QUEUED,
        attempts=0,
        run_after=utc_now(),
        options=with_vocabulary(session, owner_id=memo.owner_id, options=options or {}),
    )
    session.add(job)
    session.flush()
    return job


def requeue_expired(session: Session) -> int:
    """Return jobs whose worker let the lease run out (it died or hung) to the queue."""
    result = session.execute(
        update(Job)
        .where(Job.status == JobStatus.RUNNING, Job.lease_until < utc_now())
        .values(status=JobStatus.QUEUED, worker_id=None, lease_until=None)
    )
    return result.rowcount


def claim_next(
    session: Session,
    *,
    worker_id: str,
    lease: timedelta,
    memo_ids: Collection[uuid.UUID] | None = None,
) -> Job | None:
    """Claim the oldest runnable job (optionally among the given memos) under a lease."""
    stmt = (
        select(Job)
        .where(Job.status == JobStatus.QUEUED, Job.run_after <= utc_now())
        .order_by(Job.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if memo_ids is not None:
        stmt = stmt.where(Job.memo_id.in_(memo_ids))
    job = session.scalars(stmt).first()
    if job is not None:
        job.mark_running(worker_id=worker_id, lease=lease)
        session.flush()
    return job


def finish(session: Session, *, job: Job) -> None:
    job.status = JobStatus.DONE
    job.finished_at = utc_now()
    job.lease_until = None
    job.last_error = None


def with_vocabulary(session: Session, *, owner_id: uuid.UUID, options: dict[str, Any]) -> dict[str, Any]:
    """The options with the owner's vocabulary in them (left out when they have none)."""
    words = vocabulary_of(session, owner_id=owner_id)
    rest = {key: value for key, value in options.items() if key != "vocabulary"}
    return {**rest, "vocabulary": words} if words else rest


def finish_without_speech(session: Session, *, job: Job, reason: str) -> None:
    """The job ran, but no speech was heard: it settles as no_speech, with the reason why."""
    finish(session, job=job)
    job.status = JobStatus.NO_SPEECH
    job.last_error = reason[:MAX_ERROR_CHARS]


def retry_or_fail(
    session: Session, *, job: Job, reason: str, max_attempts: int, base_delay: timedelta
) -> None:
    """Put the job back with exponential backoff, or fail it once its attempts are used up."""
    job.last_error = reason[:MAX_ERROR_CHARS]
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


def extend_lease(session: Session, *, job_id: int, worker_id: str, lease: timedelta) -> bool:
    """Renew a running job's lease; False when the job is no longer this worker's."""
    result = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.RUNNING, Job.worker_id == worker_id)
        .values(lease_until=utc_now() + lease)
    )
    return result.rowcount == 1


def claim_batch(
    session: Session,
    *,
    worker_id: str,
    lease: timedelta,
    limit: int,
    memo_ids: Collection[uuid.UUID] | None = None,
) -> list[Job]:
    """Claim up to `limit` of the oldest runnable jobs (optionally among the given memos) under a
    lease, with the same row locks as claim_next, so workers never claim the same job twice."""
    stmt = (
        select(Job)
        .where(Job.status == JobStatus.QUEUED, Job.run_after <= utc_now())
        .order_by(Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if memo_ids is not None:
        stmt = stmt.where(Job.memo_id.in_(memo_ids))
    jobs = list(session.scalars(stmt))
    for job in jobs:
        job.mark_running(worker_id=worker_id, lease=lease)
    session.flush()
    return jobs
