"""Partnerships: who invited whom, and who is whose partner now. Nothing here commits."""

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from afterword.store.enums import PartnershipStatus
from afterword.store.models import Partnership, Person
from afterword.store.people import same_name


def lock_people(session: Session, *, ids: list[uuid.UUID]) -> None:
    """Hold these people's rows until the transaction ends (in id order, so two invitations
    crossing cannot deadlock); on SQLite the write lock already serialises writers."""
    session.execute(select(Person.id).where(Person.id.in_(ids)).order_by(Person.id).with_for_update())


def current_partnership(session: Session, *, person_id: uuid.UUID) -> Partnership | None:
    """The person's active partnership, if any (there is at most one)."""
    stmt = select(Partnership).where(
        Partnership.status == PartnershipStatus.ACTIVE,
        or_(Partnership.inviter_id == person_id, Partnership.invitee_id == person_id),
    )
    return session.scalars(stmt.order_by(Partnership.accepted_at.desc()).limit(1)).first()


def other_person(session: Session, partnership: Partnership, *, person_id: uuid.UUID) -> Person:
    other = partnership.invitee_id if partnership.inviter_id == person_id else partnership.inviter_id
    assert other is not None, "an active partnership has both people"
    return session.get_one(Person, other)


def outgoing_invitation(session: Session, *, inviter_id: uuid.UUID) -> Partnership | None:
    stmt = select(Partnership).where(
        Partnership.inviter_id == inviter_id, Partnership.status == PartnershipStatus.INVITED
    )
    return session.scalars(stmt.order_by(Partnership.created_at.desc()).limit(1)).first()


def incoming_invitations(session: Session, *, name: str) -> list[tuple[Partnership, str]]:
    """Invitations waiting for the person of this name (in any case: an invitation to "sam"
    waits for Sam), oldest first, with the inviter's name."""
    stmt = (
        select(Partnership, Person.name)
        .join(Person, Person.id == Partnership.inviter_id)
        .where(Partnership.status == PartnershipStatus.INVITED)
        .order_by(Partnership.created_at)
    )
    rows = session.execute(stmt).all()
    return [(row, inviter) for row, inviter in rows if same_name(row.invitee_name, name)]


def pending_between(session: Session, *, inviter_name: str, invitee_name: str) -> Partnership | None:
    for row, inviter in incoming_invitations(session, name=invitee_name):
        if same_name(inviter, inviter_name):
            return row
    return None


def add_invitation(session: Session, *, inviter_id: uuid.UUID, invitee_name: str) -> Partnership:
    row = Partnership(inviter_id=inviter_id, invitee_name=invitee_name, status=PartnershipStatus.INVITED)
    session.add(row)
    session.flush()
    return row
