"""Charge, 0-10: how alive an insight feels, at capture (also the `charge` field of an upload)
and at each re-reading."""

import uuid

from fastapi import APIRouter

from afterword.reflect.charges import ChargeView, charge_review, set_capture_charge
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import ChargeIn

router = APIRouter(prefix="/api", tags=["charge"])


@router.put("/insights/{insight_id}/charge", response_model=ChargeView)
def at_capture(insight_id: uuid.UUID, body: ChargeIn, state: StateDep, reader: PersonReader) -> ChargeView:
    """How charged the insight felt when you captured it."""
    return set_capture_charge(reader, state.db, insight_id=insight_id, charge=body.charge)


@router.put("/reviews/{review_id}/charge", response_model=ChargeView)
def at_review(review_id: uuid.UUID, body: ChargeIn, reader: PersonReader) -> ChargeView:
    """How charged it felt at this re-reading."""
    return charge_review(reader, review_id=review_id, charge=body.charge)
