"""Partnership, made explicit and two-sided: one person invites another by name, the other
accepts (or declines), and either can end it. A person has at most one current partner, and
everything shared (summaries, sent appreciations, a proposed or agreed repair phrase) reaches
only that partner, while the partnership lasts.

An invitation is kept by name, so inviting a name answers the same whether or not an account of
that name exists here: nobody learns who has an account by trying names."""

from afterword.errors import Conflict, NotFound
from afterword.reflect.text import BadText, clean_text
from afterword.store.db import Database
from afterword.store.enums import PartnershipStatus
from afterword.store.models import Person, utc_now
from afterword.store.partners import (
    add_invitation,
    current_partnership,
    end_partnership,
    join_partnership,
    outgoing_invitation,
    pending_between,
    withdraw_outgoing,
)
from afterword.store.reading import Reader
from afterword.store.views.partners import Partner, PartnerState, current_partner
from afterword.store.views.partners import partner_state as read_state
from afterword.store.views.people import same_name

NAME_CHARS = 100
NO_SUCH_PARTNER = "No such partner."
"""The one answer about anyone who is not the reader's current partner, existing or not."""


def partner_named(reader: Reader, *, name: str) -> Partner:
    """The reader's current partner if that is their name; otherwise NotFound, with the same
    sentence for a stranger, an ex-partner, oneself and a name nobody has."""
    with reader.reads() as reads:
        partner = current_partner(reads)
    if partner is None or not same_name(partner.name, name):
        raise NotFound(NO_SUCH_PARTNER)
    return partner


def partner_state(reader: Reader) -> PartnerState:
    with reader.reads() as reads:
        return read_state(reads)


def invite(reader: Reader, db: Database, *, name: str) -> PartnerState:
    """Invite the person of that name; an invitation from them already waiting is accepted."""
    name = clean_text(name, what="a name", max_chars=NAME_CHARS, multiline=False)
    person_id = reader.person_id
    with db.write() as session:
        me = session.get_one(Person, person_id)
        if same_name(name, me.name):
            raise BadText("a partner is someone else: invite them by their name")
        if current_partnership(session, person_id=person_id) is not None:
            raise Conflict("you have a partner already; end that partnership first")
        waiting = pending_between(session, inviter_name=name, invitee_name=me.name)
        if waiting is not None:
            join_partnership(session, waiting, me)
        else:
            withdraw_outgoing(session, person_id)
            add_invitation(session, inviter_id=person_id, invitee_name=name)
    return partner_state(reader)


def accept(reader: Reader, db: Database, *, name: str) -> PartnerState:
    """Accept the invitation from the person of that name."""
    person_id = reader.person_id
    with db.write() as session:
        me = session.get_one(Person, person_id)
        waiting = pending_between(session, inviter_name=name, invitee_name=me.name)
        if waiting is None:
            raise NotFound(f"no invitation from {name} is waiting for you")
        if current_partnership(session, person_id=person_id) is not None:
            raise Conflict("you have a partner already; end that partnership first")
        join_partnership(session, waiting, me)
    return partner_state(reader)


def decline(reader: Reader, db: Database, *, name: str) -> PartnerState:
    """Say no to the invitation from the person of that name."""
    with db.write() as session:
        me = session.get_one(Person, reader.person_id)
        waiting = pending_between(session, inviter_name=name, invitee_name=me.name)
        if waiting is None:
            raise NotFound(f"no invitation from {name} is waiting for you")
        waiting.status, waiting.ended_at = PartnershipStatus.DECLINED, utc_now()
    return partner_state(reader)


def end(reader: Reader, db: Database) -> PartnerState:
    """End the partnership (what either had shared becomes private again), or withdraw the
    invitation still waiting."""
    person_id = reader.person_id
    with db.write() as session:
        active = current_partnership(session, person_id=person_id)
        if active is not None:
            end_partnership(session, active)
        elif outgoing_invitation(session, inviter_id=person_id) is not None:
            withdraw_outgoing(session, person_id)
        else:
            raise NotFound("you have no partner and no invitation waiting")
    return partner_state(reader)
