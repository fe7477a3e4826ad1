"""/api/checkins: plan a ten-minute check-in, log one afterwards. Yours alone: a partner never
sees whether or when you logged one."""

import uuid

from fastapi import APIRouter, Response

from afterword.reflect.checkins import (
    CHECKIN_MINUTES,
    QUESTIONS,
    checkin_views,
    log_checkin,
    plan_checkin,
    remove_checkin,
)
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_schemas import CheckInLog, CheckInPlan, CheckInPublic, CheckInsPublic

router = APIRouter(prefix="/api/checkins", tags=["check-ins"])


@router.get("", response_model=CheckInsPublic)
def list_checkins(state: StateDep, person: CurrentPerson) -> CheckInsPublic:
    """Your check-ins, planned and held, with the question set and the timer's length."""
    views = checkin_views(state.storage.db, owner_id=person.id)
    items = [CheckInPublic.model_validate(v) for v in views]
    return CheckInsPublic(items=items, questions=list(QUESTIONS), minutes=CHECKIN_MINUTES)


@router.post("", status_code=201, response_model=CheckInPublic)
def plan(body: CheckInPlan, state: StateDep, person: CurrentPerson) -> CheckInPublic:
    """Plan one (it shows in the calendar feed)."""
    return CheckInPublic.model_validate(
        plan_checkin(state.storage.db, owner_id=person.id, when=body.planned_at)
    )


@router.post("/held", status_code=201, response_model=CheckInPublic)
def held(body: CheckInLog, state: StateDep, person: CurrentPerson) -> CheckInPublic:
    """Log that one happened, with your question and a line if you like."""
    view = log_checkin(
        state.storage.db,
        owner_id=person.id,
        ref=body.checkin_id.hex if body.checkin_id else None,
        question=body.question,
        note=body.note,
        held_at=body.held_at,
    )
    return CheckInPublic.model_validate(view)


@router.delete("/{checkin_id}", status_code=204)
def delete(checkin_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    remove_checkin(state.storage.db, owner_id=person.id, ref=checkin_id.hex)
    return Response(status_code=204)
