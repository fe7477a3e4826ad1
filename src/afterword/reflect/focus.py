"""The weekly focus: the one thread chosen for this week. Setting it again replaces it for the
week (earlier ones are kept); a new week starts without one."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.errors import Invalid
from afterword.reflect.sessions import current_week
from afterword.store.db import Database
from afterword.store.models import Focus
from afterword.store.reflections import list_sessions, newest_focus

MAX_FOCUS_CHARS = 300


class BadFocus(Invalid):
    pass


@dataclass(frozen=True)
class FocusView:
    text: str
    set_at: datetime


def set_focus(db: Database, *, owner_id: uuid.UUID, text: str) -> FocusView:
    text = " ".join(text.split())
    if not text or len(text) > MAX_FOCUS_CHARS:
        raise BadFocus(f"a focus has 1 to {MAX_FOCUS_CHARS} characters")
    with db.write() as session:
        focus = Focus(owner_id=owner_id, text=text)
        session.add(focus)
        session.flush()
        return FocusView(focus.text, focus.created_at)


def current_focus(db: Database, *, owner_id: uuid.UUID, now: datetime | None = None) -> FocusView | None:
    """The focus set since the week began, if any."""
    now = now or datetime.now(UTC)
    with db.read() as session:
        week = current_week(list_sessions(session, owner_id=owner_id), now)
        focus = newest_focus(session, owner_id=owner_id, since=week.start)
        return None if focus is None else FocusView(focus.text, focus.created_at)
