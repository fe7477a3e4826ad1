"""Partnership, made explicit and two-sided: one person invites another by name, the other
accepts (or declines), and either can end it. A person has at most one current partner, and
everything shared (summaries, sent appreciations, a proposed or agreed repair phrase) reaches
only that partner, while the partnership lasts.

An invitation is kept by name, so inviting a name answers the same whether or not an account of
that name exists here: nobody learns who has an account by trying names."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from afterword.errors import Conflict, NotFound
from afterword.reflect.text import BadText, clean_text
from afterword.store.db import Database
from afterword.store.enums import PartnershipStatus
from afterword.store.models import Partnership, Person, Summary, utc_now
from afterword.store.partners import (
    add_invitation,
    current_partnership,
    incoming_invitations,
    lock_people,
    other_person,
    outgoing_invitation,
    pending_between,
)
from afterword.store.people import same_name

NAME_CHARS = 100
NO_SUCH_PARTNER = "No such partner."
"""The one answer about anyone who is not the reader's current partner, existing or not."""


@dataclass(frozen=True)
class Partner:
    id: uuid.UUID
    name: str
    partnership_id: uuid.UUID


@dataclass(frozen=True)
class PartnerState:
    partner: str | None
    since: datetime | None
    invited: str | None
    """The name you invited, while the invitation waits."""
    invitations: list[str]
    """Who invited you, waiting for your answer."""


def current_partner(session: Session, *, person_id: uuid.UUID) -> Partner | None:
    """The person's current partner, read in an open session."""
    row = current_partnership(session, person_id=person_id)
    if row is None:
        return None
    other = other_person(session, row, person_id=person_id)
    return Partner(other.id, other.name, row.id)


def partner_named(db: Database, *, reader_id: uuid.UUID, name: str) -> Partner:
    """The reader's current partner if that is their name; otherwise NotFound, with the same
    sentence for a stranger, an ex-partner, oneself and a name nobody has."""
    with db.read() as session:
        partner = current_partner(session, person_id=reader_id)
    if partner is None or not same_name(partner.name, name):
        raise NotFound(NO_SUCH_PARTNER)
    return partner


def state_of(session: Session, person: Person) -> PartnerState:
    active = current_partnership(session, person_id=person.id)
    outgoing = outgoing_invitation(session, inviter_id=person.id)
    partner = other_person(session, active, person_id=person.id) if active else None
    return PartnerState(
        partner=partner.name if partner else None,
        since=active.accepted_at if active else None,
        invited=outgoing.invitee_name if outgoing else None,
        invitations=[inviter for _, inviter in incoming_invitations(session, name=person.name)],
    )


def partner_state(db: Database, *, person_id: uuid.UUID) -> PartnerState:
    with db.read() as session:
        return state_of(session, session.get_one(Person, person_id))


def invite(db: Database, *, person_id: uuid.UUID, name: str) -> PartnerState:
    """Invite the person of that name; an invitation from them already waiting is accepted."""
    name = clean_text(name, what="a name", max_chars=NAME_CHARS, multiline=False)
    with db.write() as session:
        me = session.get_one(Person, person_id)
        if same_name(name, me.name):
            raise BadText("a partner is someone else: invite them by their name")
        if current_partnership(session, person_id=person_id) is not None:
            raise Conflict("you have a partner already; end that partnership first")
        waiting = pending_between(session, inviter_name=name, invitee_name=me.name)
        if waiting is not None:
            join(session, waiting, me)
        else:
            withdraw_outgoing(session, person_id)
            add_invitation(session, inviter_id=person_id, invitee_name=name)
        return state_of(session, me)


def accept(db: Database, *, person_id: uuid.UUID, name: str) -> PartnerState:
    """Accept the invitation from the person of that name."""
    with db.write() as session:
        me = session.get_one(Person, person_id)
        waiting = pending_between(session, inviter_name=name, invitee_name=me.name)
        if waiting is None:
            raise NotFound(f"no invitation from {name} is waiting for you")
        if current_partnership(session, person_id=person_id) is not None:
            raise Conflict("you have a partner already; end that partnership first")
        join(session, waiting, me)
        return state_of(session, me)


def join(session: Session, invitation: Partnership, invitee: Person) -> None:
    lock_people(session, ids=[invitation.inviter_id, invitee.id])
    session.refresh(invitation)
    if invitation.status != PartnershipStatus.INVITED:
        raise NotFound("that invitation is no longer waiting")
    if current_partnership(session, person_id=invitation.inviter_id) is not None:
        raise Conflict("they have a partner already")
    invitation.status, invitation.invitee_id = PartnershipStatus.ACTIVE, invitee.id
    invitation.accepted_at = utc_now()
    # Whatever else either of them had waiting ends here: one partner at a time.
    for person in (session.get_one(Person, invitation.inviter_id), invitee):
        withdraw_outgoing(session, person.id)
        for other, _ in incoming_invitations(session, name=person.name):
            other.status, other.ended_at = PartnershipStatus.DECLINED, utc_now()


def withdraw_outgoing(session: Session, person_id: uuid.UUID) -> None:
    outgoing = outgoing_invitation(session, inviter_id=person_id)
    if outgoing is not None:
        outgoing.status, outgoing.ended_at = PartnershipStatus.ENDED, utc_now()


def decline(db: Database, *, person_id: uuid.UUID, name: str) -> PartnerState:
    """Say no to the invitation from the person of that name."""
    with db.write() as session:
        me = session.get_one(Person, person_id)
        waiting = pending_between(session, inviter_name=name, invitee_name=me.name)
        if waiting is None:
            raise NotFound(f"no invitation from {name} is waiting for you")
        waiting.status, waiting.ended_at = PartnershipStatus.DECLINED, utc_now()
        return state_of(session, me)


def end(db: Database, *, person_id: uuid.UUID) -> PartnerState:
    """End the partnership (what either had shared becomes private again), or withdraw the
    invitation still waiting."""
    with db.write() as session:
        me = session.get_one(Person, person_id)
        active = current_partnership(session, person_id=person_id)
        if active is not None:
            active.status, active.ended_at = PartnershipStatus.ENDED, utc_now()
            both = [active.inviter_id, active.invitee_id]
            session.execute(update(Summary).where(Summary.owner_id.in_(both)).values(shared=False))
        elif outgoing_invitation(session, inviter_id=person_id) is not None:
            withdraw_outgoing(session, person_id)
        else:
            raise NotFound("you have no partner and no invitation waiting")
        return state_of(session, me)
