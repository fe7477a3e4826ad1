"""Pattern moments: a note, voice or typed, made when the old pattern showed up. Not an insight:
the week's data, brought back to the session. Its follow-up questions can be answered at once or
later, one at a time."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.errors import NotFound
from afterword.reflect.text import NOTE_CHARS, BadText, clean_text, optional_text, past_or_now
from afterword.store.db import Database
from afterword.store.memos import delete_memo
from afterword.store.models import Moment
from afterword.store.moments import add_moment
from afterword.store.owned import get_owned
from afterword.store.reading import Reader
from afterword.store.views import moments as stored
from afterword.store.views.moments import ANSWER_FIELDS, MomentRecord

QUESTIONS = {
    "what_happened": "What happened?",
    "felt": "What did I feel?",
    "tried": "What did I try?",
    "stuck": "Where did it get stuck?",
    "helped": "What helped, even a little?",
}
"""The method's follow-up questions, by the field each answer goes in."""
assert tuple(QUESTIONS) == ANSWER_FIELDS
NO_SUCH_MOMENT = "No such moment."


@dataclass(frozen=True)
class MomentView:
    id: uuid.UUID
    happened_at: datetime
    text: str | None
    """What was typed, or what the voice memo said once transcribed."""
    voice: bool
    status: str | None
    """A voice moment's transcription: queued, running, done or failed."""
    answers: dict[str, str | None]
    unanswered: list[str]
    """The fields whose questions still wait."""


@dataclass(frozen=True)
class MomentList:
    items: list[MomentView]
    questions: dict[str, str]
    """The follow-up questions, by the field each answer goes in."""


def moment_view(moment: MomentRecord) -> MomentView:
    return MomentView(
        id=moment.id,
        happened_at=moment.happened_at,
        text=moment.text,
        voice=moment.memo_id is not None,
        status=moment.status.value if moment.status else None,
        answers=moment.answers,
        unanswered=[field for field, answer in moment.answers.items() if not answer],
    )


def clean_answers(answers: Mapping[str, str | None]) -> dict[str, str | None]:
    """Only the method's fields, each bounded and without control characters ("" clears one)."""
    unknown = set(answers) - set(QUESTIONS)
    if unknown:
        raise BadText(f"a moment has no question called {sorted(unknown)[0]}")
    return {
        field: optional_text(value, what=f"the answer to “{QUESTIONS[field]}”", max_chars=NOTE_CHARS)
        for field, value in answers.items()
    }


def record_text_moment(
    reader: Reader,
    db: Database,
    *,
    text: str,
    happened_at: datetime | None = None,
    answers: Mapping[str, str | None] | None = None,
) -> MomentView:
    """Keep a typed moment, with whatever answers come with it."""
    text = clean_text(text, what="a moment")
    happened = past_or_now(happened_at, what="the moment")
    cleaned = clean_answers(answers or {})
    with db.write() as session:
        moment = add_moment(session, owner_id=reader.person_id, happened_at=happened, text=text)
        for field, value in cleaned.items():
            setattr(moment, field, value)
        moment_id = moment.id
    return moment_detail(reader, moment_id=moment_id)


def moment_views(reader: Reader, *, since: datetime | None = None) -> list[MomentView]:
    """Newest first."""
    with reader.reads() as reads:
        return [moment_view(moment) for moment in stored.moments(reads, since=since)]


def moment_list(reader: Reader) -> MomentList:
    """The person's moments, newest first, with the questions they answer."""
    return MomentList(moment_views(reader), QUESTIONS)


def moment_detail(reader: Reader, *, moment_id: uuid.UUID) -> MomentView:
    """NotFound when the reader has no such moment."""
    with reader.reads() as reads:
        found = stored.moment(reads, moment_id=moment_id)
    if found is None:
        raise NotFound(NO_SUCH_MOMENT)
    return moment_view(found)


def answer_moment(
    reader: Reader, db: Database, *, moment_id: uuid.UUID, answers: Mapping[str, str | None]
) -> MomentView:
    """Answer (or change, or with "" clear) some of a moment's questions; the rest stay as they were."""
    cleaned = clean_answers(answers)
    with db.write() as session:
        moment = get_owned(session, Moment, row_id=moment_id, owner_id=reader.person_id)
        if moment is None:
            raise NotFound(NO_SUCH_MOMENT)
        for field, value in cleaned.items():
            setattr(moment, field, value)
        moment.updated_at = datetime.now(UTC)
    return moment_detail(reader, moment_id=moment_id)


def remove_moment(reader: Reader, db: Database, *, moment_id: uuid.UUID) -> None:
    """Delete a moment; a voice moment goes with its memo, transcript and audio."""
    with db.write() as session:
        moment = get_owned(session, Moment, row_id=moment_id, owner_id=reader.person_id)
        if moment is None:
            raise NotFound(NO_SUCH_MOMENT)
        memo_id = moment.memo_id
        if memo_id is None:
            session.delete(moment)
    if memo_id is not None:
        delete_memo(db, memo_id=memo_id, owner_id=reader.person_id)  # the moment goes with it
