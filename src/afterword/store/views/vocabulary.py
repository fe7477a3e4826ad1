"""A person's vocabulary, as read for them alone."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc, as_uuid

SQL = queries("vocabulary")


@dataclass(frozen=True)
class WordView:
    id: uuid.UUID
    word: str
    created_at: datetime


def words(reads: Reads) -> list[WordView]:
    """In the order the reader added them."""
    found = reads.rows.all(SQL["words"], person_id=reads.person_id)
    return [WordView(as_uuid(i), word, as_utc(at)) for i, word, at in found]
