"""People by name: the one resolver every door uses (the person a CLI command acts for, the
person a token or a phone is made for, a name taken or not), and the person's own settings."""

import difflib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.controls import has_controls
from afterword.errors import NotFound
from afterword.store.enums import LOCAL_PERSON_NAME, ReminderText
from afterword.store.queries import queries
from afterword.store.reading import Reads, Rows, RowSource, as_utc, as_uuid

SQL = queries("people")
CLOSE_NAMES = 3


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class PersonListed(PersonView):
    created_at: datetime


class NoSuchPerson(NotFound):
    """A name nobody here has; `close` holds the names that look like it (a typo's targets)."""

    def __init__(self, name: str, close: list[str]) -> None:
        guess = f"; did you mean {' or '.join(close)}?" if close else ""
        super().__init__(f"there is no person named {name}{guess}")
        self.name, self.close = name, close


def same_name(a: str, b: str) -> bool:
    """Names match without regard to case ("sam" is Sam), in any script."""
    return a.strip().casefold() == b.strip().casefold()


def find_person(rows: Rows, *, name: str) -> PersonView | None:
    """The person of that name: the exact spelling first, else without regard to case (in
    Python, as SQLite's lower() knows only ASCII; the people of one machine are few)."""
    if has_controls(name, multiline=False):
        return None  # no name holds one, and PostgreSQL refuses a NUL in a query
    exact = rows.all(SQL["person_named"], name=name)
    if exact:
        return PersonView(as_uuid(exact[0][0]), exact[0][1])
    return next((p for p in listed_people(rows) if same_name(p.name, name)), None)


def person_or_404(rows: Rows, *, name: str) -> PersonView:
    """As find_person; a miss names the close names there are, so a typo never becomes a
    second person."""
    person = find_person(rows, name=name)
    if person is None:
        raise no_such_person(rows, name)
    return person


def no_such_person(rows: Rows, name: str) -> NoSuchPerson:
    folded = {p.name.casefold(): p.name for p in listed_people(rows)}
    close = difflib.get_close_matches(name.strip().casefold(), folded, n=CLOSE_NAMES, cutoff=0.6)
    return NoSuchPerson(name, [folded[n] for n in close])


def listed_people(rows: Rows) -> list[PersonListed]:
    """Everyone, by name."""
    return [PersonListed(as_uuid(i), name, as_utc(at)) for i, name, at in rows.all(SQL["people"])]


def list_people(source: RowSource) -> list[PersonListed]:
    with source.snapshot() as rows:
        return listed_people(rows)


def acting_person_id(source: RowSource, *, name: str) -> uuid.UUID:
    """Who a CLI command acts for: the local person is made on first use; anyone else must have
    been added (NoSuchPerson otherwise)."""
    with source.snapshot() as rows:
        found = find_person(rows, name=name)
        if found is not None:
            return found.id
        if not same_name(name, LOCAL_PERSON_NAME):
            raise no_such_person(rows, name)
        with rows.transaction():
            # Two first commands at once: one makes the person, the other finds it made.
            rows.run(SQL["add_person_once"], id=uuid.uuid4(), name=LOCAL_PERSON_NAME, now=datetime.now(UTC))
        made = find_person(rows, name=LOCAL_PERSON_NAME)
        assert made is not None
        return made.id


def reminder_text(reads: Reads) -> ReminderText:
    """What the person's calendar events and alarms show."""
    return ReminderText(reads.rows.all(SQL["reminder_text"], person_id=reads.person_id)[0][0])
