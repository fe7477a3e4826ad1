"""Keeping a worker's claims alive: one lease keeper per worker renews every job it holds in one
statement, every third of the lease, so a live worker keeps its jobs and a dead one's jobs return
to the queue soon after it stops renewing them."""

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from afterword.store.db import Database
from afterword.store.jobs import extend_leases

logger = logging.getLogger(__name__)

MIN_RENEWAL_SECONDS = 1.0


class Backoff:
    """Waits that double after each failure in a row, from `first` up to `most` seconds."""

    def __init__(self, *, first: float = 0.5, most: float = 30.0) -> None:
        self.first, self.most = first, most
        self.failures = 0

    def next_delay(self) -> float:
        delay = min(self.most, self.first * 2.0**self.failures)
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


class LeaseKeeper:
    def __init__(self, db: Database, *, worker_id: str, lease: timedelta) -> None:
        self.db = db
        self.worker_id = worker_id
        self.lease = lease
        self.held: set[int] = set()
        self._lock = threading.Lock()
        self._users = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def interval_seconds(self) -> float:
        return max(self.lease.total_seconds() / 3, MIN_RENEWAL_SECONDS)

    def hold(self, job_ids: Iterable[int]) -> None:
        with self._lock:
            self.held.update(job_ids)

    def release(self, job_ids: Iterable[int]) -> None:
        with self._lock:
            self.held.difference_update(job_ids)

    @contextmanager
    def running(self) -> Iterator[None]:
        """Renew leases in a background thread while the block runs (nested uses share it)."""
        with self._lock:
            self._users += 1
            if self._thread is None:
                self._stop.clear()
                self._thread = threading.Thread(target=self._renew_until_stopped, name="leases", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                thread = self._thread if self._users == 0 else None
                if thread is not None:
                    self._thread = None
                    self._stop.set()
            if thread is not None:
                thread.join()

    def _renew_until_stopped(self) -> None:
        while not self._stop.wait(self.interval_seconds):
            self.renew()

    def renew(self) -> None:
        """Renew every held lease; forget the jobs that are no longer this worker's. A database
        that does not answer is logged and tried again at the next beat."""
        with self._lock:
            held = set(self.held)
        if not held:
            return
        try:
            with self.db.write() as session:
                renewed = extend_leases(session, job_ids=held, worker_id=self.worker_id, lease=self.lease)
        except Exception as error:
            logger.warning(
                "leases of %d job(s) not renewed (%s); trying again", len(held), type(error).__name__
            )
            return
        with self._lock:
            lost = (held - renewed) & self.held  # a job settled meanwhile was not lost
            self.held -= lost
        if lost:
            logger.warning("job(s) %s are no longer this worker's", sorted(lost))
