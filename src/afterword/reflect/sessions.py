"""Therapy sessions and the weeks between them.

An insight follows the latest session that began before it was captured, unless the person
moved it to another session by hand. The week is the time from that session to the next."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from afterword.controls import NOTE_CHARS, refuse_controls
from afterword.errors import Conflict, Invalid, NotFound
from afterword.reflect.following import session_of
from afterword.store.db import Database
from afterword.store.models import Insight, TherapySession
from afterword.store.owned import get_owned
from afterword.store.reading import Reader
from afterword.store.views.insights import insights
from afterword.store.views.sessions import session_times
from afterword.utc import in_utc

NO_SUCH_SESSION = "No such session."


class SessionExists(Conflict):
    pass


@dataclass(frozen=True)
class SessionView:
    id: uuid.UUID
    starts_at: datetime
    note: str | None
    insights: int
    """How many insights follow this session."""


def checked_note(note: str | None) -> str | None:
    if note is not None and len(refuse_controls(note, what="a note", multiline=True)) > NOTE_CHARS:
        raise Invalid(f"a note has at most {NOTE_CHARS} characters")
    return (note or "").strip() or None


def record_session(reader: Reader, db: Database, *, starts_at: datetime, note: str | None) -> SessionView:
    """Add a session; a second one at the same moment is refused."""
    row = TherapySession(owner_id=reader.person_id, starts_at=in_utc(starts_at), note=checked_note(note))
    try:
        with db.write() as session:
            session.add(row)
    except IntegrityError:
        raise SessionExists("there is already a session at that time") from None
    return session_view(reader, session_id=row.id)


def session_views(reader: Reader) -> list[SessionView]:
    """Every session, oldest first, with how many insights follow it."""
    with reader.reads() as reads:
        sessions, captured = session_times(reads), insights(reads)
    counts: dict[uuid.UUID, int] = {}
    for insight in captured:
        followed = session_of(insight, sessions)
        if followed is not None:
            counts[followed.id] = counts.get(followed.id, 0) + 1
    return [SessionView(s.id, s.starts_at, s.note, counts.get(s.id, 0)) for s in sessions]


def session_view(reader: Reader, *, session_id: uuid.UUID) -> SessionView:
    return next(s for s in session_views(reader) if s.id == session_id)


def move_insight(
    reader: Reader, db: Database, *, insight_id: uuid.UUID, session_id: uuid.UUID | None
) -> None:
    """Make the insight follow the given session; None puts it back to the automatic rule."""
    with db.write() as session:
        insight = get_owned(session, Insight, row_id=insight_id, owner_id=reader.person_id)
        if insight is None:
            raise NotFound("No such insight.")
        if (
            session_id is not None
            and get_owned(session, TherapySession, row_id=session_id, owner_id=reader.person_id) is None
        ):
            raise NotFound(NO_SUCH_SESSION)
        insight.therapy_session_id = session_id


def remove_session(reader: Reader, db: Database, *, session_id: uuid.UUID) -> datetime:
    """Delete a session; its insights follow the rule again. Returns when it was."""
    with db.write() as session:
        row = get_owned(session, TherapySession, row_id=session_id, owner_id=reader.person_id)
        if row is None:
            raise NotFound(NO_SUCH_SESSION)
        session.delete(row)
        return row.starts_at


def reschedule_session(
    reader: Reader, db: Database, *, session_id: uuid.UUID, starts_at: datetime, note: str | None
) -> SessionView:
    """Move a session to another time (the appointment moved), keeping its note unless a new
    one is given; insights then follow the rule again around the new time."""
    try:
        with db.write() as session:
            row = get_owned(session, TherapySession, row_id=session_id, owner_id=reader.person_id)
            if row is None:
                raise NotFound(NO_SUCH_SESSION)
            row.starts_at = in_utc(starts_at)
            if note is not None:
                row.note = note.strip() or None
            session.flush()
    except IntegrityError:
        raise SessionExists("there is already a session at that time") from None
    return session_view(reader, session_id=session_id)
