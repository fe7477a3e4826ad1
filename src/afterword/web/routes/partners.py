"""/api/partner: invite a partner by name, accept or decline an invitation, end it. The answer
to inviting a name is the same whether or not anyone here has that name."""

from fastapi import APIRouter

from afterword.reflect.partners import accept, decline, end, invite, partner_state
from afterword.store.views.partners import PartnerState
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import PartnerName

router = APIRouter(prefix="/api/partner", tags=["partner"])


@router.get("", response_model=PartnerState)
def read_partner(reader: PersonReader) -> PartnerState:
    """Your partner, the invitation you sent, and the invitations waiting for you."""
    return partner_state(reader)


@router.post("/invitations", status_code=201, response_model=PartnerState)
def invite_partner(body: PartnerName, state: StateDep, reader: PersonReader) -> PartnerState:
    """Invite someone by their name here (their invitation to you, if any, is accepted)."""
    return invite(reader, state.db, name=body.name)


@router.post("/accept", response_model=PartnerState)
def accept_partner(body: PartnerName, state: StateDep, reader: PersonReader) -> PartnerState:
    """Accept the invitation from the person of this name."""
    return accept(reader, state.db, name=body.name)


@router.post("/decline", response_model=PartnerState)
def decline_partner(body: PartnerName, state: StateDep, reader: PersonReader) -> PartnerState:
    """Say no to the invitation from the person of this name."""
    return decline(reader, state.db, name=body.name)


@router.delete("", response_model=PartnerState)
def end_partnership(state: StateDep, reader: PersonReader) -> PartnerState:
    """End the partnership (everything shared becomes private again), or withdraw your invitation."""
    return end(reader, state.db)
