"""People: each owns their memos, insights and everything built on them. Names are found by the
one resolver, store.views.people."""

import uuid

from sqlalchemy.orm import Session

from afterword.controls import NAME_CHARS, refuse_controls
from afterword.errors import Conflict, Invalid
from afterword.store.db import Database
from afterword.store.enums import ReminderText
from afterword.store.models import Person
from afterword.store.reading import SessionRows
from afterword.store.views.people import PersonView, find_person

MAX_NAME_CHARS = NAME_CHARS


def get_or_create_person(session: Session, *, name: str) -> Person:
    found = find_person(SessionRows(session), name=name)
    if found is not None:
        return session.get_one(Person, found.id)
    person = Person(name=name)
    session.add(person)
    session.flush()
    return person


def set_reminder_text(db: Database, *, person_id: uuid.UUID, show: ReminderText) -> None:
    with db.write() as session:
        session.get_one(Person, person_id).reminders = show


def add_person(db: Database, *, name: str) -> PersonView:
    """A new person; a name has 1 to 100 characters and is not taken."""
    name = refuse_controls(name, what="a name").strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise Invalid(f"a name has 1 to {MAX_NAME_CHARS} characters")
    with db.write() as session:
        taken = find_person(SessionRows(session), name=name)
        if taken is not None:
            raise Conflict(f"there is already a person named {taken.name} (names match in any case)")
        person = Person(name=name)
        session.add(person)
        session.flush()
        return PersonView(person.id, person.name)
