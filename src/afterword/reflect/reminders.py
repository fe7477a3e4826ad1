"""What a person's calendar alarms and event titles show, on a lock screen anyone nearby can
read: discreet by default, the summary's headline, or the plan's own words."""

from dataclasses import dataclass

from afterword.store.db import Database
from afterword.store.enums import ReminderText
from afterword.store.people import set_reminder_text
from afterword.store.reading import Reader
from afterword.store.views.people import reminder_text


@dataclass(frozen=True)
class Reminders:
    show: ReminderText
    """discreet ("Afterword: your plan", the default), headline, or plan (its own words)."""


def reminders_of(reader: Reader) -> Reminders:
    with reader.reads() as reads:
        return Reminders(reminder_text(reads))


def choose_reminders(reader: Reader, db: Database, *, show: ReminderText) -> Reminders:
    """The feed shows the choice from its next refresh."""
    set_reminder_text(db, person_id=reader.person_id, show=show)
    return Reminders(show)
