"""/api/recall: the spaced recall check (days 1, 3 and 6 after the session) and its insights;
/api/recalls: log one attempt, at a check or before a re-reading."""

from fastapi import APIRouter

from afterword.reflect.recall import log_recall, recall_round
from afterword.store.enums import RecallAnswer
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_schemas import RecallIn, RecallLogged, RecallRoundPublic

router = APIRouter(prefix="/api", tags=["recall"])


@router.get("/recall", response_model=RecallRoundPublic)
def read_round(state: StateDep, person: CurrentPerson) -> RecallRoundPublic:
    """The check that has come, the next one, and this week's insights to try to recall first
    (each with its paragraph, for after the attempt) and this check's answers so far."""
    return RecallRoundPublic.model_validate(recall_round(state.storage.db, owner_id=person.id))


@router.post("/recalls", status_code=201, response_model=RecallLogged)
def log(body: RecallIn, state: StateDep, person: CurrentPerson) -> RecallLogged:
    """How recalling went: recalled, partly or not yet."""
    recall_id = log_recall(
        state.storage.db,
        owner_id=person.id,
        insight_id=body.insight_id,
        answer=RecallAnswer(body.answer),
        day=body.day,
    )
    return RecallLogged(id=recall_id)
