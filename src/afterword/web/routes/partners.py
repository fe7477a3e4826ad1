"""/api/partner: invite a partner by name, accept or decline an invitation, end it. The answer
to inviting a name is the same whether or not anyone here has that name."""

from fastapi import APIRouter

from afterword.reflect.partners import accept, decline, end, invite, partner_state
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_schemas import PartnerName, PartnerPublic

router = APIRouter(prefix="/api/partner", tags=["partner"])


@router.get("", response_model=PartnerPublic)
def read_partner(state: StateDep, person: CurrentPerson) -> PartnerPublic:
    """Your partner, the invitation you sent, and the invitations waiting for you."""
    return PartnerPublic.model_validate(partner_state(state.storage.db, person_id=person.id))


@router.post("/invitations", status_code=201, response_model=PartnerPublic)
def invite_partner(body: PartnerName, state: StateDep, person: CurrentPerson) -> PartnerPublic:
    """Invite someone by their name here (their invitation to you, if any, is accepted)."""
    return PartnerPublic.model_validate(invite(state.storage.db, person_id=person.id, name=body.name))


@router.post("/accept", response_model=PartnerPublic)
def accept_partner(body: PartnerName, state: StateDep, person: CurrentPerson) -> PartnerPublic:
    """Accept the invitation from the person of this name."""
    return PartnerPublic.model_validate(accept(state.storage.db, person_id=person.id, name=body.name))


@router.post("/decline", response_model=PartnerPublic)
def decline_partner(body: PartnerName, state: StateDep, person: CurrentPerson) -> PartnerPublic:
    """Say no to the invitation from the person of this name."""
    return PartnerPublic.model_validate(decline(state.storage.db, person_id=person.id, name=body.name))


@router.delete("", response_model=PartnerPublic)
def end_partnership(state: StateDep, person: CurrentPerson) -> PartnerPublic:
    """End the partnership (everything shared becomes private again), or withdraw your invitation."""
    return PartnerPublic.model_validate(end(state.storage.db, person_id=person.id))
