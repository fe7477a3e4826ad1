"""Therapy sessions: the appointments a week runs between."""

from typing import Annotated

import typer

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, JsonOption, ThoughtId, text_from_stdin
from afterword.cli.context import CliContext
from afterword.reflect.sessions import (
    move_insight,
    record_session,
    remove_session,
    reschedule_session,
    session_views,
)
from afterword.reflect.when import format_moment, parse_moment

commands = typer.Typer()
session_app = typer.Typer(
    help="Therapy sessions: the appointments a week runs between.", no_args_is_help=True
)
commands.add_typer(session_app, name="session")


@session_app.command("add")
def add_session(
    ctx: typer.Context,
    when: Annotated[
        str, typer.Argument(help='"now", "today 16:00", "thu 16:00", "next thu 16:00", "2026-11-19 16:00".')
    ],
    note: Annotated[
        str | None, typer.Option(help="A few words to remember it by." + FROM_STDIN, callback=text_from_stdin)
    ] = None,
) -> None:
    """Record a therapy session (past or coming); insights captured after it follow it.

    Example: afterword session add "today 16:00" --note "Sunday dinners"
    """
    context: CliContext = ctx.obj
    view = record_session(context.reader, context.db, starts_at=parse_moment(when), note=note)
    output.console.print(
        f"Session {output.short_id(view.id)} on {format_moment(view.starts_at)}; "
        f"{view.insights} insight(s) follow it."
    )


@session_app.command("move")
def move(
    ctx: typer.Context,
    insight_id: ThoughtId,
    session_id: Annotated[
        str, typer.Argument(metavar="SESSION_ID", help="From `afterword sessions`, or auto.")
    ],
) -> None:
    """Make an insight follow another session (auto: back to the rule).

    By default an insight follows the latest session that began before it was captured.

    Example: afterword session move 3f2a 9c1b
    """
    context: CliContext = ctx.obj
    reader = context.reader
    move_insight(
        reader,
        context.db,
        insight_id=ids.insight_id(reader, insight_id),
        session_id=None if session_id == "auto" else ids.row_id(reader, "session", session_id),
    )
    output.console.print("Moved.")


@session_app.command("reschedule")
def reschedule(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="SESSION_ID", help="From `afterword sessions`.")],
    when: Annotated[str, typer.Argument(help='The new time: "thu 17:00", "2026-12-03 17:00".')],
) -> None:
    """Move a session to another time (the appointment moved); weekly plans then end there.

    Example: afterword session reschedule 9c1b "thu 17:00"
    """
    context: CliContext = ctx.obj
    reader = context.reader
    view = reschedule_session(
        reader,
        context.db,
        session_id=ids.row_id(reader, "session", session_id),
        starts_at=parse_moment(when),
        note=None,
    )
    output.console.print(f"Session {output.short_id(view.id)} now on {format_moment(view.starts_at)}.")


@session_app.command("remove")
def remove(ctx: typer.Context, session_id: Annotated[str, typer.Argument(metavar="SESSION_ID")]) -> None:
    """Delete a session (its insights then follow the session before it).

    Example: afterword session remove 9c1b
    """
    context: CliContext = ctx.obj
    reader = context.reader
    when = remove_session(reader, context.db, session_id=ids.row_id(reader, "session", session_id))
    output.console.print(f"Removed the session of {format_moment(when)}.")


@commands.command()
def sessions(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List therapy sessions, oldest first, with how many insights follow each.

    Example: afterword sessions
    """
    context: CliContext = ctx.obj
    views = session_views(context.reader)
    if as_json:
        output.emit_view(views)
        return
    rows = [
        {"id": output.short_id(v.id), "when": v.starts_at, "insights": v.insights, "note": v.note}
        for v in views
    ]
    output.emit_table(rows, ["id", "when", "insights", "note"], title="Sessions")
