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
from afterword.web.deps import PersonReader, StateDep
from afterword.web.reflect_inputs import SessionCreate, SessionMove

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.get("/sessions")
def list_sessions(reader: PersonReader) -> list[SessionView]:
    """Therapy sessions, oldest first, with how many insights follow each."""
    return session_views(reader)


@router.post("/sessions", status_code=201)
def add_session(body: SessionCreate, state: StateDep, reader: PersonReader) -> SessionView:
    """Record a session; insights captured after it (until the next one) follow it."""
    return record_session(reader, state.db, starts_at=body.starts_at, note=body.note)


@router.patch("/sessions/{session_id}")
def move_session(
    session_id: uuid.UUID, body: SessionMove, state: StateDep, reader: PersonReader
) -> SessionView:
    """Move a session to another time (the appointment moved); a timed plan then ends there."""
    return reschedule_session(
        reader,
        state.db,
        session_id=session_id,
        starts_at=body.starts_at,
        note=body.note,
    )


@router.delete("/sessions/{session_id}", status_code=204)
def delete_session(session_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Delete a session; its insights follow the session before it."""
    remove_session(reader, state.db, session_id=session_id)
    return Response(status_code=204)
