"""/api/recall: the spaced recall check (days 1, 3 and 6 after the session) and its insights;
/api/recalls: log one attempt, at a check or before a re-reading."""

from fastapi import APIRouter

from afterword.reflect.recall import RecallLogged, RecallRound, log_recall, recall_round
from afterword.store.enums import RecallAnswer
from afterword.web.deps import PersonReader
from afterword.web.week_inputs import RecallIn

router = APIRouter(prefix="/api", tags=["recall"])


@router.get("/recall", response_model=RecallRound)
def read_round(reader: PersonReader) -> RecallRound:
    """The check that has come, the next one, and this week's insights to try to recall first
    (each with its paragraph, for after the attempt) and this check's answers so far."""
    return recall_round(reader)


@router.post("/recalls", status_code=201, response_model=RecallLogged)
def log(body: RecallIn, reader: PersonReader) -> RecallLogged:
    """How recalling went: recalled, partly or not yet."""
    return log_recall(
        reader,
        insight_id=body.insight_id,
        answer=RecallAnswer(body.answer),
        day=body.day,
    )
