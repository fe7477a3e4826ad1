"""/api: therapy sessions, an insight's headline and session, templates, prompts, summaries and
week reflections. Every route is the signed-in person's own; another person's id is a 404."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from afterword.errors import NotFound
from afterword.reflect.insights import (
    get_insight_view,
    next_without_summary,
    set_headline,
)
from afterword.reflect.prompts import prompt_for
from afterword.reflect.sessions import (
    move_insight,
    record_session,
    remove_session,
    reschedule_session,
    session_views,
)
from afterword.reflect.summaries import (
    current_answers,
    find_summary_view,
    save_summary,
    save_week_reflection,
    set_shared,
    summary_views,
)
from afterword.reflect.templates import (
    OWN_WORDS,
    TemplateError,
    get_template,
    list_templates,
)
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.inputs import Short
from afterword.web.reflect_schemas import (
    AnswersIn,
    InsightDetail,
    InsightUpdate,
    PromptPublic,
    SessionCreate,
    SessionMove,
    SessionPublic,
    SummaryDetail,
    SummaryPublic,
    SummarySaved,
    SummaryUpdate,
    TemplatePublic,
    TemplatesPublic,
)
from afterword.web.state import AppState

router = APIRouter(prefix="/api", tags=["between sessions"])


def insight_or_404(state: AppState, insight_id: uuid.UUID, owner_id: uuid.UUID) -> InsightDetail:
    view = get_insight_view(state.storage.db, owner_id=owner_id, insight_id=insight_id)
    if view is None:
        raise NotFound("No such insight.")
    return InsightDetail.model_validate(view)


@router.get("/sessions", response_model=list[SessionPublic])
def list_sessions(state: StateDep, person: CurrentPerson) -> list[SessionPublic]:
    """Therapy sessions, oldest first, with how many insights follow each."""
    views = session_views(state.storage.db, owner_id=person.id)
    return [SessionPublic.model_validate(v) for v in views]


@router.post("/sessions", status_code=201, response_model=SessionPublic)
def add_session(body: SessionCreate, state: StateDep, person: CurrentPerson) -> SessionPublic:
    """Record a session; insights captured after it (until the next one) follow it."""
    view = record_session(state.storage.db, owner_id=person.id, starts_at=body.starts_at, note=body.note)
    return SessionPublic.model_validate(view)


@router.patch("/sessions/{session_id}", response_model=SessionPublic)
def move_session(
    session_id: uuid.UUID, body: SessionMove, state: StateDep, person: CurrentPerson
) -> SessionPublic:
    """Move a session to another time (the appointment moved); a timed plan then ends there."""
    view = reschedule_session(
        state.storage.db,
        owner_id=person.id,
        session_ref=session_id.hex,
        starts_at=body.starts_at,
        note=body.note,
    )
    return SessionPublic.model_validate(view)


@router.delete("/sessions/{session_id}", status_code=204)
def delete_session(session_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete a session; its insights follow the session before it."""
    remove_session(state.storage.db, owner_id=person.id, session_ref=session_id.hex)
    return Response(status_code=204)


@router.get(
    "/insights/next", response_model=InsightDetail, responses={204: {"description": "All have summaries."}}
)
def next_insight(state: StateDep, person: CurrentPerson) -> InsightDetail | Response:
    """The newest insight without a summary: the one to reflect on next."""
    view = next_without_summary(state.storage.db, owner_id=person.id)
    return Response(status_code=204) if view is None else InsightDetail.model_validate(view)


