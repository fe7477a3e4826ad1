"""People: each owns their memos, insights and everything built on them."""

import difflib
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.controls import NAME_CHARS, has_controls, refuse_controls
from afterword.errors import Conflict, Invalid, NotFound
from afterword.store.db import Database
from afterword.store.enums import LOCAL_PERSON_NAME, ReminderText
from afterword.store.models import Person

MAX_NAME_CHARS = NAME_CHARS


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class PersonListed(PersonView):
    created_at: datetime


def same_name(a: str, b: str) -> bool:
    """Names match without regard to case ("sam" is Sam), in any script."""
    return a.strip().casefold() == b.strip().casefold()


def get_person_by_name(session: Session, *, name: str) -> Person | None:
    """The person of that name, the exact spelling first, else without regard to case (in
    Python, as SQLite's lower() knows only ASCII; the people of one machine are few)."""
    if has_controls(name, multiline=False):
        return None  # no name holds one, and PostgreSQL refuses a NUL in a query
    exact = session.scalars(select(Person).where(Person.name == name)).first()
    if exact is not None:
        return exact
    return next((p for p in session.scalars(select(Person)) if same_name(p.name, name)), None)


def get_or_create_person(session: Session, *, name: str) -> Person:
    person = get_person_by_name(session, name=name)
    if person is None:
        person = Person(name=name)
        session.add(person)
        session.flush()
    return person


def person_or_404(session: Session, *, name: str) -> Person:
    """For the machine's own commands (--as, pair, token): a miss names the close names there
    are, and offers to add the name only when none is close, so a typo never becomes a second
    person."""
    person = get_person_by_name(session, name=name)
    if person is not None:
        return person
    names = list(session.scalars(select(Person.name).order_by(Person.name)))
    folded = {n.casefold(): n for n in names}
    close = [folded[n] for n in difflib.get_close_matches(name.strip().casefold(), folded, n=3, cutoff=0.6)]
    if close:
        raise NotFound(f"there is no person named {name}; did you mean {' or '.join(close)}?")
    raise NotFound(f"there is no person named {name}; add them with `afterword person add {name}`")


def reminder_text(session: Session, *, person_id: uuid.UUID) -> ReminderText:
    """What the person's calendar events and alarms show."""
    return session.get_one(Person, person_id).reminders


def set_reminder_text(db: Database, *, person_id: uuid.UUID, show: ReminderText) -> None:
    with db.write() as session:
        session.get_one(Person, person_id).reminders = show


def acting_person_id(db: Database, *, name: str) -> uuid.UUID:
    """Who a CLI command acts for: the default local person is made on first use; anyone else
    must have been added."""
    if same_name(name, LOCAL_PERSON_NAME):
        with db.write() as session:
            return get_or_create_person(session, name=LOCAL_PERSON_NAME).id
    with db.read() as session:
        return person_or_404(session, name=name).id


def add_person(db: Database, *, name: str) -> PersonView:
    """A new person; a name has 1 to 100 characters and is not taken."""
    name = refuse_controls(name, what="a name").strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise Invalid(f"a name has 1 to {MAX_NAME_CHARS} characters")
    with db.write() as session:
        taken = get_person_by_name(session, name=name)
        if taken is not None:
            raise Conflict(f"there is already a person named {taken.name} (names match in any case)")
        person = Person(name=name)
        session.add(person)
        session.flush()
        return PersonView(person.id, person.name)


def list_people(db: Database) -> list[PersonListed]:
    """Everyone, by name."""
    with db.read() as session:
        people = session.scalars(select(Person).order_by(Person.name))
        return [PersonListed(p.id, p.name, p.created_at) for p in people]
