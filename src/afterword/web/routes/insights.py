"""/api/insights: the person's insights, searched by words, one by one, and the prompt for
writing one's summary; /api/me: who the token belongs to. Another person's id is a 404."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from afterword.reflect.insight_changes import change_insight
from afterword.reflect.insights import (
    InsightHits,
    InsightView,
    find_insight_hits,
    insight_detail,
    next_without_summary,
)
from afterword.reflect.prompts import Prompt
from afterword.reflect.summaries import insight_prompt
from afterword.reflect.templates import OWN_WORDS
from afterword.store.views.people import PersonView
from afterword.web.deps import CurrentPerson, PersonReader, StateDep
from afterword.web.inputs import Headline, Short
from afterword.web.reflect_inputs import InsightUpdate

router = APIRouter(prefix="/api", tags=["insights"])


@router.get("/insights", response_model=InsightHits)
def find_insights(
    reader: PersonReader,
    q: Annotated[Headline | None, Query(description="Words to find.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> InsightHits:
    """Full-text search over the person's transcripts; without `q`, the newest insights."""
    return find_insight_hits(reader, words=q, limit=limit)


@router.get(
    "/insights/next", response_model=InsightView, responses={204: {"description": "All have summaries."}}
)
def next_insight(reader: PersonReader) -> InsightView | Response:
    """The newest insight without a summary: the one to reflect on next."""
    view = next_without_summary(reader)
    return Response(status_code=204) if view is None else view


@router.get("/insights/{insight_id}")
def read_insight(insight_id: uuid.UUID, reader: PersonReader) -> InsightView:
    """One insight: headline, text, the session it follows and how long after, its summary."""
    return insight_detail(reader, insight_id=insight_id)


@router.patch("/insights/{insight_id}")
def update_insight(
    insight_id: uuid.UUID, body: InsightUpdate, state: StateDep, reader: PersonReader
) -> InsightView:
    """Change the headline (null: pick it again) or the session it follows (null: the rule)."""
    changes = body.model_dump(exclude_unset=True)
    return change_insight(reader, state.db, insight_id=insight_id, **changes)


@router.get("/insights/{insight_id}/prompt")
def prompt(
    insight_id: uuid.UUID,
    state: StateDep,
    reader: PersonReader,
    template: Annotated[Short, Query()] = OWN_WORDS,
) -> Prompt:
    """The headline and the questions, without the transcript (it is fetched only to peek)."""
    return insight_prompt(
        reader,
        insight_id=insight_id,
        template=template,
        personal_dir=state.settings.resolved_templates_dir,
    )


@router.get("/me", response_model=PersonView)
def who_am_i(person: CurrentPerson) -> PersonView:
    """The person the token belongs to."""
    return PersonView(id=person.id, name=person.name)
