"""Appreciations: one specific action of the partner, named ("you made tea when I came home
late", not "you're great"). Private unless sent; a sent one reaches the current partner, shows
on their next open and in their pre-session note, and nobody else ever sees it."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from afterword.errors import Conflict
from afterword.reflect.partners import current_partner
from afterword.reflect.review import words_of
from afterword.reflect.text import NOTE_CHARS, clean_text
from afterword.store.appreciations import own_appreciations, sent_within
from afterword.store.db import Database
from afterword.store.models import Appreciation, Partnership, Person, utc_now
from afterword.store.reflections import find_owned

PROMPT = (
    "Name one specific thing your partner did, not a general compliment: "
    "“you made tea when I came home late”, not “you're great”."
)
STEER = "That sounds like a general compliment. What did they do, and when? For example: “you made tea when I came home late”."
GENERAL = re.compile(
    r"^(you('| a)re|ur|u r|thanks? (you )?for being)\s+(so |really |just |the )*"
    r"(great|amazing|awesome|best|wonderful|lovely|kind|sweet|nice|perfect|fantastic|good|the best)\b",
    re.IGNORECASE,
)
MIN_SPECIFIC_WORDS = 3
NO_PARTNER = "you have no partner here to send it to; keep it private, or invite them first"


@dataclass(frozen=True)
class AppreciationView:
    id: uuid.UUID
    text: str
    created_at: datetime
    sent_at: datetime | None
    sent_to: str | None
    hint: str | None = None
    """A nudge toward a specific action, when the words sound like a general compliment."""


@dataclass(frozen=True)
class ReceivedView:
    id: uuid.UUID
    text: str
    sent_at: datetime
    sender: str
    new: bool
    """Not seen yet by the one it was sent to."""


@dataclass(frozen=True)
class AppreciationList:
    items: list[AppreciationView]
    prompt: str


@dataclass(frozen=True)
class Seen:
    seen: int
    """How many of the partner's were new."""


@dataclass(frozen=True)
class BothWays:
    received: list[ReceivedView]
    """What the partner sent, newest first."""
    mine: list[AppreciationView]
    """One's own, newest first."""


def steer(text: str) -> str | None:
    """The nudge for a general compliment, or None when it names something done."""
    if GENERAL.search(text.strip()) or len(words_of(text)) < MIN_SPECIFIC_WORDS:
        return STEER
    return None


def view_of(row: Appreciation, sent_to: str | None, hint: str | None = None) -> AppreciationView:
    return AppreciationView(row.id, row.text, row.created_at, row.sent_at, sent_to, hint)


def appreciate(db: Database, *, owner_id: uuid.UUID, text: str, send: bool = False) -> AppreciationView:
    """Keep an appreciation (private), or send it to the current partner at once."""
    text = clean_text(text, what="an appreciation", max_chars=NOTE_CHARS)
    with db.write() as session:
        partner = current_partner(session, person_id=owner_id) if send else None
        if send and partner is None:
            raise Conflict(NO_PARTNER)
        row = Appreciation(owner_id=owner_id, text=text)
        if partner is not None:
            row.partnership_id, row.sent_at = partner.partnership_id, utc_now()
        session.add(row)
        session.flush()
        return view_of(row, partner.name if partner else None, steer(text))


def send_appreciation(db: Database, *, owner_id: uuid.UUID, ref: str) -> AppreciationView:
    """Send a kept appreciation to the current partner (sending it again changes nothing)."""
    with db.write() as session:
        row = find_owned(session, Appreciation, id_or_prefix=ref, owner_id=owner_id, label="appreciation")
        partner = current_partner(session, person_id=owner_id)
        if partner is None:
            raise Conflict(NO_PARTNER)
        if row.partnership_id != partner.partnership_id:
            row.partnership_id, row.sent_at, row.seen_at = partner.partnership_id, utc_now(), None
        return view_of(row, partner.name)


def appreciation_views(db: Database, *, owner_id: uuid.UUID) -> list[AppreciationView]:
    """The person's own appreciations, newest first, with whom each was sent to."""
    with db.read() as session:
        rows = own_appreciations(session, owner_id=owner_id)
        return [view_of(row, sent_to_name(session, row, owner_id)) for row in rows]


def appreciation_list(db: Database, *, owner_id: uuid.UUID) -> AppreciationList:
    """One's own, newest first, with the prompt that steers toward a specific action."""
    return AppreciationList(appreciation_views(db, owner_id=owner_id), PROMPT)


def open_appreciations(db: Database, *, person_id: uuid.UUID) -> BothWays:
    """What the partner sent (from now on seen) and one's own."""
    both = BothWays(received(db, reader_id=person_id), appreciation_views(db, owner_id=person_id))
    mark_received_seen(db, reader_id=person_id)
    return both


def sent_to_name(session: Session, row: Appreciation, owner_id: uuid.UUID) -> str | None:
    if row.partnership_id is None:
        return None
    partnership = session.get_one(Partnership, row.partnership_id)
    other = partnership.invitee_id if partnership.inviter_id == owner_id else partnership.inviter_id
    return session.get_one(Person, other).name if other else None


def received(db: Database, *, reader_id: uuid.UUID, since: datetime | None = None) -> list[ReceivedView]:
    """What the current partner sent this person, newest first; nothing outside the partnership."""
    with db.read() as session:
        partner = current_partner(session, person_id=reader_id)
        if partner is None:
            return []
        rows = sent_within(session, partnership_id=partner.partnership_id, sender_id=partner.id, since=since)
        return [
            ReceivedView(r.id, r.text, r.sent_at, partner.name, r.seen_at is None) for r in rows if r.sent_at
        ]


def mark_received_seen(db: Database, *, reader_id: uuid.UUID) -> Seen:
    """Note that the person has seen what their partner sent, and how many were new."""
    with db.write() as session:
        partner = current_partner(session, person_id=reader_id)
        if partner is None:
            return Seen(0)
        rows = sent_within(session, partnership_id=partner.partnership_id, sender_id=partner.id)
        fresh = [row for row in rows if row.seen_at is None]
        for row in fresh:
            row.seen_at = utc_now()
        return Seen(len(fresh))


def remove_appreciation(db: Database, *, owner_id: uuid.UUID, ref: str) -> None:
    """Delete one (a sent one is taken back from the partner too)."""
    with db.write() as session:
        session.delete(
            find_owned(session, Appreciation, id_or_prefix=ref, owner_id=owner_id, label="appreciation")
        )
