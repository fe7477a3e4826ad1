"""One thought by any of its ids, in plain SQL (store.lean): the insight's, its memo's (what
`afterword add` and `list` show) or its summary's, or their first characters, so a person never
has to look up which id a command wants."""

import uuid

from afterword.errors import NotFound
from afterword.store.lean import PLAIN_ID, Rows, as_uuid, hex_prefix

THOUGHT_ID_KINDS = "an insight's, its memo's or its summary's id"

MATCHING_SQL = {
    "insight": f"SELECT id FROM insights WHERE owner_id = :owner_id AND {PLAIN_ID.format('id')} LIKE :pattern",
    "memo": "SELECT i.id FROM memos m JOIN insights i ON i.memo_id = m.id"
    f" WHERE m.owner_id = :owner_id AND i.owner_id = :owner_id AND {PLAIN_ID.format('m.id')} LIKE :pattern",
    "summary": f"SELECT insight_id FROM summaries WHERE owner_id = :owner_id AND {PLAIN_ID.format('id')} LIKE :pattern",
}
"""The insights whose own, memo's or summary's id starts with the pattern (two at most each)."""


def thought_insight_id(rows: Rows, *, owner_id: uuid.UUID, ref: str) -> uuid.UUID:
    """The id of the owner's insight that this id or prefix names; a prefix that reaches two
    different thoughts is ambiguous (NotFound, saying so)."""
    prefix = hex_prefix(ref)
    if prefix is None:
        raise NotFound(f"'{ref}' is not an id: give {THOUGHT_ID_KINDS}")
    found = {
        as_uuid(row[0])
        for sql in MATCHING_SQL.values()
        for row in rows.all(f"{sql} LIMIT 2", owner_id=owner_id, pattern=f"{prefix}%")
    }
    if len(found) > 1:
        raise NotFound(f"more than one insight, memo or summary starts with {ref}; give more of the id")
    if found:
        return found.pop()
    untranscribed = rows.all(
        f"SELECT 1 FROM memos WHERE owner_id = :owner_id AND {PLAIN_ID.format('id')} LIKE :pattern LIMIT 1",
        owner_id=owner_id,
        pattern=f"{prefix}%",
    )
    if untranscribed:
        raise NotFound(f"memo {ref} has no insight yet: it is not transcribed")
    raise NotFound(f"no insight, memo or summary with id {ref}; give {THOUGHT_ID_KINDS}")
