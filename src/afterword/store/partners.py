"""Partnerships in the ORM, for the writes that make, accept and end them: who invited whom, and
who is whose partner now (read through the one definition in store/sql/partners.sql). Nothing
here commits."""

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from afterword.errors import Conflict, NotFound
from afterword.store.enums import PartnershipStatus
from afterword.store.models import Partnership, Person, Summary, utc_now
from afterword.store.queries import queries
from afterword.store.reading import Reads, SessionRows, as_uuid
from afterword.store.views import partners as partner_views
from afterword.store.views.partners import Partner
from afterword.store.views.people import same_name

SQL = queries("partners")


def lock_people(session: Session, *, ids: list[uuid.UUID]) -> None:
    """Hold these people's rows until the transaction ends (in id order, so two invitations
    crossing cannot deadlock); on SQLite the write lock already serialises writers."""
    session.execute(select(Person.id).where(Person.id.in_(ids)).order_by(Person.id).with_for_update())


def current_partnership(session: Session, *, person_id: uuid.UUID) -> Partnership | None:
    """The person's active partnership, if any (there is at most one)."""
    found = SessionRows(session).all(SQL["partnership_id"], person_id=person_id)
    return session.get_one(Partnership, as_uuid(found[0][0])) if found else None


def current_partner(session: Session, *, person_id: uuid.UUID) -> Partner | None:
    """The person's current partner, read in a write's own transaction."""
    return partner_views.current_partner(Reads(SessionRows(session), person_id))


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


def join_partnership(session: Session, invitation: Partnership, invitee: Person) -> None:
    """The invitee accepts: the partnership begins, and whatever else either of them had
    waiting ends (one partner at a time)."""
    lock_people(session, ids=[invitation.inviter_id, invitee.id])
    session.refresh(invitation)
    if invitation.status != PartnershipStatus.INVITED:
        raise NotFound("that invitation is no longer waiting")
    if current_partnership(session, person_id=invitation.inviter_id) is not None:
        raise Conflict("they have a partner already")
    invitation.status, invitation.invitee_id = PartnershipStatus.ACTIVE, invitee.id
    invitation.accepted_at = utc_now()
    for person in (session.get_one(Person, invitation.inviter_id), invitee):
        withdraw_outgoing(session, person.id)
        for other, _ in incoming_invitations(session, name=person.name):
            other.status, other.ended_at = PartnershipStatus.DECLINED, utc_now()


def withdraw_outgoing(session: Session, person_id: uuid.UUID) -> None:
    outgoing = outgoing_invitation(session, inviter_id=person_id)
    if outgoing is not None:
        outgoing.status, outgoing.ended_at = PartnershipStatus.ENDED, utc_now()


def end_partnership(session: Session, partnership: Partnership) -> None:
    """End it: what either of them had shared becomes private again."""
    partnership.status, partnership.ended_at = PartnershipStatus.ENDED, utc_now()
    both = [partnership.inviter_id, partnership.invitee_id]
    session.execute(update(Summary).where(Summary.owner_id.in_(both)).values(shared=False))


def add_invitation(session: Session, *, inviter_id: uuid.UUID, invitee_name: str) -> Partnership:
    row = Partnership(inviter_id=inviter_id, invitee_name=invitee_name, status=PartnershipStatus.INVITED)
    session.add(row)
    session.flush()
    return row
