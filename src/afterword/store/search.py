"""Full-text search over transcripts: SQLite FTS5, or a tsvector with a GIN index on PostgreSQL.

The search objects are created by the migrations; the models do not describe them. The search
itself is capture.memos.search_memo_views."""

import re

FTS_TABLE = "transcripts_fts"
SEARCH_OBJECTS = {FTS_TABLE, "search_vector", "ix_transcripts_search_vector"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Alembic's filter: leave the hand-made search objects out of model comparisons."""
    return name not in SEARCH_OBJECTS and not (name or "").startswith(f"{FTS_TABLE}_")


def fts5_query(words: str) -> str | None:
    """Each word becomes a quoted prefix term, so user input can never be FTS5 syntax."""
    terms = re.findall(r"\w+", words)
    return " ".join(f'"{term}"*' for term in terms) or None
