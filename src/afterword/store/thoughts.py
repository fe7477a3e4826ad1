"""Finding by the first characters of an id, in plain SQL (store.lean), on both paths: a memo by
its id, and one thought by any of its ids (the insight's, its memo's, which `afterword add` and
`list` show, or its summary's), so a person never has to look up which id a command wants."""

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


def memo_ids_matching(rows: Rows, *, owner_id: uuid.UUID, prefix: str, limit: int) -> list[uuid.UUID]:
    """The owner's memos whose plain hex id starts with the prefix (at most `limit`)."""
    found = rows.all(
        f"SELECT id FROM memos WHERE owner_id = :owner_id AND {PLAIN_ID.format('id')} LIKE :pattern"
        " LIMIT :limit",
        owner_id=owner_id,
        pattern=f"{prefix}%",
        limit=limit,
    )
    return [as_uuid(memo_id) for (memo_id,) in found]


def memo_id_by_ref(rows: Rows, *, owner_id: uuid.UUID, ref: str) -> uuid.UUID:
    """The id of the owner's memo whose id starts with these hex digits (dashes ignored);
    NotFound when none or more than one does."""
    prefix = hex_prefix(ref)
    if prefix is None:
        raise NotFound(f"'{ref}' is not a memo id")
    found = memo_ids_matching(rows, owner_id=owner_id, prefix=prefix, limit=2)
    if not found:
        raise NotFound(f"no memo with id {ref}")
    if len(found) > 1:
        raise NotFound(f"more than one memo starts with {ref}; give more of the id")
    return found[0]


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
    if memo_ids_matching(rows, owner_id=owner_id, prefix=prefix, limit=1):
        raise NotFound(f"memo {ref} has no insight yet: it is not transcribed")
    raise NotFound(f"no insight, memo or summary with id {ref}; give {THOUGHT_ID_KINDS}")
