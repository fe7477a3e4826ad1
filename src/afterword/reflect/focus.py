"""The weekly focus: the one thread chosen for this week. Setting it again replaces it for the
week (earlier ones are kept); a new week starts without one."""

from datetime import UTC, datetime

from afterword.controls import LINE_CHARS, refuse_controls
from afterword.errors import Invalid
from afterword.reflect.weeks import week_focus
from afterword.store.db import Database
from afterword.store.models import Focus
from afterword.store.reading import Reader
from afterword.store.views.week import FocusView

MAX_FOCUS_CHARS = LINE_CHARS


class BadFocus(Invalid):
    pass


def set_focus(reader: Reader, db: Database, *, text: str) -> FocusView:
    text = " ".join(refuse_controls(text, what="a focus").split())
    if not text or len(text) > MAX_FOCUS_CHARS:
        raise BadFocus(f"a focus has 1 to {MAX_FOCUS_CHARS} characters")
    with db.write() as session:
        focus = Focus(owner_id=reader.person_id, text=text)
        session.add(focus)
        session.flush()
        return FocusView(focus.text, focus.created_at)


def current_focus(reader: Reader, *, now: datetime | None = None) -> FocusView | None:
    """The focus set since the week began, if any."""
    with reader.reads() as reads:
        return week_focus(reads, now=now or datetime.now(UTC))
