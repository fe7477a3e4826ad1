"""What a review reads and writes, in plain SQL over store.lean.Rows, so `afterword review` needs
neither SQLAlchemy nor the ORM. Every statement is filtered on the owner."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from afterword.store.enums import RecallAnswer, ReviewAnswer, TriggerKind
from afterword.store.lean import Rows, as_utc, as_uuid


@dataclass(frozen=True)
class Cue:
    """A trigger as review sees it."""

    trigger_id: uuid.UUID
    kind: TriggerKind
    text: str
    weekday: int | None
    minute_of_day: int | None


@dataclass(frozen=True)
class Card:
    """A summary as review sees it: the headline, the newest paragraph and its triggers."""

    summary_id: uuid.UUID
    headline: str
    paragraph: str
    updated_at: datetime
    cues: tuple[Cue, ...]
    insight_id: uuid.UUID | None = None


CARDS_SQL = """
SELECT s.id, i.headline, v.paragraph, s.updated_at, i.id
FROM summaries s
JOIN insights i ON i.id = s.insight_id
JOIN summary_versions v ON v.summary_id = s.id
WHERE s.owner_id = :owner_id
  AND v.version = (SELECT max(w.version) FROM summary_versions w WHERE w.summary_id = s.id)
ORDER BY s.updated_at DESC
"""
CUES_SQL = """
SELECT id, summary_id, kind, cue, weekday, minute_of_day FROM triggers
WHERE owner_id = :owner_id ORDER BY created_at
"""


AGREED_PHRASE_SQL = """
SELECT r.text FROM repair_phrases r JOIN partnerships p ON p.id = r.partnership_id
WHERE p.status = 'active' AND (p.inviter_id = :owner_id OR p.invitee_id = :owner_id)
  AND r.status = 'agreed'
ORDER BY r.decided_at DESC LIMIT 1
"""
OWN_PHRASE_SQL = """
SELECT text FROM repair_phrases WHERE author_id = :owner_id AND status = 'own'
ORDER BY created_at DESC LIMIT 1
"""


def person_id_by_name(rows: Rows, *, name: str) -> uuid.UUID | None:
    found = rows.all("SELECT id FROM people WHERE name = :name", name=name)
    return as_uuid(found[0][0]) if found else None


def add_first_person(rows: Rows, *, name: str) -> uuid.UUID | None:
    """On a database with nobody in it yet, the person of that name (the local person the first
    command acts for); None when there is anyone, so store.people.acting_person_id, which
    matches names in any case, decides who it is."""
    with rows.transaction():
        rows.run(
            "INSERT INTO people (id, name, created_at) SELECT :id, :name, :now"
            " WHERE NOT EXISTS (SELECT 1 FROM people)",
            id=uuid.uuid4(),
            name=name,
            now=datetime.now(UTC),
        )
    return person_id_by_name(rows, name=name)


def load_cards(rows: Rows, *, owner_id: uuid.UUID) -> list[Card]:
    """The owner's summaries, most recently written first, each with its triggers."""
    cues: dict[uuid.UUID, list[Cue]] = {}
    for trigger_id, summary_id, kind, text, weekday, minute in rows.all(CUES_SQL, owner_id=owner_id):
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
        for sid, headline, paragraph, updated, iid in rows.all(CARDS_SQL, owner_id=owner_id)
    ]


def latest_session_start(rows: Rows, *, owner_id: uuid.UUID, now: datetime) -> datetime | None:
    found = rows.all(
        "SELECT max(starts_at) FROM therapy_sessions WHERE owner_id = :owner_id AND starts_at <= :now",
        owner_id=owner_id,
        now=now,
    )
    return as_utc(found[0][0]) if found and found[0][0] is not None else None


def newest_focus(rows: Rows, *, owner_id: uuid.UUID, since: datetime) -> tuple[str, datetime] | None:
    """The newest focus set since then: its text and when it was set."""
    found = rows.all(
        "SELECT text, created_at FROM focuses WHERE owner_id = :owner_id AND created_at >= :since"
        " ORDER BY created_at DESC LIMIT 1",
        owner_id=owner_id,
        since=since,
    )
    return (found[0][0], as_utc(found[0][1])) if found else None


def owns(rows: Rows, *, owner_id: uuid.UUID, summary_id: uuid.UUID, trigger_id: uuid.UUID | None) -> bool:
    """Whether the summary (and the trigger, given one, as a plan for that summary) is the owner's."""
    if trigger_id is None:
        sql = "SELECT 1 FROM summaries WHERE id = :summary_id AND owner_id = :owner_id"
    else:
        sql = (
            "SELECT 1 FROM triggers WHERE id = :trigger_id AND summary_id = :summary_id"
            " AND owner_id = :owner_id"
        )
    return bool(rows.all(sql, owner_id=owner_id, summary_id=summary_id, trigger_id=trigger_id))


def add_review(
    rows: Rows,
    *,
    owner_id: uuid.UUID,
    summary_id: uuid.UUID,
    trigger_id: uuid.UUID | None,
    at: datetime,
    review_id: uuid.UUID | None = None,
) -> uuid.UUID:
    review_id = review_id or uuid.uuid4()
    rows.run(
        "INSERT INTO reviews (id, owner_id, summary_id, trigger_id, answer, reviewed_at)"
        " VALUES (:id, :owner_id, :summary_id, :trigger_id, NULL, :at)",
        id=review_id,
        owner_id=owner_id,
        summary_id=summary_id,
        trigger_id=trigger_id,
        at=at,
    )
    return review_id


