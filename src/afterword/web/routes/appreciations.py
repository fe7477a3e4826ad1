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
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_inputs import AppreciationCreate

router = APIRouter(prefix="/api/appreciations", tags=["appreciations"])


@router.get("", response_model=AppreciationList)
def list_own(state: StateDep, person: CurrentPerson) -> AppreciationList:
    """Your appreciations, newest first, and the prompt that steers toward a specific action."""
    return appreciation_list(state.storage.db, owner_id=person.id)


@router.post("", status_code=201, response_model=AppreciationView)
def add(body: AppreciationCreate, state: StateDep, person: CurrentPerson) -> AppreciationView:
    """Keep one (private), or send it to your partner at once; `hint` nudges toward specifics."""
    return appreciate(state.storage.db, owner_id=person.id, text=body.text, send=body.send)


@router.post("/{appreciation_id}/send", response_model=AppreciationView)
def send(appreciation_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> AppreciationView:
    """Send a kept appreciation to your partner."""
    return send_appreciation(state.storage.db, owner_id=person.id, ref=appreciation_id.hex)


@router.delete("/{appreciation_id}", status_code=204)
def delete(appreciation_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete one (a sent one is taken back from your partner too)."""
    remove_appreciation(state.storage.db, owner_id=person.id, ref=appreciation_id.hex)
    return Response(status_code=204)


@router.get("/received", response_model=list[ReceivedView])
def list_received(state: StateDep, person: CurrentPerson) -> list[ReceivedView]:
    """What your partner sent you, newest first; `new` until you have seen it."""
    return received(state.storage.db, reader_id=person.id)


@router.post("/received/seen", response_model=Seen)
def seen(state: StateDep, person: CurrentPerson) -> Seen:
    """Note that you have seen what your partner sent (they are never told)."""
    return mark_received_seen(state.storage.db, reader_id=person.id)
