"""A person's own appreciations, each with whom it was sent to. (What a partner sent the
reader is read through the partnership: store.views.partners.received.)"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import EVER, Reads, as_utc, as_utc_or_none, as_uuid, as_uuid_or_none

SQL = queries("appreciations")


@dataclass(frozen=True)
class OwnAppreciation:
    id: uuid.UUID
    text: str
    created_at: datetime
    sent_at: datetime | None
    partnership_id: uuid.UUID | None
    """The partnership it was sent in (current or not)."""
    sent_to: str | None
    """The other person of that partnership."""


def own_appreciations(reads: Reads, *, since: datetime | None = None) -> list[OwnAppreciation]:
    """The reader's own since then, newest first."""
    found = reads.rows.all(SQL["own"], person_id=reads.person_id, since=since or EVER)
    return [
        OwnAppreciation(as_uuid(i), text, as_utc(made), as_utc_or_none(sent), as_uuid_or_none(p), name)
        for i, text, made, sent, p, name in found
    ]
