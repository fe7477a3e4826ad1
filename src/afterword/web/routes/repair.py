"""/api/repair: the repair phrase. Set your own, or propose one to your partner, who accepts it
or proposes another; log when you reached for it (that log is yours alone)."""

from fastapi import APIRouter

from afterword.reflect.repair import (
    RepairState,
    accept_phrase,
    log_repair_use,
    propose_phrase,
    repair_state,
    set_own_phrase,
)
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_inputs import RepairText, RepairUseIn

router = APIRouter(prefix="/api/repair", tags=["repair phrase"])


@router.get("", response_model=RepairState)
def read(state: StateDep, person: CurrentPerson) -> RepairState:
    """The phrase in use, your own, a proposal waiting, and when you reached for it."""
    return repair_state(state.storage.db, person_id=person.id)


@router.put("/own", response_model=RepairState)
def set_own(body: RepairText, state: StateDep, person: CurrentPerson) -> RepairState:
    """A phrase for yourself (in use while none is agreed with a partner)."""
    return set_own_phrase(state.storage.db, person_id=person.id, text=body.text)


@router.post("/proposals", status_code=201, response_model=RepairState)
def propose(body: RepairText, state: StateDep, person: CurrentPerson) -> RepairState:
    """Propose a phrase to your partner (answering theirs with another counters it)."""
    return propose_phrase(state.storage.db, person_id=person.id, text=body.text)


@router.post("/accept", response_model=RepairState)
def accept(state: StateDep, person: CurrentPerson) -> RepairState:
    """Agree to your partner's proposal: the phrase you both use from now on."""
    return accept_phrase(state.storage.db, person_id=person.id)


@router.post("/uses", status_code=201, response_model=RepairState)
def used(body: RepairUseIn, state: StateDep, person: CurrentPerson) -> RepairState:
    """Note that you reached for it."""
    return log_repair_use(state.storage.db, person_id=person.id, note=body.note)
