"""/api/reminders: what the signed-in person's calendar alarms and event titles show."""

from fastapi import APIRouter

from afterword.reflect.reminders import Reminders, choose_reminders, reminders_of
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.week_inputs import RemindersChoice

router = APIRouter(prefix="/api/reminders", tags=["calendar"])


@router.get("", response_model=Reminders)
def read(state: StateDep, person: CurrentPerson) -> Reminders:
    """What the calendar feed's titles and alarms show."""
    return reminders_of(state.storage.db, person_id=person.id)


@router.put("", response_model=Reminders)
def choose(body: RemindersChoice, state: StateDep, person: CurrentPerson) -> Reminders:
    """Choose discreet, headline or plan; the feed shows it from its next refresh."""
    return choose_reminders(state.storage.db, person_id=person.id, show=body.show)
