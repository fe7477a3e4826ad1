"""Appreciations: one specific action of the partner, named ("you made tea when I came home
late", not "you're great"). Private unless sent; a sent one reaches the current partner, shows
on their next open and in their pre-session note, and nobody else ever sees it."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.errors import Conflict, NotFound
from afterword.reflect.review import words_of
from afterword.reflect.text import NOTE_CHARS, clean_text
from afterword.store.appreciations import sent_within
from afterword.store.db import Database
from afterword.store.models import Appreciation, utc_now
from afterword.store.owned import get_owned
from afterword.store.partners import current_partner
from afterword.store.reading import Reader
from afterword.store.views.appreciations import OwnAppreciation, own_appreciations
from afterword.store.views.partners import ReceivedAppreciation
from afterword.store.views.partners import received as received_from_partner

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
NO_SUCH_APPRECIATION = "No such appreciation."


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


def view_of(
    row: Appreciation | OwnAppreciation, sent_to: str | None, hint: str | None = None
) -> AppreciationView:
    return AppreciationView(row.id, row.text, row.created_at, row.sent_at, sent_to, hint)


def appreciate(reader: Reader, db: Database, *, text: str, send: bool = False) -> AppreciationView:
    """Keep an appreciation (private), or send it to the current partner at once."""
    text = clean_text(text, what="an appreciation", max_chars=NOTE_CHARS)
    with db.write() as session:
        partner = current_partner(session, person_id=reader.person_id) if send else None
        if send and partner is None:
            raise Conflict(NO_PARTNER)
        row = Appreciation(owner_id=reader.person_id, text=text)
        if partner is not None:
            row.partnership_id, row.sent_at = partner.partnership_id, utc_now()
        session.add(row)
        session.flush()
        return view_of(row, partner.name if partner else None, steer(text))


def send_appreciation(reader: Reader, db: Database, *, appreciation_id: uuid.UUID) -> AppreciationView:
    """Send a kept appreciation to the current partner (sending it again changes nothing)."""
    with db.write() as session:
        row = get_owned(session, Appreciation, row_id=appreciation_id, owner_id=reader.person_id)
        if row is None:
            raise NotFound(NO_SUCH_APPRECIATION)
        partner = current_partner(session, person_id=reader.person_id)
        if partner is None:
            raise Conflict(NO_PARTNER)
        if row.partnership_id != partner.partnership_id:
            row.partnership_id, row.sent_at, row.seen_at = partner.partnership_id, utc_now(), None
        return view_of(row, partner.name)


def appreciation_views(reader: Reader) -> list[AppreciationView]:
    """The person's own appreciations, newest first, with whom each was sent to."""
    with reader.reads() as reads:
        return [view_of(row, row.sent_to) for row in own_appreciations(reads)]


def appreciation_list(reader: Reader) -> AppreciationList:
    """One's own, newest first, with the prompt that steers toward a specific action."""
    return AppreciationList(appreciation_views(reader), PROMPT)


def open_appreciations(reader: Reader, db: Database) -> BothWays:
    """What the partner sent (from now on seen) and one's own."""
    both = BothWays(received(reader), appreciation_views(reader))
    mark_received_seen(reader, db)
    return both


def received_view(row: ReceivedAppreciation) -> ReceivedView:
    return ReceivedView(row.id, row.text, row.sent_at, row.partner, row.seen_at is None)


def received(reader: Reader) -> list[ReceivedView]:
    """What the current partner sent this person, newest first; nothing outside the partnership."""
    with reader.reads() as reads:
        return [received_view(row) for row in received_from_partner(reads)]


def mark_received_seen(reader: Reader, db: Database) -> Seen:
    """Note that the person has seen what their partner sent, and how many were new."""
    with db.write() as session:
        partner = current_partner(session, person_id=reader.person_id)
        if partner is None:
            return Seen(0)
        rows = sent_within(session, partnership_id=partner.partnership_id, sender_id=partner.id)
        fresh = [row for row in rows if row.seen_at is None]
        for row in fresh:
            row.seen_at = utc_now()
        return Seen(len(fresh))


def remove_appreciation(reader: Reader, db: Database, *, appreciation_id: uuid.UUID) -> None:
    """Delete one (a sent one is taken back from the partner too)."""
    with db.write() as session:
        row = get_owned(session, Appreciation, row_id=appreciation_id, owner_id=reader.person_id)
        if row is None:
            raise NotFound(NO_SUCH_APPRECIATION)
        session.delete(row)
