"""/api: review at the moment of use, and the re-readings it logs. Every route is the signed-in
person's own; another person's id is a 404."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response

from afterword.reflect.review import (
    ReviewCards,
    ReviewLogged,
    cards_of,
    keep_review,
    review_data,
    review_of,
    settle_review,
)
from afterword.store.enums import ReviewAnswer
from afterword.web.deps import PersonReader, StateDep
from afterword.web.inputs import Headline
from afterword.web.reflect_inputs import ReviewAnswerIn, ReviewCreate

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.get("/review")
def review(
    state: StateDep,
    reader: PersonReader,
    q: Annotated[Headline, Query(description="A few words; none: the plan due now, or all.")] = "",
) -> ReviewCards:
    """The cards for the words (typos forgiven), with this week's focus. Nothing is logged
    until a card is opened (POST /api/reviews)."""
    data = review_data(reader)
    # Scored with the session closed (the matching takes a while and needs no database), and
    # one of a person's reviews at a time, so a burst of them keeps one thread busy, not many.
    with state.scoring.turn(reader.person_id):
        return cards_of(review_of(data, q))


@router.post("/reviews", status_code=201)
def log(body: ReviewCreate, reader: PersonReader) -> ReviewLogged:
    """Log that a summary was re-read (through a plan, when one brought it up). A phone that
    queued it with no signal sends its own `id` and `reviewed_at`, and its answer and charge:
    sent again, it is logged once, and a later send only adds what it carries."""
    return keep_review(
        reader,
        review_id=body.id or uuid.uuid4(),
        summary_id=body.summary_id,
        trigger_id=body.trigger_id,
        at=body.reviewed_at or datetime.now(UTC),
        answer=ReviewAnswer(body.answer) if body.answer else None,
        charge=body.charge,
    )


@router.patch("/reviews/{review_id}", status_code=204)
def answer(review_id: uuid.UUID, body: ReviewAnswerIn, reader: PersonReader) -> Response:
    """The one-tap answer: helped, not_helped or skipped (null takes it back)."""
    settle_review(
        reader,
        review_id=review_id,
        answer=ReviewAnswer(body.answer) if body.answer else None,
    )
    return Response(status_code=204)
