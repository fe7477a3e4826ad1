"""`afterword reminders`: what your calendar's alarms and event titles show."""

from typing import Annotated

import typer

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.errors import Invalid
from afterword.reflect.reminders import choose_reminders, reminders_of
from afterword.store.enums import ReminderText

commands = typer.Typer()

EXPLAINED = {
    ReminderText.DISCREET: "“Afterword: your plan”, nothing of the therapy",
    ReminderText.HEADLINE: "the summary's headline",
    ReminderText.PLAN: "the plan's own words",
}


@commands.command()
def reminders(
    ctx: typer.Context,
    show: Annotated[
        str | None, typer.Argument(metavar="[discreet|headline|plan]", help="Default: show the choice.")
    ] = None,
) -> None:
    """Choose what a calendar alarm and an event title show on the phone's lock screen:
    discreet (the default), the headline, or the plan's own words. It applies to the feed
    (GET /api/triggers.ics) and to `afterword trigger export`.

    Example: afterword reminders discreet
    """
    context: CliContext = ctx.obj
    if show is None:
        current = reminders_of(context.reader).show
    else:
        try:
            chosen = ReminderText(show.strip().lower())
        except ValueError:
            raise Invalid(f"'{show}' is not a choice: give discreet, headline or plan") from None
        current = choose_reminders(context.reader, context.db, show=chosen).show
    output.console.print(f"Calendar reminders show {EXPLAINED[current]} ({current.value}).")
