"""Wake up requests waiting for a transcript as soon as an in-process worker finishes it.

Workers in other processes cannot call in here, so waiters also look at the database now and
then; the notice only makes the common case (the in-process worker) immediate."""

import asyncio
import uuid
from collections import defaultdict


class MemoEvents:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: dict[uuid.UUID, set[asyncio.Event]] = defaultdict(set)

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def notify(self, memo_id: uuid.UUID) -> None:
        """Safe to call from any thread."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake, memo_id)

    def _wake(self, memo_id: uuid.UUID) -> None:
        for event in self._waiters.get(memo_id, ()):
            event.set()

    def subscribe(self, memo_id: uuid.UUID) -> asyncio.Event:
        event = asyncio.Event()
        self._waiters[memo_id].add(event)
        return event

    def unsubscribe(self, memo_id: uuid.UUID, event: asyncio.Event) -> None:
        waiters = self._waiters.get(memo_id)
        if waiters is not None:
            waiters.discard(event)
            if not waiters:
                del self._waiters[memo_id]
