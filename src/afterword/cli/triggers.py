"""If-then plans for re-reading a summary, and their calendar."""

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, ThoughtId, text_from_stdin
from afterword.cli.context import CliContext
from afterword.paths import ensure_private_file
from afterword.reflect.review import words_of
from afterword.reflect.trigger_views import trigger_views
from afterword.store.enums import TriggerKind

# Making, removing and exporting plans needs SQLAlchemy; those commands import it themselves, so
# `afterword triggers` reads without it (see cli.context).

commands = typer.Typer()
trigger_app = typer.Typer(help="If-then plans: when to re-read a summary.", no_args_is_help=True)
commands.add_typer(trigger_app, name="trigger")


@trigger_app.command("add")
def add(
    ctx: typer.Context,
    summary_id: ThoughtId,
    when: Annotated[
        str | None, typer.Option(help='A weekly time until the next session: "thu 08:00".')
    ] = None,
    situation: Annotated[
        str | None,
        typer.Option(help='"when I start rehearsing an argument"' + FROM_STDIN, callback=text_from_stdin),
    ] = None,
    person: Annotated[
        str | None, typer.Option(help='"when Mom calls"' + FROM_STDIN, callback=text_from_stdin)
    ] = None,
) -> None:
    """Decide when you will re-read a summary: at a time, in a situation, or with a person.

    The id may be the summary's, its insight's or its memo's (the one `afterword add` showed).

    Example: afterword trigger add 3f2a --when "thu 08:00"
    Example: afterword trigger add 3f2a --person "when Mom calls"
    """
    from afterword.reflect.triggers import add_trigger

    context: CliContext = ctx.obj
    reader = context.reader
    view = add_trigger(
        reader,
        context.db,
        summary_id=ids.summary_id(reader, summary_id),
        when=when,
        situation=situation,
        person=person,
    )
    hint = "" if view.kind == TriggerKind.TIME else " " + " ".join(words_of(view.cue)[:2])
    output.console.print(
        f"Plan {output.short_id(view.id)}: {escape(view.description)} → re-read "
        f"“{escape(view.headline)}”.\nWhen it comes: afterword review{escape(hint)}"
    )


@trigger_app.command("remove")
def remove(ctx: typer.Context, trigger_id: Annotated[str, typer.Argument(metavar="TRIGGER_ID")]) -> None:
    """Delete a plan.

    Example: afterword trigger remove 7c1d
    """
    from afterword.reflect.triggers import remove_trigger

    context: CliContext = ctx.obj
    reader = context.reader
    cue = remove_trigger(reader, context.db, trigger_id=ids.row_id(reader, "plan", trigger_id))
    output.console.print(f"Removed the plan “{escape(cue)}”.")


@trigger_app.command("export")
def export(
    ctx: typer.Context,
    to: Annotated[Path | None, typer.Option("--output", "-o", help="A file; default: print it.")] = None,
) -> None:
    """Your timed plans (re-reading plans, check-ins, recall checks) as an iCalendar file.

    Titles and alarms show what you chose with `afterword reminders` (discreet by default).
    While `afterword serve` runs (or with AFTERWORD_PUBLIC_URL set), each plan links to its
    review on the phone page. `serve`
    offers the same as a feed to subscribe to: GET /api/triggers.ics.

    Example: afterword trigger export -o plans.ics
    """
    from afterword.reflect.feed import calendar_feed

    context: CliContext = ctx.obj
    base_url = served_url(context)
    if base_url is None:
        output.errors.print("No running `afterword serve` found: the plans carry no link to the phone page.")
    calendar = calendar_feed(context.reader, base_url=base_url)
    if to is None:
        sys.stdout.write(calendar)
        return
    ensure_private_file(to)  # what is due when (and, if chosen, headlines): 0600 like an export
    to.write_text(calendar, encoding="utf-8", newline="")
    output.errors.print(f"Wrote {to}; open it on your phone or computer to add the plans to a calendar.")


def served_url(context: CliContext) -> str | None:
    """The phone page's address: the public one when set, else the running `afterword serve`'s."""
    from afterword.cli.running import read_run_file
    from afterword.cli.tls import url_host

    if context.settings.public_url is not None:
        return f"{context.settings.public_url}/"
    running = read_run_file(context.settings.data_dir)
    return None if running is None else f"{running.scheme}://{url_host(running.host)}:{running.port}/"


@commands.command()
def triggers(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List your plans, oldest first.

    Example: afterword triggers
    """
    context: CliContext = ctx.obj
    views = trigger_views(context.reader)
    rows = [
        {
            "id": output.short_id(v.id),
            "plan": v.description,
            "until": v.until,
            "summary": output.short_id(v.summary_id),
            "headline": v.headline,
        }
        for v in views
    ]
    if as_json:
        output.emit_view(views)
    else:
        output.emit_table(rows, ["id", "plan", "until", "summary", "headline"], title="Plans")
