"""/api/models: which speech models a memo can be transcribed (or tried again) with here."""

from fastapi import APIRouter

from afterword.transcribe.retry import OfferedModels, offered_models
from afterword.web.deps import CurrentPerson, StateDep

router = APIRouter(prefix="/api", tags=["memos"])


@router.get("/models", response_model=OfferedModels)
def models(state: StateDep, person: CurrentPerson) -> OfferedModels:
    """The models a retry can choose from."""
    return offered_models(state.settings.whisper)
