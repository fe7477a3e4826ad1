"""/api: triggers and their calendar feed, review at the moment of use, the weekly focus and
the pre-session note. Every route is the signed-in person's own; another person's id is a 404."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from afterword.errors import NotFound
from afterword.reflect.feed import calendar_feed as build_feed
from afterword.reflect.focus import current_focus, set_focus
from afterword.reflect.partners import partner_named
from afterword.reflect.prep import PrepNote, build_note
from afterword.reflect.prep_format import render, to_data
from afterword.reflect.review import read_review, record_review, review_of
from afterword.reflect.summaries import find_summary_view, save_week_reflection
from afterword.reflect.templates import PRE_SESSION, get_template
from afterword.reflect.triggers import add_trigger, remove_trigger, trigger_views
from afterword.store.enums import ReviewAnswer
from afterword.store.lean import SessionRows
from afterword.store.reviews import set_review_answer
from afterword.web.deps import CurrentPerson, Person, StateDep
from afterword.web.inputs import Headline, Name
from afterword.web.reflect_deps import FeedPerson
from afterword.web.reflect_schemas import (
    CardPublic,
    CuePublic,
    FocusIn,
    FocusPublic,
    PrepAnswersIn,
    ReviewAnswerIn,
    ReviewCreate,
    ReviewLogged,
    ReviewPublic,
    TriggerCreate,
    TriggerPublic,
)
from afterword.web.state import AppState

router = APIRouter(prefix="/api", tags=["between sessions"])
NO_SUCH_REVIEW = "No such summary or plan."


@router.get("/triggers", response_model=list[TriggerPublic])
def list_triggers(state: StateDep, person: CurrentPerson) -> list[TriggerPublic]:
    """The person's if-then plans, oldest first."""
    return [TriggerPublic.model_validate(v) for v in trigger_views(state.storage.db, owner_id=person.id)]


@router.post("/summaries/{summary_id}/triggers", status_code=201, response_model=TriggerPublic)
def add(summary_id: uuid.UUID, body: TriggerCreate, state: StateDep, person: CurrentPerson) -> TriggerPublic:
    """Add a plan: a weekly time (`when`, e.g. "thu 08:00"), a `situation` or a `person`. The
    id may also be the summary's insight's or memo's."""
    db = state.storage.db
    summary = find_summary_view(db, owner_id=person.id, ref=summary_id.hex)
    view = add_trigger(
        db,
        owner_id=person.id,
        summary_id=summary.id,
        when=body.when,
        situation=body.situation,
        person=body.person,
    )
    return TriggerPublic.model_validate(view)


