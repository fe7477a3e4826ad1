"""/api/ritual: the week's one ordinary good thing, and the times it happened (never a count of
the times it did not)."""

from fastapi import APIRouter, Response

from afterword.reflect.rituals import current_ritual, mark_ritual, set_ritual
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_schemas import RitualIn, RitualMarkIn, RitualPublic

router = APIRouter(prefix="/api/ritual", tags=["ritual"])


@router.get("", response_model=RitualPublic, responses={204: {"description": "None named this week."}})
def read(state: StateDep, person: CurrentPerson) -> RitualPublic | Response:
    """This week's good thing, with the times it happened."""
    view = current_ritual(state.storage.db, owner_id=person.id)
    return Response(status_code=204) if view is None else RitualPublic.model_validate(view)


@router.put("", response_model=RitualPublic)
def name(body: RitualIn, state: StateDep, person: CurrentPerson) -> RitualPublic:
    """Name this week's good thing: a walk, a morning hug, a meal without problem-solving."""
    return RitualPublic.model_validate(set_ritual(state.storage.db, owner_id=person.id, text=body.text))


@router.post("/marks", status_code=201, response_model=RitualPublic)
def happened(body: RitualMarkIn, state: StateDep, person: CurrentPerson) -> RitualPublic:
    """Mark that it happened (now, or at `happened_at`)."""
    return RitualPublic.model_validate(mark_ritual(state.storage.db, owner_id=person.id, at=body.happened_at))
