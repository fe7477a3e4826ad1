"""/api/checkins: plan a ten-minute check-in, log one afterwards. Yours alone: a partner never
sees whether or when you logged one."""

import uuid

from fastapi import APIRouter, Response

from afterword.reflect.checkins import (
    CheckInList,
    checkin_list,
    log_checkin,
    plan_checkin,
    remove_checkin,
)
from afterword.store.views.checkins import CheckInView
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import CheckInLog, CheckInPlan

router = APIRouter(prefix="/api/checkins", tags=["check-ins"])


@router.get("", response_model=CheckInList)
def list_checkins(reader: PersonReader) -> CheckInList:
    """Your check-ins, planned and held, with the question set and the timer's length."""
    return checkin_list(reader)


@router.post("", status_code=201, response_model=CheckInView)
def plan(body: CheckInPlan, state: StateDep, reader: PersonReader) -> CheckInView:
    """Plan one (it shows in the calendar feed)."""
    return plan_checkin(reader, state.db, when=body.planned_at)


@router.post("/held", status_code=201, response_model=CheckInView)
def held(body: CheckInLog, state: StateDep, reader: PersonReader) -> CheckInView:
    """Log that one happened, with your question and a line if you like."""
    return log_checkin(
        reader,
        state.db,
        checkin_id=body.checkin_id,
        question=body.question,
        note=body.note,
        held_at=body.held_at,
    )


@router.delete("/{checkin_id}", status_code=204)
def delete(checkin_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    remove_checkin(reader, state.db, checkin_id=checkin_id)
    return Response(status_code=204)
