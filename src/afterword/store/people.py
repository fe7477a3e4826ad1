"""People: each owns their memos, insights and everything built on them."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Person

LOCAL_PERSON_NAME = "me"


def get_person_by_name(session: Session, *, name: str) -> Person | None:
    return session.scalars(select(Person).where(Person.name == name)).first()


def get_or_create_person(session: Session, *, name: str) -> Person:
    person = get_person_by_name(session, name=name)
    if person is None:
        person = Person(name=name)
        session.add(person)
        session.flush()
    return person
