"""What a person's calendar alarms and event titles show, on a lock screen anyone nearby can
read: discreet by default, the summary's headline, or the plan's own words."""

import uuid
from dataclasses import dataclass

from afterword.store.db import Database
from afterword.store.enums import ReminderText
from afterword.store.people import reminder_text, set_reminder_text


@dataclass(frozen=True)
class Reminders:
    show: ReminderText
    """discreet ("Afterword: your plan", the default), headline, or plan (its own words)."""


def reminders_of(db: Database, *, person_id: uuid.UUID) -> Reminders:
    with db.read() as session:
        return Reminders(reminder_text(session, person_id=person_id))


def choose_reminders(db: Database, *, person_id: uuid.UUID, show: ReminderText) -> Reminders:
    """The feed shows the choice from its next refresh."""
    set_reminder_text(db, person_id=person_id, show=show)
    return Reminders(show)
