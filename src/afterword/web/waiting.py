"""Waiting for a memo's transcription to settle (done, failed, or no speech heard), without tight
polling."""

import asyncio
import contextlib
import time
import uuid

from starlette.concurrency import run_in_threadpool

from afterword.capture.memos import MemoDetailView, get_memo_detail
from afterword.web.state import AppState

# Workers in other processes cannot notify this one; look at the database this often anyway.
DATABASE_CHECK_SECONDS = 1.0


async def wait_until_settled(
    state: AppState, memo_id: uuid.UUID, owner_id: uuid.UUID, *, timeout: float
) -> MemoDetailView | None:
    """The memo once its job is settled (done, failed, or no speech heard), or as it is when the
    timeout runs out."""
    deadline = time.monotonic() + timeout
    event = state.events.subscribe(memo_id)
    try:
        while True:
            event.clear()
            memo = await run_in_threadpool(
                get_memo_detail, state.storage.db, owner_id=owner_id, memo_id=memo_id
            )
            remaining = deadline - time.monotonic()
            if memo is None or memo.settled or remaining <= 0:
                return memo
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, DATABASE_CHECK_SECONDS))
    finally:
        state.events.unsubscribe(memo_id, event)
