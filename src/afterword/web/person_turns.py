"""One at a time per person, for work that keeps a CPU busy (the review's matching): a person's
requests queue behind each other, never more than one of theirs competes with everyone else's."""

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


class PersonTurns:
    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[uuid.UUID, threading.Lock] = {}
        self._waiting: dict[uuid.UUID, int] = {}

    @contextmanager
    def turn(self, person_id: uuid.UUID) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(person_id, threading.Lock())
            self._waiting[person_id] = self._waiting.get(person_id, 0) + 1
        try:
            with lock:
                yield
        finally:
            with self._guard:
                self._waiting[person_id] -= 1
                if not self._waiting[person_id]:
                    del self._waiting[person_id], self._locks[person_id]
