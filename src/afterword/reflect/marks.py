"""Marks: in the session, the second something lands, a tap records the time and nothing else.
Afterwards Afterword asks about them ("You marked 16:23 and 16:41. What landed?"), and a memo
recorded in answer is linked to its mark (see capture.marks)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.errors import NotFound
from afterword.reflect.text import past_or_now
from afterword.store.db import Database
from afterword.store.models import Mark
from afterword.store.owned import get_owned
from afterword.store.reading import Reader
from afterword.store.views import marks as stored
from afterword.store.views.marks import MarkView

OPEN_FOR = timedelta(days=7)
"""How long an unanswered mark keeps asking."""
NO_SUCH_MARK = "No such mark."


@dataclass(frozen=True)
class MarkList:
    items: list[MarkView]
    prompt: str | None
    """ "You marked 16:23 and 16:41. What landed?" while some are unanswered."""


def clock_of(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def what_landed(marks: list[MarkView]) -> str | None:
    """ "You marked 16:23 and 16:41. What landed?" for the marks not answered yet."""
    times = [clock_of(m.marked_at) for m in marks if m.memo_id is None]
    if not times:
        return None
    listed = times[0] if len(times) == 1 else ", ".join(times[:-1]) + " and " + times[-1]
    return f"You marked {listed}. What landed?"


def add_mark(reader: Reader, db: Database, *, at: datetime | None = None) -> MarkView:
    """Record the time, and only the time."""
    with db.write() as session:
        row = Mark(owner_id=reader.person_id, marked_at=past_or_now(at, what="a mark"))
        session.add(row)
        session.flush()
        return MarkView(row.id, row.marked_at, None, None)


def mark_views(reader: Reader, *, since: datetime | None = None, open_only: bool = False) -> list[MarkView]:
    """Oldest first; by default the last seven days."""
    start = since or datetime.now(UTC) - OPEN_FOR
    with reader.reads() as reads:
        return stored.marks(reads, since=start, open_only=open_only)


def mark_list(reader: Reader) -> MarkList:
    """The last seven days' marks, and what to ask about those not answered yet."""
    views = mark_views(reader)
    return MarkList(views, what_landed(views))


def remove_mark(reader: Reader, db: Database, *, mark_id: uuid.UUID) -> None:
    """Let a mark go (the memo that answered it stays)."""
    with db.write() as session:
        row = get_owned(session, Mark, row_id=mark_id, owner_id=reader.person_id)
        if row is None:
            raise NotFound(NO_SUCH_MARK)
        session.delete(row)


def mark_detail(reader: Reader, *, mark_id: uuid.UUID) -> MarkView:
    """NotFound when the reader has no such mark."""
    with reader.reads() as reads:
        found = stored.mark(reads, mark_id=mark_id)
    if found is None:
        raise NotFound(NO_SUCH_MARK)
    return found
