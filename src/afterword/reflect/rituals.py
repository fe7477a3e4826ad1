"""One ordinary good thing, protected this week: a walk, a morning hug, a funny text, a meal
without problem-solving. Name it, and mark the times it happened. Nothing counts the times it
did not: the pre-session note says what was protected, never what was missed."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.errors import NotFound
from afterword.reflect.sessions import current_week
from afterword.reflect.text import LINE_CHARS, clean_text, past_or_now
from afterword.store.db import Database
from afterword.store.models import Ritual, RitualMark
from afterword.store.reflections import list_sessions
from afterword.store.rituals import newest_ritual, ritual_marks

EXAMPLES = "a walk after dinner, a morning hug, a funny text, a meal without problem-solving"


@dataclass(frozen=True)
class RitualView:
    text: str
    set_at: datetime
    happened: list[datetime]
    """The times it was marked, oldest first."""


def set_ritual(db: Database, *, owner_id: uuid.UUID, text: str) -> RitualView:
    """Name this week's good thing (naming another replaces it for the week)."""
    text = clean_text(text, what="the good thing", max_chars=LINE_CHARS, multiline=False)
    with db.write() as session:
        row = Ritual(owner_id=owner_id, text=text)
        session.add(row)
        session.flush()
        return RitualView(row.text, row.created_at, [])


def current_ritual(db: Database, *, owner_id: uuid.UUID, now: datetime | None = None) -> RitualView | None:
    """The good thing named since the week began, with the times it happened."""
    now = now or datetime.now(UTC)
    with db.read() as session:
        week = current_week(list_sessions(session, owner_id=owner_id), now)
        row = newest_ritual(session, owner_id=owner_id, since=week.start)
        if row is None:
            return None
        marks = ritual_marks(session, ritual_id=row.id, owner_id=owner_id)
        return RitualView(row.text, row.created_at, [m.happened_at for m in marks])


def mark_ritual(db: Database, *, owner_id: uuid.UUID, at: datetime | None = None) -> RitualView:
    """Mark that the good thing happened (now, or at the time given)."""
    now = datetime.now(UTC)
    when = past_or_now(at, what="that time")
    with db.write() as session:
        week = current_week(list_sessions(session, owner_id=owner_id), now)
        row = newest_ritual(session, owner_id=owner_id, since=week.start)
        if row is None:
            raise NotFound("name this week's good thing first")
        session.add(RitualMark(owner_id=owner_id, ritual_id=row.id, happened_at=when))
    view = current_ritual(db, owner_id=owner_id, now=now)
    assert view is not None
    return view
