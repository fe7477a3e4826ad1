"""/api: triggers (if-then plans for re-reading a summary) and their calendar feed. Every route
is the signed-in person's own; another person's id is a 404."""

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from afterword.reflect.feed import calendar_feed as build_feed
from afterword.reflect.trigger_views import TriggerView, trigger_views
from afterword.reflect.triggers import add_trigger, remove_trigger
from afterword.store.reading import Reader
from afterword.web.deps import PersonReader, StateDep
from afterword.web.feed_auth import FeedPerson
from afterword.web.reflect_inputs import TriggerCreate

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.get("/triggers")
def list_triggers(reader: PersonReader) -> list[TriggerView]:
    """The person's if-then plans, oldest first."""
    return trigger_views(reader)


@router.post("/summaries/{summary_id}/triggers", status_code=201)
def add(summary_id: uuid.UUID, body: TriggerCreate, state: StateDep, reader: PersonReader) -> TriggerView:
    """Add a plan: a weekly time (`when`, e.g. "thu 08:00"), a `situation` or a `person`."""
    return add_trigger(
        reader,
        state.db,
        summary_id=summary_id,
        when=body.when,
        situation=body.situation,
        person=body.person,
    )


@router.delete("/triggers/{trigger_id}", status_code=204)
def delete_trigger(trigger_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Delete a plan."""
    remove_trigger(reader, state.db, trigger_id=trigger_id)
    return Response(status_code=204)


@router.get(
    "/triggers.ics", response_class=PlainTextResponse, responses={200: {"content": {"text/calendar": {}}}}
)
def calendar_feed(request: Request, state: StateDep, person: FeedPerson) -> Response:
    """Timed plans (re-reading plans, check-ins, recall checks) as an iCalendar feed. Calendar
    apps subscribe with HTTP Basic: any user name, the token as the password; a bearer token
    works too. Titles and alarms show what the person chose (GET/PUT /api/reminders: discreet
    by default); each plan links to its review on the phone page."""
    base_url = state.settings.public_url or str(request.base_url)
    feed = build_feed(Reader(state.db, person.id), base_url=base_url)
    return Response(
        feed,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="afterword-plans.ics"',
            "Cache-Control": "no-store",
        },
    )
