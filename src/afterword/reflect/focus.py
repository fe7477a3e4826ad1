"""The weekly focus: the one thread chosen for this week. Setting it again replaces it for the
week (earlier ones are kept); a new week starts without one."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.controls import LINE_CHARS, refuse_controls
from afterword.errors import Invalid
from afterword.reflect.weeks import week_focus
from afterword.store.db import Database
from afterword.store.lean import SessionRows
from afterword.store.models import Focus

MAX_FOCUS_CHARS = LINE_CHARS


class BadFocus(Invalid):
    pass


@dataclass(frozen=True)
class FocusView:
    text: str
    set_at: datetime


def set_focus(db: Database, *, owner_id: uuid.UUID, text: str) -> FocusView:
    text = " ".join(refuse_controls(text, what="a focus").split())
    if not text or len(text) > MAX_FOCUS_CHARS:
        raise BadFocus(f"a focus has 1 to {MAX_FOCUS_CHARS} characters")
    with db.write() as session:
        focus = Focus(owner_id=owner_id, text=text)
        session.add(focus)
        session.flush()
        return FocusView(focus.text, focus.created_at)


def current_focus(db: Database, *, owner_id: uuid.UUID, now: datetime | None = None) -> FocusView | None:
    """The focus set since the week began, if any."""
    with db.read() as session:
        found = week_focus(SessionRows(session), owner_id=owner_id, now=now or datetime.now(UTC))
    return None if found is None else FocusView(*found)
