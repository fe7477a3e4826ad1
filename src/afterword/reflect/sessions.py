"""Therapy sessions and the weeks between them.

An insight follows the latest session that began before it was captured, unless the person
moved it to another session by hand. The week is the time from that session to the next."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from afterword.controls import NOTE_CHARS, refuse_controls
from afterword.errors import Conflict, Invalid
from afterword.moments import in_utc
from afterword.reflect.following import session_of
from afterword.reflect.weeks import week_start
from afterword.store.db import Database
from afterword.store.models import Insight, TherapySession
from afterword.store.reflections import (
    add_session,
    find_insight,
    find_owned,
    list_insights,
    list_sessions,
)


class SessionExists(Conflict):
    pass


@dataclass(frozen=True)
class SessionView:
    id: uuid.UUID
    starts_at: datetime
    note: str | None
    insights: int
    """How many insights follow this session."""


@dataclass(frozen=True)
class Week:
    start: datetime
    end: datetime
    session: TherapySession | None
    """The session that began the week; None when there is none on record yet."""
    next_session: TherapySession | None


def in_week(insight: Insight, week: Week, sessions: list[TherapySession]) -> bool:
    """Whether the insight belongs to the week (sessions oldest first)."""
    if week.session is not None:
        return session_of(insight, sessions) is week.session
    return insight.captured_at >= week.start


def current_week(sessions: list[TherapySession], now: datetime) -> Week:
    """The week under way at `now` (sessions oldest first)."""
    started = [s for s in sessions if s.starts_at <= now]
    coming = [s for s in sessions if s.starts_at > now]
    latest = started[-1] if started else None
    return Week(
        week_start(latest.starts_at if latest else None, now), now, latest, coming[0] if coming else None
    )


def record_session(
    db: Database, *, owner_id: uuid.UUID, starts_at: datetime, note: str | None
) -> SessionView:
    """Add a session; a second one at the same moment is refused."""
    starts_at = in_utc(starts_at)
    if note is not None and len(refuse_controls(note, what="a note", multiline=True)) > NOTE_CHARS:
        raise Invalid(f"a note has at most {NOTE_CHARS} characters")
    try:
        with db.write() as session:
            row = add_session(
                session, owner_id=owner_id, starts_at=starts_at, note=(note or "").strip() or None
            )
    except IntegrityError:
        raise SessionExists("there is already a session at that time") from None
    return next(s for s in session_views(db, owner_id=owner_id) if s.id == row.id)


def session_views(db: Database, *, owner_id: uuid.UUID) -> list[SessionView]:
    """Every session, oldest first, with how many insights follow it."""
    with db.read() as session:
        sessions = list_sessions(session, owner_id=owner_id)
        insights = list_insights(session, owner_id=owner_id)
    counts: dict[uuid.UUID, int] = {}
    for insight in insights:
        followed = session_of(insight, sessions)
        if followed is not None:
            counts[followed.id] = counts.get(followed.id, 0) + 1
    return [SessionView(s.id, s.starts_at, s.note, counts.get(s.id, 0)) for s in sessions]


def move_insight(db: Database, *, owner_id: uuid.UUID, insight_ref: str, session_ref: str | None) -> None:
    """Make the insight follow the given session; None puts it back to the automatic rule."""
    with db.write() as session:
        insight = find_insight(session, id_or_prefix=insight_ref, owner_id=owner_id)
        target = (
            None
            if session_ref is None
            else find_owned(
                session, TherapySession, id_or_prefix=session_ref, owner_id=owner_id, label="session"
            )
        )
        insight.therapy_session_id = target.id if target else None


def remove_session(db: Database, *, owner_id: uuid.UUID, session_ref: str) -> datetime:
    """Delete a session; its insights follow the rule again. Returns when it was."""
    with db.write() as session:
        row = find_owned(
            session, TherapySession, id_or_prefix=session_ref, owner_id=owner_id, label="session"
        )
        starts_at = row.starts_at
        session.delete(row)
    return starts_at


def reschedule_session(
    db: Database, *, owner_id: uuid.UUID, session_ref: str, starts_at: datetime, note: str | None
) -> SessionView:
    """Move a session to another time (the appointment moved), keeping its note unless a new
    one is given; insights then follow the rule again around the new time."""
    starts_at = in_utc(starts_at)
    try:
        with db.write() as session:
            row = find_owned(
                session, TherapySession, id_or_prefix=session_ref, owner_id=owner_id, label="session"
            )
            row.starts_at = starts_at
            if note is not None:
                row.note = note.strip() or None
            session.flush()
            row_id = row.id
    except IntegrityError:
        raise SessionExists("there is already a session at that time") from None
    return next(s for s in session_views(db, owner_id=owner_id) if s.id == row_id)


def week_now(db: Database, *, owner_id: uuid.UUID, now: datetime | None = None) -> Week:
    with db.read() as session:
        return current_week(list_sessions(session, owner_id=owner_id), now or datetime.now(UTC))
