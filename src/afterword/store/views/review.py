"""What a review reads (the person's summaries as cards, with their plans) and its few writes
(the re-reading, its answer and charge, a recall before reading), in plain SQL, so `afterword
review` needs neither SQLAlchemy nor the ORM. Every statement is filtered on the reader."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.store.enums import RecallAnswer, ReviewAnswer, TriggerKind
from afterword.store.queries import queries
from afterword.store.reading import Reads, as_utc, as_uuid, as_uuid_or_none

SQL = queries("review")


@dataclass(frozen=True)
class Cue:
    """A plan as review sees it."""

    trigger_id: uuid.UUID
    kind: TriggerKind
    text: str
    weekday: int | None
    minute_of_day: int | None


@dataclass(frozen=True)
class Card:
    """A summary as review sees it: the headline, the newest paragraph and its plans."""

    summary_id: uuid.UUID
    headline: str
    paragraph: str
    updated_at: datetime
    cues: tuple[Cue, ...]
    insight_id: uuid.UUID | None = None


def cards(reads: Reads) -> list[Card]:
    """The reader's summaries, most recently written first, each with its plans."""
    cues: dict[uuid.UUID, list[Cue]] = {}
    for trigger_id, summary_id, kind, text, weekday, minute in reads.rows.all(
        SQL["cues"], person_id=reads.person_id
    ):
        cue = Cue(as_uuid(trigger_id), TriggerKind(kind), text, weekday, minute)
        cues.setdefault(as_uuid(summary_id), []).append(cue)
    return [
        Card(
            as_uuid(sid),
            headline,
            paragraph,
            as_utc(updated),
            tuple(cues.get(as_uuid(sid), ())),
            as_uuid(iid),
        )
        for sid, headline, paragraph, updated, iid in reads.rows.all(SQL["cards"], person_id=reads.person_id)
    ]


def owns(reads: Reads, *, summary_id: uuid.UUID, trigger_id: uuid.UUID | None) -> bool:
    """Whether the summary (and the plan, given one, as a plan for that summary) is the reader's."""
    query = SQL["owns_summary"] if trigger_id is None else SQL["owns_plan"]
    return bool(
        reads.rows.all(query, person_id=reads.person_id, summary_id=summary_id, trigger_id=trigger_id)
    )


def add_review(
    reads: Reads, *, summary_id: uuid.UUID, trigger_id: uuid.UUID | None, at: datetime, review_id: uuid.UUID
) -> None:
    reads.rows.run(
        SQL["add_review"],
        id=review_id,
        person_id=reads.person_id,
        summary_id=summary_id,
        trigger_id=trigger_id,
        at=at,
    )


def review_taken(reads: Reads, *, review_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID] | None:
    """Who a review with this id belongs to (anyone), and its summary, if it exists."""
    found = reads.rows.all(SQL["review_of_anyone"], id=review_id)
    return (as_uuid(found[0][0]), as_uuid(found[0][1])) if found else None


def set_review_answer(reads: Reads, *, review_id: uuid.UUID, answer: ReviewAnswer | None) -> bool:
    """False when the reader has no such review."""
    return update_review(reads, review_id, SQL["set_answer"], answer)


def set_review_charge(reads: Reads, *, review_id: uuid.UUID, charge: int) -> bool:
    """How charged it felt at this re-reading (0-10); False when the reader has no such review."""
    return update_review(reads, review_id, SQL["set_charge"], charge)


def update_review(reads: Reads, review_id: uuid.UUID, statement: str, value: object) -> bool:
    params = {"id": review_id, "person_id": reads.person_id}
    if not reads.rows.all(SQL["own_review"], **params):
        return False
    reads.rows.run(statement, value=value, **params)
    return True


def add_recall(
    reads: Reads, *, insight_id: uuid.UUID, day: int | None, answer: RecallAnswer, at: datetime
) -> uuid.UUID | None:
    """Log one recall of the reader's insight; None when the insight is not theirs."""
    if not reads.rows.all(SQL["own_insight"], insight_id=insight_id, person_id=reads.person_id):
        return None
    recall_id = uuid.uuid4()
    reads.rows.run(
        SQL["add_recall"],
        id=recall_id,
        person_id=reads.person_id,
        insight_id=insight_id,
        day=day,
        answer=answer,
        at=at,
    )
    return recall_id


@dataclass(frozen=True)
class ReviewRecord:
    """One re-reading."""

    id: uuid.UUID
    summary_id: uuid.UUID
    trigger_id: uuid.UUID | None
    answer: ReviewAnswer | None
    charge: int | None
    reviewed_at: datetime


def reviews_since(reads: Reads, *, since: datetime) -> list[ReviewRecord]:
    """The reader's re-readings since then, oldest first."""
    found = reads.rows.all(SQL["reviews"], person_id=reads.person_id, since=since)
    return [
        ReviewRecord(
            as_uuid(i), as_uuid(s), as_uuid_or_none(t), ReviewAnswer(a) if a else None, c, as_utc(at)
        )
        for i, s, t, a, c, at in found
    ]
