"""/api/appreciations: your own (private unless sent), and what your partner sent you."""

import uuid

from fastapi import APIRouter, Response

from afterword.reflect.appreciations import (
    PROMPT,
    appreciate,
    appreciation_views,
    mark_received_seen,
    received,
    remove_appreciation,
    send_appreciation,
)
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_schemas import (
    AppreciationCreate,
    AppreciationPublic,
    AppreciationsPublic,
    ReceivedPublic,
    SeenPublic,
)

router = APIRouter(prefix="/api/appreciations", tags=["appreciations"])


@router.get("", response_model=AppreciationsPublic)
def list_own(state: StateDep, person: CurrentPerson) -> AppreciationsPublic:
    """Your appreciations, newest first, and the prompt that steers toward a specific action."""
    views = appreciation_views(state.storage.db, owner_id=person.id)
    return AppreciationsPublic(items=[AppreciationPublic.model_validate(v) for v in views], prompt=PROMPT)


@router.post("", status_code=201, response_model=AppreciationPublic)
def add(body: AppreciationCreate, state: StateDep, person: CurrentPerson) -> AppreciationPublic:
    """Keep one (private), or send it to your partner at once; `hint` nudges toward specifics."""
    view = appreciate(state.storage.db, owner_id=person.id, text=body.text, send=body.send)
    return AppreciationPublic.model_validate(view)


@router.post("/{appreciation_id}/send", response_model=AppreciationPublic)
def send(appreciation_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> AppreciationPublic:
    """Send a kept appreciation to your partner."""
    view = send_appreciation(state.storage.db, owner_id=person.id, ref=appreciation_id.hex)
    return AppreciationPublic.model_validate(view)


@router.delete("/{appreciation_id}", status_code=204)
def delete(appreciation_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete one (a sent one is taken back from your partner too)."""
    remove_appreciation(state.storage.db, owner_id=person.id, ref=appreciation_id.hex)
    return Response(status_code=204)


@router.get("/received", response_model=list[ReceivedPublic])
def list_received(state: StateDep, person: CurrentPerson) -> list[ReceivedPublic]:
    """What your partner sent you, newest first; `new` until you have seen it."""
    return [ReceivedPublic.model_validate(v) for v in received(state.storage.db, reader_id=person.id)]


@router.post("/received/seen", response_model=SeenPublic)
def seen(state: StateDep, person: CurrentPerson) -> SeenPublic:
    """Note that you have seen what your partner sent (they are never told)."""
    return SeenPublic(seen=mark_received_seen(state.storage.db, reader_id=person.id))
