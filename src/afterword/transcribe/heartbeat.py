"""One heartbeat per worker: while the worker runs, a thread renews its row in the workers' table
every third of its lease, whether or not it holds a job, and marks it stopped when the worker
stops as told. A worker that is killed simply stops renewing, and /healthz shows it gone once its
lease runs out."""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from afterword.store.db import Database
from afterword.store.workers import record_beat, record_stop

logger = logging.getLogger(__name__)

SHORTEST_LEASE = timedelta(seconds=3)


class Heartbeat:
    def __init__(self, db: Database, *, worker_id: str, lease: timedelta) -> None:
        self.db = db
        self.worker_id = worker_id
        self.lease = max(lease, SHORTEST_LEASE)
        self._stop = threading.Event()

    @contextmanager
    def running(self) -> Iterator[None]:
        """Beat in a background thread while the block runs (the worker never waits for it)."""
        self._stop.clear()
        thread = threading.Thread(target=self._beat_until_stopped, name="heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            self._stop.set()
            thread.join()

    def _beat_until_stopped(self) -> None:
        self.write("its heartbeat", self.renew)
        while not self._stop.wait(self.lease.total_seconds() / 3):
            self.write("its heartbeat", self.renew)
        self.write("its stop", lambda: record_stop(self.db, worker_id=self.worker_id))

    def renew(self) -> None:
        record_beat(self.db, worker_id=self.worker_id, lease=self.lease)

    def write(self, what: str, action: Callable[[], None]) -> None:
        """A database that does not answer is logged and tried again at the next beat."""
        try:
            action()
        except Exception as error:
            # The kind of error only: a database error's text carries its statement.
            logger.warning("worker %s: %s was not recorded (%s)", self.worker_id, what, type(error).__name__)