def set_review_answer(
    rows: Rows, *, owner_id: uuid.UUID, review_id: uuid.UUID, answer: ReviewAnswer | None
) -> bool:
    """False when the owner has no such review."""
    return update_review(rows, owner_id=owner_id, review_id=review_id, column="answer", value=answer)


def set_review_charge(rows: Rows, *, owner_id: uuid.UUID, review_id: uuid.UUID, charge: int) -> bool:
    """How charged it felt at this re-reading (0-10); False when the owner has no such review."""
    return update_review(rows, owner_id=owner_id, review_id=review_id, column="charge", value=charge)


def update_review(
    rows: Rows,
    *,
    owner_id: uuid.UUID,
    review_id: uuid.UUID,
    column: Literal["answer", "charge"],
    value: object,
) -> bool:
    params = {"id": review_id, "owner_id": owner_id}
    if not rows.all("SELECT 1 FROM reviews WHERE id = :id AND owner_id = :owner_id", **params):
        return False
    rows.run(
        f"UPDATE reviews SET {column} = :value WHERE id = :id AND owner_id = :owner_id", value=value, **params
    )
    return True


def repair_phrase(rows: Rows, *, owner_id: uuid.UUID) -> tuple[str, bool] | None:
    """The repair phrase in use and whether it was agreed with the current partner: the agreed
    one first, else the person's own."""
    agreed = rows.all(AGREED_PHRASE_SQL, owner_id=owner_id)
    if agreed:
        return agreed[0][0], True
    own = rows.all(OWN_PHRASE_SQL, owner_id=owner_id)
    return (own[0][0], False) if own else None


def add_recall(
    rows: Rows,
    *,
    owner_id: uuid.UUID,
    insight_id: uuid.UUID,
    day: int | None,
    answer: RecallAnswer,
    at: datetime,
) -> uuid.UUID | None:
    """Log one recall of the owner's insight; None when the insight is not theirs."""
    if not rows.all(
        "SELECT 1 FROM insights WHERE id = :id AND owner_id = :owner_id", id=insight_id, owner_id=owner_id
    ):
        return None
    recall_id = uuid.uuid4()
    rows.run(
        "INSERT INTO recalls (id, owner_id, insight_id, day, answer, recalled_at)"
        " VALUES (:id, :owner_id, :insight_id, :day, :answer, :at)",
        id=recall_id,
        owner_id=owner_id,
        insight_id=insight_id,
        day=day,
        answer=answer,
        at=at,
    )
    return recall_id


# What a partner shared, read only through the reader's active partnership: the partnership row
# names the reader, so no other person's summary or appreciation can come back.
PARTNER_SHARED_SQL = """
SELECT s.id, o.name, i.headline, v.paragraph, s.updated_at
FROM partnerships p
JOIN people o ON o.id = p.inviter_id OR o.id = p.invitee_id
JOIN summaries s ON s.owner_id = o.id
JOIN insights i ON i.id = s.insight_id
JOIN summary_versions v ON v.summary_id = s.id
WHERE p.status = 'active' AND (p.inviter_id = :owner_id OR p.invitee_id = :owner_id)
  AND o.id <> :owner_id AND s.shared = :shared
  AND v.version = (SELECT max(w.version) FROM summary_versions w WHERE w.summary_id = s.id)
ORDER BY s.updated_at DESC
"""
PARTNER_APPRECIATIONS_SQL = """
SELECT a.id, o.name, a.text, a.sent_at
FROM partnerships p
JOIN appreciations a ON a.partnership_id = p.id
JOIN people o ON o.id = a.owner_id
WHERE p.status = 'active' AND (p.inviter_id = :owner_id OR p.invitee_id = :owner_id)
  AND a.owner_id <> :owner_id AND a.sent_at IS NOT NULL
ORDER BY a.sent_at DESC LIMIT :limit
"""


@dataclass(frozen=True)
class SharedCard:
    """A partner's summary that the partner marked as shared."""

    summary_id: uuid.UUID
    partner: str
    headline: str
    paragraph: str
    updated_at: datetime


@dataclass(frozen=True)
class Received:
    """An appreciation the partner sent in the current partnership."""

    id: uuid.UUID
    partner: str
    text: str
    sent_at: datetime


def partner_shared(rows: Rows, *, owner_id: uuid.UUID) -> list[SharedCard]:
    found = rows.all(PARTNER_SHARED_SQL, owner_id=owner_id, shared=True)
    return [SharedCard(as_uuid(i), name, h, p, as_utc(u)) for i, name, h, p, u in found]


def partner_appreciations(rows: Rows, *, owner_id: uuid.UUID, limit: int) -> list[Received]:
    found = rows.all(PARTNER_APPRECIATIONS_SQL, owner_id=owner_id, limit=limit)
    return [Received(as_uuid(i), name, text, as_utc(at)) for i, name, text, at in found]


def review_owner(rows: Rows, *, review_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID] | None:
    """Who a review with this id belongs to, and its summary, if it exists."""
    found = rows.all("SELECT owner_id, summary_id FROM reviews WHERE id = :id", id=review_id)
    return (as_uuid(found[0][0]), as_uuid(found[0][1])) if found else None
