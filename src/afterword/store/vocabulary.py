"""A person's vocabulary in the ORM, for the writes that add and remove words and for the
worker, which reads the owner's words as it claims a memo. Every lookup takes the owner, so no one
else (a partner included) ever reaches it; nothing here commits."""

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from afterword.store.models import VocabularyWord


def vocabulary_of(session: Session, *, owner_id: uuid.UUID) -> list[str]:
    """The owner's words, oldest first, the order they were added."""
    stmt = (
        select(VocabularyWord.word)
        .where(VocabularyWord.owner_id == owner_id)
        .order_by(VocabularyWord.created_at, VocabularyWord.word)
    )
    return list(session.scalars(stmt))


def add_word(session: Session, *, owner_id: uuid.UUID, word: str) -> VocabularyWord:
    row = VocabularyWord(owner_id=owner_id, word=word)
    session.add(row)
    session.flush()
    return row


def delete_word(session: Session, *, owner_id: uuid.UUID, word_id: uuid.UUID) -> None:
    session.execute(
        delete(VocabularyWord).where(VocabularyWord.id == word_id, VocabularyWord.owner_id == owner_id)
    )
