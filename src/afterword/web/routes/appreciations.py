"""/api/appreciations: your own (private unless sent), and what your partner sent you."""

import uuid

from fastapi import APIRouter, Response

from afterword.reflect.appreciations import (
    AppreciationList,
    AppreciationView,
    ReceivedView,
    Seen,
    appreciate,
    appreciation_list,
    mark_received_seen,
    received,
    remove_appreciation,
    send_appreciation,
)
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import AppreciationCreate

router = APIRouter(prefix="/api/appreciations", tags=["appreciations"])


@router.get("", response_model=AppreciationList)
def list_own(reader: PersonReader) -> AppreciationList:
    """Your appreciations, newest first, and the prompt that steers toward a specific action."""
    return appreciation_list(reader)


@router.post("", status_code=201, response_model=AppreciationView)
def add(body: AppreciationCreate, state: StateDep, reader: PersonReader) -> AppreciationView:
    """Keep one (private), or send it to your partner at once; `hint` nudges toward specifics."""
    return appreciate(reader, state.db, text=body.text, send=body.send)


@router.post("/{appreciation_id}/send", response_model=AppreciationView)
def send(appreciation_id: uuid.UUID, state: StateDep, reader: PersonReader) -> AppreciationView:
    """Send a kept appreciation to your partner."""
    return send_appreciation(reader, state.db, appreciation_id=appreciation_id)


@router.delete("/{appreciation_id}", status_code=204)
def delete(appreciation_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Delete one (a sent one is taken back from your partner too)."""
    remove_appreciation(reader, state.db, appreciation_id=appreciation_id)
    return Response(status_code=204)


@router.get("/received", response_model=list[ReceivedView])
def list_received(reader: PersonReader) -> list[ReceivedView]:
    """What your partner sent you, newest first; `new` until you have seen it."""
    return received(reader)


@router.post("/received/seen", response_model=Seen)
def seen(state: StateDep, reader: PersonReader) -> Seen:
    """Note that you have seen what your partner sent (they are never told)."""
    return mark_received_seen(reader, state.db)
