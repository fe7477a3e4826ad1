"""A person's vocabulary: the names and words the model should know for their memos (a partner's
name, a therapist's, "pursue-withdraw", "IFS"). Each memo is transcribed with the vocabulary as it
is when the memo is stored (a retry takes it as it is then); see transcribe.vocabulary_merge for
how it is used, and store.vocabulary for who can read it (its owner only)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from afterword.controls import refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.store.db import Database
from afterword.store.models import VocabularyWord
from afterword.store.vocabulary import add_word, delete_word, get_word, list_words

MAX_WORD_CHARS = 60
MAX_WORDS = 50
"""A short list: every word rides along in the model's prompt, which holds about 220 tokens."""


class BadWord(Invalid):
    pass


@dataclass(frozen=True)
class WordView:
    id: uuid.UUID
    word: str
    created_at: datetime


@dataclass(frozen=True)
class WordList:
    items: list[WordView]
    """In the order they were added."""


def word_view(row: VocabularyWord) -> WordView:
    return WordView(row.id, row.word, row.created_at)


def clean_word(word: str) -> str:
    cleaned = " ".join(refuse_controls(word, what="a word").split()).strip(" ,;")
    if not cleaned or len(cleaned) > MAX_WORD_CHARS:
        raise BadWord(f"a word or name has 1 to {MAX_WORD_CHARS} characters")
    return cleaned


def add_words(db: Database, *, owner_id: uuid.UUID, words: list[str]) -> WordList:
    """Add the words (one already there, in any case, is kept as it was); returns the whole list."""
    cleaned = [clean_word(word) for word in words]
    with db.write() as session:
        rows = list_words(session, owner_id=owner_id)
        known = {row.word.casefold() for row in rows}
        for word in cleaned:
            if word.casefold() not in known:
                rows.append(add_word(session, owner_id=owner_id, word=word))
                known.add(word.casefold())
        if len(rows) > MAX_WORDS:
            raise BadWord(f"a vocabulary holds at most {MAX_WORDS} words; remove some first")
        return WordList([word_view(row) for row in rows])


def show_words(db: Database, *, owner_id: uuid.UUID) -> WordList:
    with db.read() as session:
        return WordList([word_view(row) for row in list_words(session, owner_id=owner_id)])


def remove_word(db: Database, *, owner_id: uuid.UUID, word: str | uuid.UUID) -> WordView:
    """Remove a word, given as itself (any case) or by its id."""
    with db.write() as session:
        row = find_word(session, owner_id=owner_id, word=word)
        view = word_view(row)
        delete_word(session, owner_id=owner_id, word_id=row.id)
        return view


def find_word(session: Session, *, owner_id: uuid.UUID, word: str | uuid.UUID) -> VocabularyWord:
    if isinstance(word, uuid.UUID):
        row = get_word(session, owner_id=owner_id, word_id=word)
    else:
        wanted = " ".join(word.split()).casefold()
        row = next((r for r in list_words(session, owner_id=owner_id) if r.word.casefold() == wanted), None)
    if row is None:
        what = "that word" if isinstance(word, uuid.UUID) else f"'{word}'"
        raise NotFound(f"{what} is not in your vocabulary")
    return row
