"""A person's vocabulary: their own names and words. Every read and write takes the owner, so no
one else (a partner included) ever reads it."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import VocabularyWord


def list_words(session: Session, *, owner_id: uuid.UUID) -> list[VocabularyWord]:
    """Oldest first, the order the person added them."""
    stmt = (
        select(VocabularyWord)
        .where(VocabularyWord.owner_id == owner_id)
        .order_by(VocabularyWord.created_at, VocabularyWord.word)
    )
    return list(session.scalars(stmt))


def vocabulary_of(session: Session, *, owner_id: uuid.UUID) -> list[str]:
    return [row.word for row in list_words(session, owner_id=owner_id)]


def add_word(session: Session, *, owner_id: uuid.UUID, word: str) -> VocabularyWord:
    row = VocabularyWord(owner_id=owner_id, word=word)
    session.add(row)
    session.flush()
    return row


def get_word(session: Session, *, owner_id: uuid.UUID, word_id: uuid.UUID) -> VocabularyWord | None:
    stmt = select(VocabularyWord).where(VocabularyWord.id == word_id, VocabularyWord.owner_id == owner_id)
    return session.scalars(stmt).first()


def delete_word(session: Session, *, owner_id: uuid.UUID, word_id: uuid.UUID) -> bool:
    """False when the owner has no such word."""
    row = get_word(session, owner_id=owner_id, word_id=word_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
