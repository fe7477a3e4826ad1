"""Waiting for a memo's transcription to settle (done, failed, or no speech heard), without tight
polling. A wait ends at once when its client has gone (nobody is left to answer), and with a
401 when the token that asked is revoked while it waits (nothing is answered after that)."""

import asyncio
import contextlib
import time
import uuid

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from afterword.capture.memos import MemoDetailView, get_memo_detail
from afterword.errors import AfterwordError, Unauthorized
from afterword.store.reading import Reader
from afterword.store.tokens import SignedIn, token_is_live
from afterword.web.state import AppState

# Workers in other processes cannot notify this one; look at the database this often anyway
# (and so see a revoked token within a second).
DATABASE_CHECK_SECONDS = 1.0
# How soon a client that went away is noticed.
DISCONNECT_CHECK_SECONDS = 0.1


class ClientGone(AfterwordError):
    """Nobody is waiting for the answer any more (nginx's 499: it is never seen)."""

    status_code = 499

    def __init__(self) -> None:
        super().__init__("the client closed the connection before the answer")


def revoked() -> Unauthorized:
    return Unauthorized("This token was revoked while it waited.")


async def wait_until_settled(
    state: AppState, request: Request, memo_id: uuid.UUID, person: SignedIn, *, timeout: float
) -> MemoDetailView | None:
    """The memo once its job is settled (done, failed, or no speech heard), or as it is when the
    timeout runs out."""
    deadline = time.monotonic() + timeout
    event = state.events.subscribe(memo_id)
    try:
        while True:
            event.clear()
            memo = await run_in_threadpool(look, state, memo_id, person)
            remaining = deadline - time.monotonic()
            if memo is None or memo.settled or remaining <= 0:
                return memo
            await wait_for_news(request, event, min(remaining, DATABASE_CHECK_SECONDS))
    finally:
        state.events.unsubscribe(memo_id, event)


def look(state: AppState, memo_id: uuid.UUID, person: SignedIn) -> MemoDetailView | None:
    if not token_is_live(state.db, token_id=person.token_id):
        raise revoked()
    return get_memo_detail(Reader(state.db, person.id), memo_id=memo_id)


async def wait_for_news(request: Request, event: asyncio.Event, seconds: float) -> None:
    """Until the event is set or the seconds pass; ClientGone as soon as the client is."""
    until = time.monotonic() + seconds
    while (left := until - time.monotonic()) > 0:
        if await request.is_disconnected():
            raise ClientGone()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), min(left, DISCONNECT_CHECK_SECONDS))
            return
