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
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import RepairText, RepairUseIn

router = APIRouter(prefix="/api/repair", tags=["repair phrase"])


@router.get("", response_model=RepairState)
def read(reader: PersonReader) -> RepairState:
    """The phrase in use, your own, a proposal waiting, and when you reached for it."""
    return repair_state(reader)


@router.put("/own", response_model=RepairState)
def set_own(body: RepairText, state: StateDep, reader: PersonReader) -> RepairState:
    """A phrase for yourself (in use while none is agreed with a partner)."""
    return set_own_phrase(reader, state.db, text=body.text)


@router.post("/proposals", status_code=201, response_model=RepairState)
def propose(body: RepairText, state: StateDep, reader: PersonReader) -> RepairState:
    """Propose a phrase to your partner (answering theirs with another counters it)."""
    return propose_phrase(reader, state.db, text=body.text)


@router.post("/accept", response_model=RepairState)
def accept(state: StateDep, reader: PersonReader) -> RepairState:
    """Agree to your partner's proposal: the phrase you both use from now on."""
    return accept_phrase(reader, state.db)


@router.post("/uses", status_code=201, response_model=RepairState)
def used(body: RepairUseIn, state: StateDep, reader: PersonReader) -> RepairState:
    """Note that you reached for it."""
    return log_repair_use(reader, state.db, note=body.note)
