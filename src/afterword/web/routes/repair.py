"""/api/repair: the repair phrase. Set your own, or propose one to your partner, who accepts it
or proposes another; log when you reached for it (that log is yours alone)."""

from fastapi import APIRouter

from afterword.reflect.repair import (
    accept_phrase,
    log_repair_use,
    propose_phrase,
    repair_state,
    set_own_phrase,
)
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_schemas import RepairPublic, RepairText, RepairUseIn

router = APIRouter(prefix="/api/repair", tags=["repair phrase"])


@router.get("", response_model=RepairPublic)
def read(state: StateDep, person: CurrentPerson) -> RepairPublic:
    """The phrase in use, your own, a proposal waiting, and when you reached for it."""
    return RepairPublic.model_validate(repair_state(state.storage.db, person_id=person.id))


@router.put("/own", response_model=RepairPublic)
def set_own(body: RepairText, state: StateDep, person: CurrentPerson) -> RepairPublic:
    """A phrase for yourself (in use while none is agreed with a partner)."""
    return RepairPublic.model_validate(set_own_phrase(state.storage.db, person_id=person.id, text=body.text))


@router.post("/proposals", status_code=201, response_model=RepairPublic)
def propose(body: RepairText, state: StateDep, person: CurrentPerson) -> RepairPublic:
    """Propose a phrase to your partner (answering theirs with another counters it)."""
    return RepairPublic.model_validate(propose_phrase(state.storage.db, person_id=person.id, text=body.text))


@router.post("/accept", response_model=RepairPublic)
def accept(state: StateDep, person: CurrentPerson) -> RepairPublic:
    """Agree to your partner's proposal: the phrase you both use from now on."""
    return RepairPublic.model_validate(accept_phrase(state.storage.db, person_id=person.id))


@router.post("/uses", status_code=201, response_model=RepairPublic)
def used(body: RepairUseIn, state: StateDep, person: CurrentPerson) -> RepairPublic:
    """Note that you reached for it."""
    return RepairPublic.model_validate(log_repair_use(state.storage.db, person_id=person.id, note=body.note))
