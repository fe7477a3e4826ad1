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
from afterword.reflect.summary_views import SummaryDetail, SummaryView, summary_detail, summary_views
from afterword.reflect.templates import TemplateCatalogue, template_catalogue
from afterword.web.deps import CurrentPerson, PersonReader, StateDep
from afterword.web.reflect_inputs import AnswersIn, SummaryUpdate

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.put("/insights/{insight_id}/summary")
def save(insight_id: uuid.UUID, body: AnswersIn, state: StateDep, reader: PersonReader) -> SummarySaved:
    """Save the answers as the insight's summary; again: a new version (earlier ones kept)."""
    return write_summary(
        reader,
        state.db,
        insight_id=insight_id,
        template=body.template,
        personal_dir=state.settings.resolved_templates_dir,
        answers=body.answers,
    )


@router.get("/summaries")
def list_summaries(reader: PersonReader) -> list[SummaryView]:
    """Summaries, most recently written first."""
    return summary_views(reader)


@router.get("/summaries/{summary_id}")
def read_summary(summary_id: uuid.UUID, reader: PersonReader) -> SummaryDetail:
    """A summary with every version, oldest first."""
    return summary_detail(reader, summary_id=summary_id)


@router.patch("/summaries/{summary_id}")
def share(summary_id: uuid.UUID, body: SummaryUpdate, state: StateDep, reader: PersonReader) -> SummaryDetail:
    """Share the summary with a partner (their pre-session note may show it), or stop."""
    return set_shared(reader, state.db, summary_id=summary_id, shared=body.shared)


@router.get("/templates")
def templates(state: StateDep, person: CurrentPerson) -> TemplateCatalogue:
    """The prompt templates: shipped and the server owner's own. A broken file of the owner's gives
    way to the shipped template of its name; one without is named in `errors` (never its path)."""
    return template_catalogue(state.settings.resolved_templates_dir)


@router.post("/reflections", status_code=201, response_model=list[dict[str, str]])
def reflect_on_week(body: AnswersIn, state: StateDep, reader: PersonReader) -> list[dict[str, str]]:
    """Answers to a template about the week (bad-week, pre-session), for the pre-session note."""
    return write_week_reflection(
        reader,
        state.db,
        template=body.template,
        personal_dir=state.settings.resolved_templates_dir,
        answers=body.answers,
    )
