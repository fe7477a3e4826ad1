"""/api/words: the person's own vocabulary (names and words the model should know). It is theirs
alone: no route shows it to anyone else, a partner included."""

import uuid

from fastapi import APIRouter, Response

from afterword.transcribe.vocabulary import WordList, add_words, remove_word, show_words
from afterword.web.deps import PersonReader, StateDep
from afterword.web.vocabulary_inputs import WordsAdd

router = APIRouter(prefix="/api/words", tags=["vocabulary"])


@router.get("", response_model=WordList)
def list_words(reader: PersonReader) -> WordList:
    """Your names and words, in the order you added them."""
    return show_words(reader)


@router.post("", response_model=WordList)
def add(body: WordsAdd, state: StateDep, reader: PersonReader) -> WordList:
    """Add names and words (one you have already is kept once); answers the whole list. Memos
    stored from now on are transcribed with it."""
    return add_words(reader, state.db, words=body.words)


@router.delete("/{word_id}", status_code=204)
def remove(word_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Remove one of your words."""
    remove_word(reader, state.db, word=word_id)
    return Response(status_code=204)
