"""/api/sessions: the therapy sessions a week runs between. Every route is the signed-in
person's own; another person's id is a 404."""

import uuid

from fastapi import APIRouter, Response

from afterword.reflect.sessions import (
    SessionView,
    record_session,
    remove_session,
    reschedule_session,
    session_views,
)
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.reflect_inputs import SessionCreate, SessionMove

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.get("/sessions")
def list_sessions(state: StateDep, person: CurrentPerson) -> list[SessionView]:
    """Therapy sessions, oldest first, with how many insights follow each."""
    return session_views(state.storage.db, owner_id=person.id)


@router.post("/sessions", status_code=201)
def add_session(body: SessionCreate, state: StateDep, person: CurrentPerson) -> SessionView:
    """Record a session; insights captured after it (until the next one) follow it."""
    return record_session(state.storage.db, owner_id=person.id, starts_at=body.starts_at, note=body.note)


@router.patch("/sessions/{session_id}")
def move_session(
    session_id: uuid.UUID, body: SessionMove, state: StateDep, person: CurrentPerson
) -> SessionView:
    """Move a session to another time (the appointment moved); a timed plan then ends there."""
    return reschedule_session(
        state.storage.db,
        owner_id=person.id,
        session_ref=session_id.hex,
        starts_at=body.starts_at,
        note=body.note,
    )


@router.delete("/sessions/{session_id}", status_code=204)
def delete_session(session_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete a session; its insights follow the session before it."""
    remove_session(state.storage.db, owner_id=person.id, session_ref=session_id.hex)
    return Response(status_code=204)
