"""The workers this database has seen. Each worker renews its row every third of its lease (one
heartbeat per worker, whether or not it holds a job), so /healthz can tell a live worker from one
that stopped: a row whose lease ran out belongs to a worker that was killed or lost its machine,
and one that stopped as told says so at once."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from afterword.store.db import Database
from afterword.store.models import WorkerSeen, utc_now

SHOWN_FOR = timedelta(hours=1)
"""How long a stopped worker is still listed (so a monitor sees it gone, not just missing)."""
KEPT_FOR = timedelta(days=1)
"""Rows of workers stopped longer ago than this are deleted at the next heartbeat."""


@dataclass(frozen=True)
class SeenWorker:
    worker_id: str
    seen_at: datetime
    lease_until: datetime
    stopped_at: datetime | None


def beat(session: Session, *, worker_id: str, lease: timedelta) -> None:
    """This worker is alive now, and counts as alive until its lease runs out."""
    now = utc_now()
    row = session.get(WorkerSeen, worker_id)
    if row is None:
        row = WorkerSeen(worker_id=worker_id, started_at=now)
        session.add(row)
    row.seen_at, row.lease_until, row.stopped_at = now, now + lease, None
    session.execute(delete(WorkerSeen).where(WorkerSeen.lease_until < now - KEPT_FOR))
    session.flush()


def say_stopped(session: Session, *, worker_id: str) -> None:
    """The worker stopped as it was told: it is not alive from now on."""
    row = session.get(WorkerSeen, worker_id)
    if row is not None:
        now = utc_now()
        row.lease_until = row.stopped_at = now
        session.flush()


def record_beat(db: Database, *, worker_id: str, lease: timedelta) -> None:
    """A heartbeat in a transaction of its own."""
    with db.write() as session:
        beat(session, worker_id=worker_id, lease=lease)


def record_stop(db: Database, *, worker_id: str) -> None:
    """A worker's stop in a transaction of its own."""
    with db.write() as session:
        say_stopped(session, worker_id=worker_id)


def recent_workers(session: Session, *, now: datetime) -> list[SeenWorker]:
    """Workers alive now or stopped within the last hour, the most recently seen first."""
    rows = session.scalars(
        select(WorkerSeen)
        .where(WorkerSeen.lease_until >= now - SHOWN_FOR)
        .order_by(WorkerSeen.seen_at.desc())
    )
    return [SeenWorker(r.worker_id, r.seen_at, r.lease_until, r.stopped_at) for r in rows]
