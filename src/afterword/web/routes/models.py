"""/api/models: which speech models a memo can be transcribed (or tried again) with here."""

from fastapi import APIRouter
from pydantic import BaseModel

from afterword.transcribe.engine import resolve_model
from afterword.web.deps import CurrentPerson, StateDep

router = APIRouter(prefix="/api", tags=["memos"])


class ModelsPublic(BaseModel):
    model: str
    """The server's own model, as transcripts record it."""
    retry_model: str | None
    """The other model POST /api/memos/{id}/retry may ask for (AFTERWORD_WHISPER__RETRY_MODEL), if any."""


@router.get("/models", response_model=ModelsPublic)
def models(state: StateDep, person: CurrentPerson) -> ModelsPublic:
    """The models a retry can choose from."""
    return ModelsPublic(
        model=resolve_model(state.settings.whisper.model).name, retry_model=state.settings.whisper.retry_model
    )
