"""The copy of review a phone keeps for when it has no signal: the person's own summaries with
their headlines and plans, this week's focus, the repair phrase, and what their current partner
shared with them. Nothing else: everything is read through the person's id (and, for the
partner's part, through their active partnership) in SQL."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.reflect.weeks import week_focus
from afterword.store.db import Database
from afterword.store.lean import Rows
from afterword.store.reviews import (
    Card,
    Cue,
    Received,
    SharedCard,
    load_cards,
    partner_appreciations,
    partner_shared,
    repair_phrase,
)

APPRECIATIONS_KEPT = 20
"""The partner's newest appreciations in the copy; older ones stay on the server."""


@dataclass(frozen=True)
class PlanCopy:
    trigger_id: uuid.UUID
    kind: str
    text: str
    weekday: int | None
    """0 is Monday, for a timed plan."""
    minute_of_day: int | None


@dataclass(frozen=True)
class CardCopy:
    summary_id: uuid.UUID
    insight_id: uuid.UUID | None
    headline: str
    paragraph: str
    updated_at: datetime
    cues: list[PlanCopy]


@dataclass(frozen=True)
class ReviewCopy:
    saved_at: datetime
    focus: str | None
    repair: str | None
    cards: list[CardCopy]
    shared: list[SharedCard]
    """What the current partner shared with this person."""
    appreciations: list[Received]
    """What the current partner sent, newest first."""


def plan_copy(cue: Cue) -> PlanCopy:
    return PlanCopy(cue.trigger_id, cue.kind.value, cue.text, cue.weekday, cue.minute_of_day)


def card_copy(card: Card) -> CardCopy:
    return CardCopy(
        card.summary_id,
        card.insight_id,
        card.headline,
        card.paragraph,
        card.updated_at,
        [plan_copy(cue) for cue in card.cues],
    )


def review_copy(db: Database, *, owner_id: uuid.UUID, now: datetime | None = None) -> ReviewCopy:
    with db.rows() as rows:
        return read_copy(rows, owner_id=owner_id, now=now or datetime.now(UTC))


def read_copy(rows: Rows, *, owner_id: uuid.UUID, now: datetime) -> ReviewCopy:
    focus = week_focus(rows, owner_id=owner_id, now=now)
    phrase = repair_phrase(rows, owner_id=owner_id)
    return ReviewCopy(
        saved_at=now,
        focus=focus[0] if focus else None,
        repair=phrase[0] if phrase else None,
        cards=[card_copy(card) for card in load_cards(rows, owner_id=owner_id)],
        shared=partner_shared(rows, owner_id=owner_id),
        appreciations=partner_appreciations(rows, owner_id=owner_id, limit=APPRECIATIONS_KEPT),
    )
