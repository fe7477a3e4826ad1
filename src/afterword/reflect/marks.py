"""Marks: in the session, the second something lands, a tap records the time and nothing else.
Afterwards Afterword asks about them ("You marked 16:23 and 16:41. What landed?"), and a memo
recorded in answer is linked to its mark (see capture.marks)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.reflect.text import past_or_now
from afterword.store.db import Database
from afterword.store.marks import list_marks
from afterword.store.models import Mark
from afterword.store.reflections import find_owned

OPEN_FOR = timedelta(days=7)
"""How long an unanswered mark keeps asking."""


@dataclass(frozen=True)
class MarkView:
    id: uuid.UUID
    marked_at: datetime
    memo_id: uuid.UUID | None
    headline: str | None
    """What landed: the headline of the memo recorded in answer, once transcribed."""


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


def add_mark(db: Database, *, owner_id: uuid.UUID, at: datetime | None = None) -> MarkView:
    """Record the time, and only the time."""
    with db.write() as session:
        row = Mark(owner_id=owner_id, marked_at=past_or_now(at, what="a mark"))
        session.add(row)
        session.flush()
        return MarkView(row.id, row.marked_at, None, None)


def mark_views(
    db: Database, *, owner_id: uuid.UUID, since: datetime | None = None, open_only: bool = False
) -> list[MarkView]:
    """Oldest first; by default the last seven days."""
    start = since or datetime.now(UTC) - OPEN_FOR
    with db.read() as session:
        rows = list_marks(session, owner_id=owner_id, since=start, open_only=open_only)
    return [MarkView(m.id, m.marked_at, m.memo_id, headline) for m, headline in rows]


def mark_list(db: Database, *, owner_id: uuid.UUID) -> MarkList:
    """The last seven days' marks, and what to ask about those not answered yet."""
    views = mark_views(db, owner_id=owner_id)
    return MarkList(views, what_landed(views))


def remove_mark(db: Database, *, owner_id: uuid.UUID, ref: str) -> None:
    """Let a mark go (the memo that answered it stays)."""
    with db.write() as session:
        session.delete(find_owned(session, Mark, id_or_prefix=ref, owner_id=owner_id, label="mark"))


def find_mark(db: Database, *, owner_id: uuid.UUID, ref: str) -> MarkView:
    """By id or its first characters (NotFound otherwise)."""
    with db.read() as session:
        row = find_owned(session, Mark, id_or_prefix=ref, owner_id=owner_id, label="mark")
        return MarkView(row.id, row.marked_at, row.memo_id, None)
