"""/api/reminders: what the signed-in person's calendar alarms and event titles show."""

from fastapi import APIRouter

from afterword.reflect.reminders import Reminders, choose_reminders, reminders_of
from afterword.web.deps import PersonReader, StateDep
from afterword.web.week_inputs import RemindersChoice

router = APIRouter(prefix="/api/reminders", tags=["calendar"])


@router.get("", response_model=Reminders)
def read(reader: PersonReader) -> Reminders:
    """What the calendar feed's titles and alarms show."""
    return reminders_of(reader)


@router.put("", response_model=Reminders)
def choose(body: RemindersChoice, state: StateDep, reader: PersonReader) -> Reminders:
    """Choose discreet, headline or plan; the feed shows it from its next refresh."""
    return choose_reminders(reader, state.db, show=body.show)
