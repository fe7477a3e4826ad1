"""Finding one of the reader's rows by the first characters of its id: the CLI's helper (people
type the short ids it prints). The API and every use case take whole ids, looked up exactly.

A thought may be named by any of its ids (its insight's, its memo's, which `add` and `list`
show, or its summary's), so a person never has to look up which id a command wants."""

import uuid
from typing import Literal

from afterword.errors import NotFound
from afterword.store.queries import queries
from afterword.store.reading import Reads, as_uuid

SQL = queries("ids")
THOUGHT_ID_KINDS = "an insight's, its memo's or its summary's id"
Kind = Literal["memo", "session", "plan", "moment", "appreciation", "checkin", "mark"]
LABELS: dict[Kind, str] = {
    "memo": "a memo",
    "session": "a session",
    "plan": "a plan",
    "moment": "a moment",
    "appreciation": "an appreciation",
    "checkin": "a check-in",
    "mark": "a mark",
}


class NoSuchId(NotFound):
    """No row of the reader's, or more than one, has an id that starts so."""


def hex_prefix(id_or_prefix: str) -> str | None:
    """An id or its first characters as plain lower-case hex (dashes dropped); None when it is
    empty or not hex (an empty prefix would match every row)."""
    prefix = id_or_prefix.strip().lower().replace("-", "")
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        return None
    return prefix


def matching(reads: Reads, statement: str, prefix: str, *, limit: int = 2) -> list[uuid.UUID]:
    found = reads.rows.all(statement, person_id=reads.person_id, pattern=f"{prefix}%", limit=limit)
    return [as_uuid(row[0]) for row in found]


def id_by_prefix(reads: Reads, kind: Kind, ref: str) -> uuid.UUID:
    """The id of the reader's row of this kind whose id starts with these hex digits (dashes
    ignored); NoSuchId when none or more than one does."""
    label = LABELS[kind]
    what = label.split(" ", 1)[1]
    prefix = hex_prefix(ref)
    if prefix is None:
        raise NoSuchId(f"'{ref}' is not {label} id")
    found = matching(reads, SQL[kind], prefix)
    if not found:
        raise NoSuchId(f"no {what} with id {ref}")
    if len(found) > 1:
        raise NoSuchId(f"more than one {what} starts with {ref}; give more of the id")
    return found[0]


def thought_by_prefix(reads: Reads, ref: str) -> uuid.UUID:
    """The id of the reader's insight that this id or prefix names (its own, its memo's or its
    summary's); a prefix that reaches two different thoughts is ambiguous."""
    prefix = hex_prefix(ref)
    if prefix is None:
        raise NoSuchId(f"'{ref}' is not an id: give {THOUGHT_ID_KINDS}")
    found = {
        insight_id
        for kind in ("thought_by_insight", "thought_by_memo", "thought_by_summary")
        for insight_id in matching(reads, SQL[kind], prefix)
    }
    if len(found) > 1:
        raise NoSuchId(f"more than one insight, memo or summary starts with {ref}; give more of the id")
    if found:
        return found.pop()
    if matching(reads, SQL["memo"], prefix, limit=1):
        raise NoSuchId(f"memo {ref} has no insight yet: it is not transcribed")
    raise NoSuchId(f"no insight, memo or summary with id {ref}; give {THOUGHT_ID_KINDS}")
