"""The copy of review a phone keeps for when it has no signal: the person's own summaries with
their headlines and plans, this week's focus, the repair phrase, and what their current partner
shared with them. Nothing else: everything is read for the person (and, for the partner's part,
through their current partnership) in SQL."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.reflect.weeks import week_focus
from afterword.store.reading import Reader
from afterword.store.views.partners import partner_shared, received
from afterword.store.views.repair import phrase_in_use
from afterword.store.views.review import Card, Cue, cards

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


def review_copy(reader: Reader, *, now: datetime | None = None) -> ReviewCopy:
    now = now or datetime.now(UTC)
    with reader.reads() as reads:
        focus = week_focus(reads, now=now)
        phrase = phrase_in_use(reads)
        return ReviewCopy(
            saved_at=now,
            focus=focus.text if focus else None,
            repair=phrase.text if phrase else None,
            cards=[card_copy(card) for card in cards(reads)],
            shared=[
                SharedCard(s.summary_id, s.partner, s.headline, s.paragraph, s.updated_at)
                for s in partner_shared(reads)
            ],
            appreciations=[
                Received(r.id, r.partner, r.text, r.sent_at)
                for r in received(reads, limit=APPRECIATIONS_KEPT)
            ],
        )
