"""What /healthz says: whether the database answers, how long the queue is, and which workers
are alive. Counts, ages and a worker's random suffix only: no person, memo, name or host."""

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, utc_now
from afterword.store.workers import SeenWorker, recent_workers

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerHealth:
    worker: str
    """The random end of the worker's id (the whole id, with its host and process, is in the
    worker's own log when it starts)."""
    alive: bool
    stopped: bool
    """Stopped as it was told (False for a worker that is alive, or was killed)."""
    seen_seconds_ago: float
    lease_seconds_left: float
    """Until a worker that stops renewing counts as gone; 0 once it has."""


@dataclass(frozen=True)
class QueueHealth:
    queued: int
    running: int
    oldest_queued_seconds: float | None
    """How long the longest-waiting queued job has waited; None with none queued."""


@dataclass(frozen=True)
class Health:
    status: str
    """'ok'; 'stalled' when jobs wait and no worker is alive; 'down' when the database is away."""
    database: str
    queue: QueueHealth | None
    workers: list[WorkerHealth]


DATABASE_AWAY = Health("down", "unreachable", None, [])


def check_health(db: Database) -> Health:
    """The health now; a database that does not answer makes it 'down' (logged as its kind)."""
    try:
        with db.read() as session:
            return read_health(session)
    except SQLAlchemyError as error:
        # The kind only: a database error's text carries its statement.
        logger.warning("/healthz: the database did not answer (%s)", type(error).__name__)
        return DATABASE_AWAY


def read_health(session: Session) -> Health:
    """The health of the queue and workers, read in one session."""
    now = utc_now()
    counts = dict(
        session.execute(
            select(Job.status, func.count())
            .where(Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]))
            .group_by(Job.status)
        ).all()
    )
    oldest = session.scalar(select(func.min(Job.created_at)).where(Job.status == JobStatus.QUEUED))
    queue = QueueHealth(
        queued=counts.get(JobStatus.QUEUED, 0),
        running=counts.get(JobStatus.RUNNING, 0),
        oldest_queued_seconds=None if oldest is None else round(seconds_between(oldest, now), 1),
    )
    workers = [worker_health(seen, now) for seen in recent_workers(session, now=now)]
    stalled = queue.queued > 0 and not any(w.alive for w in workers)
    return Health("stalled" if stalled else "ok", "reachable", queue, workers)


def worker_health(seen: SeenWorker, now: datetime) -> WorkerHealth:
    left = seconds_between(now, seen.lease_until)
    return WorkerHealth(
        worker=seen.worker_id.rsplit(":", 1)[-1],
        alive=left > 0 and seen.stopped_at is None,
        stopped=seen.stopped_at is not None,
        seen_seconds_ago=round(seconds_between(seen.seen_at, now), 1),
        lease_seconds_left=round(max(left, 0.0), 1),
    )


def seconds_between(earlier: datetime, later: datetime) -> float:
    return (later - earlier).total_seconds()
