"""/api/insights: the person's insights, searched by words; /api/me: who the token belongs to."""

from typing import Annotated

from fastapi import APIRouter, Query

from afterword.reflect.insights import InsightHits, find_insight_hits
from afterword.store.people import PersonView
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.inputs import Headline

router = APIRouter(prefix="/api", tags=["insights"])


@router.get("/insights", response_model=InsightHits)
def find_insights(
    state: StateDep,
    person: CurrentPerson,
    q: Annotated[Headline | None, Query(description="Words to find.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> InsightHits:
    """Full-text search over the person's transcripts; without `q`, the newest insights."""
    return find_insight_hits(state.storage.db, owner_id=person.id, words=q, limit=limit)


@router.get("/me", response_model=PersonView)
def who_am_i(person: CurrentPerson) -> PersonView:
    """The person the token belongs to."""
    return PersonView(id=person.id, name=person.name)
