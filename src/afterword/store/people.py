"""People: each owns their memos, insights and everything built on them."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.controls import NAME_CHARS, has_controls, refuse_controls
from afterword.errors import Conflict, Invalid, NotFound
from afterword.store.db import Database
from afterword.store.enums import LOCAL_PERSON_NAME
from afterword.store.models import Person

MAX_NAME_CHARS = NAME_CHARS


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class PersonListed(PersonView):
    created_at: datetime


def get_person_by_name(session: Session, *, name: str) -> Person | None:
    if has_controls(name, multiline=False):
        return None  # no name holds one, and PostgreSQL refuses a NUL in a query
    return session.scalars(select(Person).where(Person.name == name)).first()


def get_or_create_person(session: Session, *, name: str) -> Person:
    person = get_person_by_name(session, name=name)
    if person is None:
        person = Person(name=name)
        session.add(person)
        session.flush()
    return person


def person_or_404(session: Session, *, name: str) -> Person:
    person = get_person_by_name(session, name=name)
    if person is None:
        raise NotFound(f"there is no person named {name}; add them with `afterword person add {name}`")
    return person


def acting_person_id(db: Database, *, name: str) -> uuid.UUID:
    """Who a CLI command acts for: the default local person is made on first use; anyone else
    must have been added."""
    if name == LOCAL_PERSON_NAME:
        with db.write() as session:
            return get_or_create_person(session, name=name).id
    with db.read() as session:
        return person_or_404(session, name=name).id


def add_person(db: Database, *, name: str) -> PersonView:
    """A new person; a name has 1 to 100 characters and is not taken."""
    name = refuse_controls(name, what="a name").strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise Invalid(f"a name has 1 to {MAX_NAME_CHARS} characters")
    with db.write() as session:
        if get_person_by_name(session, name=name) is not None:
            raise Conflict(f"there is already a person named {name}")
        person = Person(name=name)
        session.add(person)
        session.flush()
        return PersonView(person.id, person.name)


def list_people(db: Database) -> list[PersonListed]:
    """Everyone, by name."""
    with db.read() as session:
        people = session.scalars(select(Person).order_by(Person.name))
        return [PersonListed(p.id, p.name, p.created_at) for p in people]
