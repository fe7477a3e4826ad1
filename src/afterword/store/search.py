"""Full-text search over transcripts: SQLite FTS5, or a tsvector with a GIN index on PostgreSQL.

The search objects are created by the migrations; the models do not describe them."""

import re
import uuid

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session, selectinload

from afterword.controls import HEADLINE_CHARS, refuse_controls
from afterword.errors import Invalid
from afterword.store.models import Memo, Transcript

FTS_TABLE = "transcripts_fts"
SEARCH_OBJECTS = {FTS_TABLE, "search_vector", "ix_transcripts_search_vector"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Alembic's filter: leave the hand-made search objects out of model comparisons."""
    return name not in SEARCH_OBJECTS and not (name or "").startswith(f"{FTS_TABLE}_")


def fts5_query(words: str) -> str | None:
    """Each word becomes a quoted prefix term, so user input can never be FTS5 syntax."""
    terms = re.findall(r"\w+", words)
    return " ".join(f'"{term}"*' for term in terms) or None


def search_memos(session: Session, *, owner_id: uuid.UUID, words: str, limit: int = 50) -> list[Memo]:
    """The owner's memos whose transcript has all the words, best match first."""
    refuse_controls(words, what="the words to find")
    if len(words) > HEADLINE_CHARS:
        raise Invalid(f"search for at most {HEADLINE_CHARS} characters of words")
    if session.get_bind().dialect.name == "postgresql":
        ids_stmt = text(
            "SELECT id FROM transcripts WHERE owner_id = :owner_id"
            " AND search_vector @@ plainto_tsquery('english', :words)"
            " ORDER BY ts_rank(search_vector, plainto_tsquery('english', :words)) DESC"
            " LIMIT :limit"
        ).bindparams(bindparam("owner_id", type_=Transcript.__table__.c.owner_id.type))
        params: dict[str, object] = {"owner_id": owner_id, "words": words, "limit": limit}
    else:
        query = fts5_query(words)
        if query is None:
            return []
        ids_stmt = text(
            f"SELECT transcript_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query"
            " AND owner_id = :owner_id ORDER BY rank LIMIT :limit"
        )
        params = {"query": query, "owner_id": owner_id.hex, "limit": limit}
    ids = [uuid.UUID(str(row[0])) for row in session.execute(ids_stmt, params)]
    if not ids:
        return []
    stmt = (
        select(Transcript.id, Memo)
        .join(Memo, Memo.id == Transcript.memo_id)
        .where(Transcript.id.in_(ids), Memo.owner_id == owner_id)
        .options(selectinload(Memo.job), selectinload(Memo.insight))
    )
    found = {transcript_id: memo for transcript_id, memo in session.execute(stmt)}
    return [found[i] for i in ids if i in found]
