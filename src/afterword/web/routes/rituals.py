"""/api/ritual: the week's one ordinary good thing, and the times it happened (never a count of
the times it did not)."""

from fastapi import APIRouter, Response

from afterword.reflect.rituals import current_ritual, ritual_happened, set_ritual
from afterword.store.views.rituals import RitualView
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import RitualIn, RitualMarkIn

router = APIRouter(prefix="/api/ritual", tags=["ritual"])


@router.get("", response_model=RitualView, responses={204: {"description": "None named this week."}})
def read(reader: PersonReader) -> RitualView | Response:
    """This week's good thing, with the times it happened."""
    view = current_ritual(reader)
    return Response(status_code=204) if view is None else view


@router.put("", response_model=RitualView)
def name(body: RitualIn, state: StateDep, reader: PersonReader) -> RitualView:
    """Name this week's good thing: a walk, a morning hug, a meal without problem-solving."""
    return set_ritual(reader, state.db, text=body.text)


@router.post("/marks", status_code=201, response_model=RitualView)
def happened(body: RitualMarkIn, state: StateDep, reader: PersonReader) -> RitualView:
    """Mark that it happened (now, or at `happened_at`)."""
    return ritual_happened(reader, state.db, at=body.happened_at)
