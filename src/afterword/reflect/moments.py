"""Pattern moments: a note, voice or typed, made when the old pattern showed up. Not an insight:
the week's data, brought back to the session. Its follow-up questions can be answered at once or
later, one at a time."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.reflect.text import NOTE_CHARS, BadText, clean_text, optional_text, past_or_now
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.models import Moment
from afterword.store.moments import add_moment, moment_rows
from afterword.store.reflections import find_owned
from afterword.store.storage import Storage, delete_memo

QUESTIONS = {
    "what_happened": "What happened?",
    "felt": "What did I feel?",
    "tried": "What did I try?",
    "stuck": "Where did it get stuck?",
    "helped": "What helped, even a little?",
}
"""The method's follow-up questions, by the field each answer goes in."""


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


def moment_view(moment: Moment, transcript: str | None, status: JobStatus | None) -> MomentView:
    answers = {field: getattr(moment, field) for field in QUESTIONS}
    return MomentView(
        id=moment.id,
        happened_at=moment.happened_at,
        text=moment.text if moment.memo_id is None else transcript,
        voice=moment.memo_id is not None,
        status=status.value if status else None,
        answers=answers,
        unanswered=[field for field, answer in answers.items() if not answer],
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
    db: Database,
    *,
    owner_id: uuid.UUID,
    text: str,
    happened_at: datetime | None = None,
    answers: Mapping[str, str | None] | None = None,
) -> MomentView:
    """Keep a typed moment, with whatever answers come with it."""
    text = clean_text(text, what="a moment")
    happened = past_or_now(happened_at, what="the moment")
    cleaned = clean_answers(answers or {})
    with db.write() as session:
        moment = add_moment(session, owner_id=owner_id, happened_at=happened, text=text)
        for field, value in cleaned.items():
            setattr(moment, field, value)
        moment_id = moment.id
    return get_moment_view(db, owner_id=owner_id, ref=moment_id.hex)


def moment_views(db: Database, *, owner_id: uuid.UUID, since: datetime | None = None) -> list[MomentView]:
    """Newest first."""
    with db.read() as session:
        return [moment_view(*row) for row in moment_rows(session, owner_id=owner_id, since=since)]


def moment_list(db: Database, *, owner_id: uuid.UUID) -> MomentList:
    """The person's moments, newest first, with the questions they answer."""
    return MomentList(moment_views(db, owner_id=owner_id), QUESTIONS)


def get_moment_view(db: Database, *, owner_id: uuid.UUID, ref: str) -> MomentView:
    """By id or its first characters (NotFound otherwise)."""
    with db.read() as session:
        found = find_owned(session, Moment, id_or_prefix=ref, owner_id=owner_id, label="moment")
        return moment_view(*moment_rows(session, owner_id=owner_id, moment_id=found.id)[0])


def answer_moment(
    db: Database, *, owner_id: uuid.UUID, ref: str, answers: Mapping[str, str | None]
) -> MomentView:
    """Answer (or change, or with "" clear) some of a moment's questions; the rest stay as they were."""
    cleaned = clean_answers(answers)
    with db.write() as session:
        moment = find_owned(session, Moment, id_or_prefix=ref, owner_id=owner_id, label="moment")
        for field, value in cleaned.items():
            setattr(moment, field, value)
        moment.updated_at = datetime.now(UTC)
        moment_id = moment.id
    return get_moment_view(db, owner_id=owner_id, ref=moment_id.hex)


def remove_moment(storage: Storage, *, owner_id: uuid.UUID, ref: str) -> None:
    """Delete a moment; a voice moment goes with its memo, transcript and audio."""
    with storage.db.write() as session:
        moment = find_owned(session, Moment, id_or_prefix=ref, owner_id=owner_id, label="moment")
        memo_id = moment.memo_id
        if memo_id is None:
            session.delete(moment)
    if memo_id is not None:
        delete_memo(storage, memo_id=memo_id, owner_id=owner_id)  # the moment goes with it
