"""`afterword checkin`: plan ten-minute check-ins, run one with a timer and one question each,
and log it afterwards."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.asking import read_line
from afterword.cli.context import CliContext
from afterword.cli.timer import countdown
from afterword.reflect.checkins import (
    CHECKIN_MINUTES,
    PLANS_PER_WEEK,
    QUESTIONS,
    checkin_views,
    choose_question,
    log_checkin,
    parse_upcoming,
    plan_checkin,
    remove_checkin,
)
from afterword.reflect.when import format_moment, parse_moment
from afterword.store.views.checkins import CheckInView

commands = typer.Typer()
checkin_app = typer.Typer(
    help="Ten-minute check-ins: plan them, hold them with a timer, log them.", no_args_is_help=True
)
commands.add_typer(checkin_app, name="checkin")
CheckInId = Annotated[
    str | None, typer.Argument(metavar="[ID]", help="A planned one, from `afterword checkins`.")
]
Question = Annotated[
    str | None,
    typer.Option(
        help=f"Your one question: a number from 1 to {len(QUESTIONS)}, or your own." + FROM_STDIN,
        callback=text_from_stdin,
    ),
]


def describe(view: CheckInView) -> str:
    if view.held_at is None:
        return f"planned {format_moment(view.planned_at)}" if view.planned_at else "not planned"
    asked = f", your question: “{view.question}”" if view.question else ""
    return f"held {format_moment(view.held_at)}{asked}"


@commands.command()
def checkins(ctx: typer.Context) -> None:
    """List your check-ins, planned and held.

    Example: afterword checkins
    """
    context: CliContext = ctx.obj
    views = checkin_views(context.reader)
    rows = [{"id": output.short_id(v.id), "when": describe(v), "line": v.note} for v in views]
    output.emit_table(rows, ["id", "when", "line"], title="Check-ins")
    if not views:
        output.console.print(f'Plan {PLANS_PER_WEEK} this week: afterword checkin add "sat 10:00"')


@checkin_app.command("add")
def add(
    ctx: typer.Context, when: Annotated[str, typer.Argument(help='"sat 10:00", "tomorrow 19:30".')]
) -> None:
    """Plan a check-in (twice a week is the practice); it joins your calendar feed.

    Example: afterword checkin add "sat 10:00"
    """
    context: CliContext = ctx.obj
    view = plan_checkin(context.reader, context.db, when=parse_upcoming(when))
    output.console.print(
        f"Check-in {output.short_id(view.id)} {describe(view)} "
        "(it is in your calendar feed: afterword trigger export)."
    )


def pick_question(question: str | None) -> str | None:
    if question is not None:
        return question
    output.console.print("[bold]Your one question[/bold] (a number, your own words, or Enter for none):")
    for number, text in enumerate(QUESTIONS, 1):
        output.console.print(f"  {number}. {escape(text)}")
    return read_line(output.console) or None


@checkin_app.command("start")
def start(
    ctx: typer.Context,
    checkin_id: CheckInId = None,
    question: Question = None,
    minutes: Annotated[int, typer.Option(min=1, max=60, help="The timer's length.")] = CHECKIN_MINUTES,
) -> None:
    """Hold a check-in now: pick your one question, run the timer, then log it with a line.

    Enter ends the timer early.

    Example: afterword checkin start --question 2
    """
    context: CliContext = ctx.obj
    chosen = choose_question(pick_question(question))
    output.console.print(
        f"\n{minutes} minutes, one question each." + (f" Yours: “{escape(chosen)}”" if chosen else "")
    )
    countdown(minutes * 60, output.console)
    output.console.print("A line about it, if you like (Enter: none):")
    line = read_line(output.console) or None
    reader = context.reader
    found = ids.row_id(reader, "checkin", checkin_id) if checkin_id else None
    view = log_checkin(reader, context.db, checkin_id=found, question=chosen, note=line)
    output.console.print(f"Logged: check-in {describe(view)}. Thank you for making the time.")


@checkin_app.command("log")
def log(
    ctx: typer.Context,
    checkin_id: CheckInId = None,
    question: Question = None,
    note: Annotated[
        str | None, typer.Option(help="A line about it." + FROM_STDIN, callback=text_from_stdin)
    ] = None,
    at: Annotated[str | None, typer.Option(help='When it was held: "today 10:00"; default now.')] = None,
) -> None:
    """Log a check-in that happened (the planned one nearest then, unless you name one).

    Example: afterword checkin log --note "we laughed about the dishwasher"
    """
    context: CliContext = ctx.obj
    reader = context.reader
    view = log_checkin(
        reader,
        context.db,
        checkin_id=ids.row_id(reader, "checkin", checkin_id) if checkin_id else None,
        question=question,
        note=note,
        held_at=parse_moment(at) if at else None,
    )
    output.console.print(f"Logged: check-in {describe(view)}.")


@checkin_app.command("remove")
def remove(ctx: typer.Context, checkin_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Delete a check-in."""
    context: CliContext = ctx.obj
    reader = context.reader
    remove_checkin(reader, context.db, checkin_id=ids.row_id(reader, "checkin", checkin_id))
    output.console.print("Removed.")
