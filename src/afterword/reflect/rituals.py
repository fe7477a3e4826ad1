"""One ordinary good thing, protected this week: a walk, a morning hug, a funny text, a meal
without problem-solving. Name it, and note the times it happened. Nothing counts the times it
did not: the pre-session note says what was protected, never what was missed."""

from datetime import UTC, datetime

from afterword.errors import NotFound
from afterword.reflect.text import LINE_CHARS, clean_text, past_or_now
from afterword.reflect.weeks import current_week
from afterword.store.db import Database
from afterword.store.models import Ritual, RitualTime
from afterword.store.reading import Reader, Reads
from afterword.store.rituals import newest_ritual as newest_ritual_row
from afterword.store.views.rituals import RitualView, newest_ritual
from afterword.store.views.sessions import session_times

EXAMPLES = "a walk after dinner, a morning hug, a funny text, a meal without problem-solving"
NOTHING_NAMED = "name this week's good thing first"


def set_ritual(reader: Reader, db: Database, *, text: str) -> RitualView:
    """Name this week's good thing (naming another replaces it for the week)."""
    text = clean_text(text, what="the good thing", max_chars=LINE_CHARS, multiline=False)
    with db.write() as session:
        row = Ritual(owner_id=reader.person_id, text=text)
        session.add(row)
        session.flush()
        return RitualView(row.text, row.created_at, [])


def this_weeks(reads: Reads, now: datetime) -> RitualView | None:
    return newest_ritual(reads, since=current_week(session_times(reads), now).start)


def current_ritual(reader: Reader, *, now: datetime | None = None) -> RitualView | None:
    """The good thing named since the week began, with the times it happened."""
    with reader.reads() as reads:
        return this_weeks(reads, now or datetime.now(UTC))


def ritual_happened(reader: Reader, db: Database, *, at: datetime | None = None) -> RitualView:
    """Note that the good thing happened (now, or at the time given)."""
    now = datetime.now(UTC)
    when = past_or_now(at, what="that time")
    with reader.reads() as reads:
        since = current_week(session_times(reads), now).start
    with db.write() as session:
        row = newest_ritual_row(session, owner_id=reader.person_id, since=since)
        if row is None:
            raise NotFound(NOTHING_NAMED)
        session.add(RitualTime(owner_id=reader.person_id, ritual_id=row.id, happened_at=when))
    view = current_ritual(reader, now=now)
    assert view is not None
    return view
