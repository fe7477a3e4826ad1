"""What reaches a person from their partner, read only through the current partnership
(store/sql/partners.sql, the one definition of who that is): the partner, the summaries they
marked as shared, and the appreciations they sent. No other person's row can come back."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import ALL, EVER, Reads, as_utc, as_utc_or_none, as_uuid
from afterword.store.views.people import same_name

SQL = queries("partners")


@dataclass(frozen=True)
class Partner:
    id: uuid.UUID
    name: str
    partnership_id: uuid.UUID
    since: datetime | None = None


@dataclass(frozen=True)
class SharedSummary:
    """A partner's summary that the partner marked as shared."""

    summary_id: uuid.UUID
    partner: str
    headline: str
    paragraph: str
    captured_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ReceivedAppreciation:
    """An appreciation the partner sent in the current partnership."""

    id: uuid.UUID
    partner: str
    text: str
    sent_at: datetime
    seen_at: datetime | None
    """When the reader first saw it."""


def current_partner(reads: Reads) -> Partner | None:
    found = reads.rows.all(SQL["partner"], person_id=reads.person_id)
    if not found:
        return None
    partnership_id, partner_id, name, since = found[0]
    return Partner(as_uuid(partner_id), name, as_uuid(partnership_id), as_utc_or_none(since))


def partner_shared(reads: Reads) -> list[SharedSummary]:
    """What the current partner shared, most recently written first."""
    found = reads.rows.all(SQL["partner_shared"], person_id=reads.person_id, shared=True)
    return [
        SharedSummary(as_uuid(i), name, headline, paragraph, as_utc(captured), as_utc(updated))
        for i, name, headline, paragraph, captured, updated in found
    ]


def partner_week_start(reads: Reads, *, now: datetime) -> datetime | None:
    """When the current partner's latest session that has begun began (None: none yet)."""
    found = reads.rows.all(SQL["partner_week_start"], person_id=reads.person_id, now=now)
    return as_utc(found[0][0]) if found and found[0][0] is not None else None


def received(reads: Reads, *, since: datetime = EVER, limit: int = ALL) -> list[ReceivedAppreciation]:
    """What the current partner sent the reader, newest first."""
    found = reads.rows.all(SQL["received"], person_id=reads.person_id, since=since, limit=limit)
    return [
        ReceivedAppreciation(as_uuid(i), name, text, as_utc(sent), as_utc_or_none(seen))
        for i, name, text, sent, seen in found
    ]


@dataclass(frozen=True)
class PartnerState:
    partner: str | None
    since: datetime | None
    invited: str | None
    """The name you invited, while the invitation waits."""
    invitations: list[str]
    """Who invited you, waiting for your answer."""


def partner_state(reads: Reads) -> PartnerState:
    """The reader's partner, the invitation they sent, and the invitations waiting for them."""
    partner = current_partner(reads)
    invited = reads.rows.all(SQL["invited"], person_id=reads.person_id)
    (own_name,) = reads.rows.all(SQL["own_name"], person_id=reads.person_id)[0]
    waiting = reads.rows.all(SQL["invitations"])
    return PartnerState(
        partner=partner.name if partner else None,
        since=partner.since if partner else None,
        invited=invited[0][0] if invited else None,
        invitations=[inviter for invitee, inviter in waiting if same_name(invitee, own_name)],
    )
