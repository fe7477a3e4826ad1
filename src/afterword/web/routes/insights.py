"""/api/insights: the person's insights, searched by words; /api/me: who the token belongs to."""

from typing import Annotated

from fastapi import APIRouter, Query

from afterword.store.memos import list_recent_memos
from afterword.store.search import search_memos
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.schemas import InsightsPublic, PersonPublic

router = APIRouter(prefix="/api", tags=["insights"])


@router.get("/insights", response_model=InsightsPublic)
def find_insights(
    state: StateDep,
    person: CurrentPerson,
    q: Annotated[str | None, Query(max_length=500, description="Words to find.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> InsightsPublic:
    """Full-text search over the person's transcripts; without `q`, the newest insights."""
    with state.storage.db.read() as session:
        if q and q.strip():
            memos = search_memos(session, owner_id=person.id, words=q, limit=limit)
        else:
            memos = list_recent_memos(session, owner_id=person.id, limit=limit)
    return InsightsPublic.of(memos)


@router.get("/me", response_model=PersonPublic)
def who_am_i(person: CurrentPerson) -> PersonPublic:
    """The person the token belongs to."""
    return PersonPublic(id=person.id, name=person.name)