@router.delete("/triggers/{trigger_id}", status_code=204)
def delete_trigger(trigger_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete a plan."""
    remove_trigger(state.storage.db, owner_id=person.id, ref=trigger_id.hex)
    return Response(status_code=204)


@router.get(
    "/triggers.ics", response_class=PlainTextResponse, responses={200: {"content": {"text/calendar": {}}}}
)
def calendar_feed(request: Request, state: StateDep, person: FeedPerson) -> Response:
    """Timed plans (re-reading plans, check-ins, recall checks) as an iCalendar feed. Calendar
    apps subscribe with HTTP Basic: any user name, the token as the password; a bearer token
    works too. Titles and alarms show what the person chose (GET/PUT /api/reminders: discreet
    by default); each plan links to its review on the phone page."""
    feed = build_feed(state.storage.db, owner_id=person.id, base_url=str(request.base_url))
    return Response(
        feed,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="afterword-plans.ics"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/review", response_model=ReviewPublic)
def review(
    state: StateDep,
    person: CurrentPerson,
    q: Annotated[Headline, Query(description="A few words; none: the plan due now, or all.")] = "",
) -> ReviewPublic:
    """The cards for the words (typos forgiven), with this week's focus. Nothing is logged
    until a card is opened (POST /api/reviews)."""
    with state.storage.db.read() as session:
        data = read_review(SessionRows(session), owner_id=person.id)
    # Scored with the session closed (the matching takes a while and needs no database), and
    # one of a person's reviews at a time, so a burst of them keeps one thread busy, not many.
    with state.scoring.turn(person.id):
        view = review_of(data, q)
    cards = [
        CardPublic(
            summary_id=m.card.summary_id,
            headline=m.card.headline,
            paragraph=m.card.paragraph,
            cues=[CuePublic(id=c.trigger_id, kind=c.kind.value, text=c.text) for c in m.card.cues],
            trigger_id=m.cue.trigger_id if m.cue else None,
            insight_id=m.card.insight_id,
        )
        for m in view.matches
    ]
    return ReviewPublic(focus=view.focus, due=view.due, cards=cards, repair=view.repair)


@router.post("/reviews", status_code=201, response_model=ReviewLogged)
def log(body: ReviewCreate, state: StateDep, person: CurrentPerson) -> ReviewLogged:
    """Log that a summary was re-read (through a plan, when one brought it up). A phone that
    queued it with no signal sends its own `id` and `reviewed_at`, and its answer and charge:
    sent again, it is logged once, and a later send only adds what it carries."""
    with state.storage.db.read() as session:
        review_id = record_review(
            SessionRows(session),
            owner_id=person.id,
            review_id=body.id or uuid.uuid4(),
            summary_id=body.summary_id,
            trigger_id=body.trigger_id,
            at=body.reviewed_at or datetime.now(UTC),
            answer=ReviewAnswer(body.answer) if body.answer else None,
            charge=body.charge,
        )
    if review_id is None:
        raise NotFound(NO_SUCH_REVIEW)
    return ReviewLogged(id=review_id)


@router.patch("/reviews/{review_id}", status_code=204)
def answer(review_id: uuid.UUID, body: ReviewAnswerIn, state: StateDep, person: CurrentPerson) -> Response:
    """The one-tap answer: helped, not_helped or skipped (null takes it back)."""
    with state.storage.db.read() as session:
        rows = SessionRows(session)
        with rows.transaction():
            found = set_review_answer(
                rows,
                owner_id=person.id,
                review_id=review_id,
                answer=ReviewAnswer(body.answer) if body.answer else None,
            )
    if not found:
        raise NotFound("No such review.")
    return Response(status_code=204)


@router.get("/focus", response_model=FocusPublic, responses={204: {"description": "None set this week."}})
def read_focus(state: StateDep, person: CurrentPerson) -> FocusPublic | Response:
    """This week's focus."""
    view = current_focus(state.storage.db, owner_id=person.id)
    return Response(status_code=204) if view is None else FocusPublic.model_validate(view.__dict__)


@router.put("/focus", response_model=FocusPublic)
def put_focus(body: FocusIn, state: StateDep, person: CurrentPerson) -> FocusPublic:
    """Set this week's focus: the one thread to follow until the next session."""
    view = set_focus(state.storage.db, owner_id=person.id, text=body.text)
    return FocusPublic.model_validate(view.__dict__)


def note_for(state: AppState, person: Person, partner_name: str | None) -> PrepNote:
    partner = (
        partner_named(state.storage.db, reader_id=person.id, name=partner_name) if partner_name else None
    )
    return build_note(
        state.storage.db,
        owner_id=person.id,
        person=person.name,
        templates_dir=state.settings.resolved_templates_dir,
        for_everyone=True,
        partner=partner,
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
def answer_questions(body: PrepAnswersIn, state: StateDep, person: CurrentPerson) -> dict:  # type: ignore[type-arg]
    """Answer this week's pre-session questions; returns the note with them."""
    template = get_template(
        PRE_SESSION, personal_dir=state.settings.resolved_templates_dir, for_everyone=True
    )
    save_week_reflection(state.storage.db, owner_id=person.id, template=template, answers=body.answers)
    return to_data(note_for(state, person, None))
