"""Waiting for a memo's transcription to settle (done, failed, or no speech heard), without tight
polling."""

import asyncio
import contextlib
import time
import uuid

from starlette.concurrency import run_in_threadpool

from afterword.store.memos import get_memo, load_memo_details
from afterword.store.models import JobStatus, Memo
from afterword.web.state import AppState

# Workers in other processes cannot notify this one; look at the database this often anyway.
DATABASE_CHECK_SECONDS = 1.0
SETTLED = {JobStatus.DONE, JobStatus.FAILED, JobStatus.NO_SPEECH}


def load_memo(state: AppState, memo_id: uuid.UUID, owner_id: uuid.UUID) -> Memo | None:
    """The owner's memo with everything loaded, or None."""
    with state.storage.db.session() as session:
        memo = get_memo(session, memo_id=memo_id, owner_id=owner_id)
        return None if memo is None else load_memo_details(session, memo=memo)


async def wait_until_settled(
    state: AppState, memo_id: uuid.UUID, owner_id: uuid.UUID, *, timeout: float
) -> Memo | None:
    """The memo once its job is settled, or as it is when the timeout runs out."""
    deadline = time.monotonic() + timeout
    event = state.events.subscribe(memo_id)
    try:
        while True:
            event.clear()
            memo = await run_in_threadpool(load_memo, state, memo_id, owner_id)
            remaining = deadline - time.monotonic()
            if memo is None or memo.job.status in SETTLED or remaining <= 0:
                return memo
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, DATABASE_CHECK_SECONDS))
    finally:
        state.events.unsubscribe(memo_id, event)
