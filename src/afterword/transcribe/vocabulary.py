"""A person's vocabulary: the names and words the model should know for their memos (a partner's
name, a therapist's, "pursue-withdraw", "IFS"). Each memo is transcribed with the vocabulary as it
is when the memo is stored (a retry takes it as it is then); see transcribe.vocabulary_merge for
how it is used, and store.vocabulary for who can read it (its owner only)."""

import uuid
from dataclasses import dataclass

from afterword.controls import refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.store.db import Database
from afterword.store.reading import Reader
from afterword.store.views import vocabulary as stored
from afterword.store.views.vocabulary import WordView
from afterword.store.vocabulary import add_word, delete_word, vocabulary_of

MAX_WORD_CHARS = 60
MAX_WORDS = 50
"""A short list: every word rides along in the model's prompt, which holds about 220 tokens."""


class BadWord(Invalid):
    pass


@dataclass(frozen=True)
class WordList:
    items: list[WordView]
    """In the order they were added."""


def clean_word(word: str) -> str:
    cleaned = " ".join(refuse_controls(word, what="a word").split()).strip(" ,;")
    if not cleaned or len(cleaned) > MAX_WORD_CHARS:
        raise BadWord(f"a word or name has 1 to {MAX_WORD_CHARS} characters")
    return cleaned


def add_words(reader: Reader, db: Database, *, words: list[str]) -> WordList:
    """Add the words (one already there, in any case, is kept as it was); returns the whole list."""
    cleaned = [clean_word(word) for word in words]
    with db.write() as session:
        known = {word.casefold() for word in vocabulary_of(session, owner_id=reader.person_id)}
        for word in cleaned:
            if word.casefold() not in known:
                add_word(session, owner_id=reader.person_id, word=word)
                known.add(word.casefold())
        if len(known) > MAX_WORDS:
            raise BadWord(f"a vocabulary holds at most {MAX_WORDS} words; remove some first")
    return show_words(reader)


def show_words(reader: Reader) -> WordList:
    with reader.reads() as reads:
        return WordList(stored.words(reads))


def remove_word(reader: Reader, db: Database, *, word: str | uuid.UUID) -> WordView:
    """Remove a word, given as itself (any case) or by its id."""
    found = find_word(show_words(reader).items, word)
    with db.write() as session:
        delete_word(session, owner_id=reader.person_id, word_id=found.id)
    return found


def find_word(listed: list[WordView], word: str | uuid.UUID) -> WordView:
    if isinstance(word, uuid.UUID):
        found = next((w for w in listed if w.id == word), None)
    else:
        wanted = " ".join(word.split()).casefold()
        found = next((w for w in listed if w.word.casefold() == wanted), None)
    if found is None:
        what = "that word" if isinstance(word, uuid.UUID) else f"'{word}'"
        raise NotFound(f"{what} is not in your vocabulary")
    return found
