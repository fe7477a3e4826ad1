"""/api: the weekly focus and the pre-session note. Every route is the signed-in person's own."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from afterword.reflect.focus import current_focus, set_focus
from afterword.reflect.prep import PrepNote, build_note
from afterword.reflect.prep_format import render, to_data
from afterword.reflect.summaries import write_week_reflection
from afterword.reflect.templates import PRE_SESSION
from afterword.store.reading import Reader
from afterword.store.views.week import FocusView
from afterword.web.deps import CurrentPerson, Person, PersonReader, StateDep
from afterword.web.inputs import Name
from afterword.web.reflect_inputs import FocusIn, PrepAnswersIn
from afterword.web.state import AppState

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.get("/focus", response_model=FocusView, responses={204: {"description": "None set this week."}})
def read_focus(reader: PersonReader) -> FocusView | Response:
    """This week's focus."""
    view = current_focus(reader)
    return Response(status_code=204) if view is None else view


@router.put("/focus")
def put_focus(body: FocusIn, state: StateDep, reader: PersonReader) -> FocusView:
    """Set this week's focus: the one thread to follow until the next session."""
    return set_focus(reader, state.db, text=body.text)


def note_for(state: AppState, person: Person, partner_name: str | None) -> PrepNote:
    return build_note(
        Reader(state.db, person.id),
        person=person.name,
        templates_dir=state.settings.resolved_templates_dir,
        for_everyone=True,
        partner_name=partner_name,
    )


@router.get("/prep", responses={200: {"content": {"text/markdown": {}, "text/html": {}}}})
def prep(
    state: StateDep,
    person: CurrentPerson,
    format: Literal["json", "md", "html"] = "json",
    partner: Annotated[Name | None, Query(alias="with")] = None,
) -> Response:
    """The pre-session note for the week since the last session; `with`: your current
    partner's name, to add what they marked as shared, from their week (nothing else of theirs).
    Any other name answers 404 "No such partner.", whether or not someone has that name."""
    note = note_for(state, person, partner)
    if format == "json":
        return Response(render(note, "json"), media_type="application/json")
    if format == "html":
        return HTMLResponse(render(note, "html"))
    return PlainTextResponse(render(note, "md"), media_type="text/markdown; charset=utf-8")


@router.put("/prep/answers")
def answer_questions(body: PrepAnswersIn, state: StateDep, person: CurrentPerson) -> dict[str, Any]:
    """Answer this week's pre-session questions; returns the note with them."""
    write_week_reflection(
        Reader(state.db, person.id),
        state.db,
        template=PRE_SESSION,
        personal_dir=state.settings.resolved_templates_dir,
        answers=body.answers,
    )
    return to_data(note_for(state, person, None))