@router.get("/insights/{insight_id}", response_model=InsightDetail)
def read_insight(insight_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> InsightDetail:
    """One insight: headline, text, the session it follows and how long after, its summary."""
    return insight_or_404(state, insight_id, person.id)


@router.patch("/insights/{insight_id}", response_model=InsightDetail)
def update_insight(
    insight_id: uuid.UUID, body: InsightUpdate, state: StateDep, person: CurrentPerson
) -> InsightDetail:
    """Change the headline (null: pick it again) or the session it follows (null: the rule)."""
    insight_or_404(state, insight_id, person.id)
    db = state.storage.db
    if "headline" in body.model_fields_set:
        set_headline(db, owner_id=person.id, insight_id=insight_id, text=body.headline)
    if "session_id" in body.model_fields_set:
        session_ref = body.session_id.hex if body.session_id else None
        move_insight(db, owner_id=person.id, insight_ref=insight_id.hex, session_ref=session_ref)
    return insight_or_404(state, insight_id, person.id)


@router.get("/templates", response_model=TemplatesPublic)
def templates(state: StateDep, person: CurrentPerson) -> TemplatesPublic:
    """The prompt templates: shipped and the server owner's own. A broken file of the owner's gives
    way to the shipped template of its name; one without is named in `errors` (never its path)."""
    loaded = list_templates(state.settings.resolved_templates_dir, for_everyone=True)
    return TemplatesPublic(
        items=[TemplatePublic.model_validate(t) for t in loaded if not isinstance(t, TemplateError)],
        errors=[str(t) for t in loaded if isinstance(t, TemplateError)],
    )


@router.get("/insights/{insight_id}/prompt", response_model=PromptPublic)
def prompt(
    insight_id: uuid.UUID,
    state: StateDep,
    person: CurrentPerson,
    template: Annotated[Short, Query()] = OWN_WORDS,
) -> PromptPublic:
    """The headline and the questions, without the transcript (it is fetched only to peek)."""
    insight = insight_or_404(state, insight_id, person.id)
    chosen = get_template(template, personal_dir=state.settings.resolved_templates_dir, for_everyone=True)
    previous = current_answers(
        state.storage.db, owner_id=person.id, summary_id=insight.summary_id, template=chosen.name
    )
    return PromptPublic.model_validate(
        {**prompt_for(chosen, insight.headline).__dict__, "previous_answers": previous}
    )


@router.put("/insights/{insight_id}/summary", response_model=SummarySaved)
def save(insight_id: uuid.UUID, body: AnswersIn, state: StateDep, person: CurrentPerson) -> SummarySaved:
    """Save the answers as the insight's summary; again: a new version (earlier ones kept)."""
    insight_or_404(state, insight_id, person.id)
    chosen = get_template(
        body.template, personal_dir=state.settings.resolved_templates_dir, for_everyone=True
    )
    view, changed = save_summary(
        state.storage.db, owner_id=person.id, insight_id=insight_id, template=chosen, answers=body.answers
    )
    return SummarySaved.model_validate({**view.__dict__, "changed": changed})


@router.get("/summaries", response_model=list[SummaryPublic])
def list_summaries(state: StateDep, person: CurrentPerson) -> list[SummaryPublic]:
    """Summaries, most recently written first."""
    return [SummaryPublic.model_validate(v) for v in summary_views(state.storage.db, owner_id=person.id)]


@router.get("/summaries/{summary_id}", response_model=SummaryDetail)
def read_summary(summary_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> SummaryDetail:
    """A summary with every version, oldest first (the id may also be its insight's or memo's)."""
    view = find_summary_view(state.storage.db, owner_id=person.id, ref=summary_id.hex)
    return SummaryDetail.model_validate(view)


@router.patch("/summaries/{summary_id}", response_model=SummaryDetail)
def share(
    summary_id: uuid.UUID, body: SummaryUpdate, state: StateDep, person: CurrentPerson
) -> SummaryDetail:
    """Share the summary with a partner (their pre-session note may show it), or stop. The id
    may also be the summary's insight's or memo's."""
    db = state.storage.db
    found = find_summary_view(db, owner_id=person.id, ref=summary_id.hex)
    view = set_shared(db, owner_id=person.id, summary_id=found.id, shared=body.shared)
    return SummaryDetail.model_validate(view)


@router.post("/reflections", status_code=201, response_model=list[dict[str, str]])
def reflect_on_week(body: AnswersIn, state: StateDep, person: CurrentPerson) -> list[dict[str, str]]:
    """Answers to a template about the week (bad-week, pre-session), for the pre-session note."""
    chosen = get_template(
        body.template, personal_dir=state.settings.resolved_templates_dir, for_everyone=True
    )
    return save_week_reflection(state.storage.db, owner_id=person.id, template=chosen, answers=body.answers)
