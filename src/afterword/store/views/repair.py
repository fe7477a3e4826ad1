"""The repair phrase as the person reads it: the one in use (agreed with the current partner,
else their own), a proposal waiting, and when they reached for it."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import EVER, Reads, as_utc, as_uuid

SQL = queries("repair")


@dataclass(frozen=True)
class PhraseInUse:
    text: str
    agreed: bool
    """Agreed with the current partner (else the person's own)."""


@dataclass(frozen=True)
class Proposal:
    text: str
    author_id: uuid.UUID
    proposed_at: datetime


def phrase_in_use(reads: Reads) -> PhraseInUse | None:
    """The agreed phrase first, else the reader's own."""
    agreed = reads.rows.all(SQL["agreed_phrase"], person_id=reads.person_id)
    if agreed:
        return PhraseInUse(agreed[0][0], True)
    return own_phrase(reads)


def own_phrase(reads: Reads) -> PhraseInUse | None:
    own = reads.rows.all(SQL["own_phrase"], person_id=reads.person_id)
    return PhraseInUse(own[0][0], False) if own else None


def proposal(reads: Reads) -> Proposal | None:
    """The phrase waiting for an answer in the current partnership, from either partner."""
    found = reads.rows.all(SQL["proposal"], person_id=reads.person_id)
    return Proposal(found[0][0], as_uuid(found[0][1]), as_utc(found[0][2])) if found else None


def uses(reads: Reads, *, since: datetime | None = None) -> list[datetime]:
    """When the reader reached for the phrase, oldest first."""
    found = reads.rows.all(SQL["uses"], person_id=reads.person_id, since=since or EVER)
    return [as_utc(at) for (at,) in found]
