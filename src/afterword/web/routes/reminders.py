"""/api/reminders: what the signed-in person's calendar alarms and event titles show."""

from fastapi import APIRouter
from pydantic import BaseModel

from afterword.store.enums import ReminderText
from afterword.store.people import reminder_text, set_reminder_text
from afterword.web.deps import CurrentPerson, StateDep

router = APIRouter(prefix="/api/reminders", tags=["calendar"])


class RemindersPublic(BaseModel):
    show: ReminderText
    """discreet ("Afterword: your plan", the default), headline, or plan (its own words)."""


@router.get("", response_model=RemindersPublic)
def read(state: StateDep, person: CurrentPerson) -> RemindersPublic:
    """What the calendar feed's titles and alarms show."""
    with state.storage.db.read() as session:
        return RemindersPublic(show=reminder_text(session, person_id=person.id))


@router.put("", response_model=RemindersPublic)
def choose(body: RemindersPublic, state: StateDep, person: CurrentPerson) -> RemindersPublic:
    """Choose discreet, headline or plan; the feed shows it from its next refresh."""
    set_reminder_text(state.storage.db, person_id=person.id, show=body.show)
    return body
