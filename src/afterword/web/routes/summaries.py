"""/api: own-words summaries of insights, the templates they are written with, and answers
about the week. Every route is the signed-in person's own; another person's id is a 404."""

import uuid

from fastapi import APIRouter

from afterword.reflect.summaries import (
    SummarySaved,
    set_shared,
    write_summary,
    write_week_reflection,
)
from afterword.reflect.summary_views import SummaryDetail, SummaryView, find_summary_view, summary_views
from afterword.reflect.templates import TemplateCatalogue, template_catalogue
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.reflect_inputs import AnswersIn, SummaryUpdate

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.put("/insights/{insight_id}/summary")
def save(insight_id: uuid.UUID, body: AnswersIn, state: StateDep, person: CurrentPerson) -> SummarySaved:
    """Save the answers as the insight's summary; again: a new version (earlier ones kept)."""
    return write_summary(
        state.storage.db,
        owner_id=person.id,
        insight_id=insight_id,
        template=body.template,
        personal_dir=state.settings.resolved_templates_dir,
        answers=body.answers,
    )


@router.get("/summaries")
def list_summaries(state: StateDep, person: CurrentPerson) -> list[SummaryView]:
    """Summaries, most recently written first."""
    return summary_views(state.storage.db, owner_id=person.id)


@router.get("/summaries/{summary_id}")
def read_summary(summary_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> SummaryDetail:
    """A summary with every version, oldest first (the id may also be its insight's or memo's)."""
    return find_summary_view(state.storage.db, owner_id=person.id, ref=summary_id.hex)


@router.patch("/summaries/{summary_id}")
def share(
    summary_id: uuid.UUID, body: SummaryUpdate, state: StateDep, person: CurrentPerson
) -> SummaryDetail:
    """Share the summary with a partner (their pre-session note may show it), or stop. The id
    may also be the summary's insight's or memo's."""
    return set_shared(state.storage.db, owner_id=person.id, ref=summary_id.hex, shared=body.shared)


@router.get("/templates")
def templates(state: StateDep, person: CurrentPerson) -> TemplateCatalogue:
    """The prompt templates: shipped and the server owner's own. A broken file of the owner's gives
    way to the shipped template of its name; one without is named in `errors` (never its path)."""
    return template_catalogue(state.settings.resolved_templates_dir)


@router.post("/reflections", status_code=201, response_model=list[dict[str, str]])
def reflect_on_week(body: AnswersIn, state: StateDep, person: CurrentPerson) -> list[dict[str, str]]:
    """Answers to a template about the week (bad-week, pre-session), for the pre-session note."""
    return write_week_reflection(
        state.storage.db,
        owner_id=person.id,
        template=body.template,
        personal_dir=state.settings.resolved_templates_dir,
        answers=body.answers,
    )
