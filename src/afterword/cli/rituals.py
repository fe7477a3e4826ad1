"""`afterword ritual`: the one ordinary good thing protected this week, and the times it happened."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.context import CliContext
from afterword.reflect.rituals import EXAMPLES, current_ritual, ritual_happened, set_ritual
from afterword.reflect.when import format_moment, parse_moment
from afterword.store.views.rituals import RitualView

commands = typer.Typer()
ritual_app = typer.Typer(
    help="The one ordinary good thing you protect this week.", invoke_without_command=True
)
commands.add_typer(ritual_app, name="ritual")


def show(view: RitualView | None) -> None:
    if view is None:
        output.console.print(
            f'No good thing named this week. For example ({EXAMPLES}): afterword ritual set "..."'
        )
        return
    when = ", ".join(format_moment(m) for m in view.happened)
    output.console.print(
        f"This week's good thing: {escape(view.text)}" + (f". It happened: {when}." if when else ".")
    )


@ritual_app.callback()
def ritual(ctx: typer.Context) -> None:
    """Show this week's good thing and when it happened.

    Example: afterword ritual
    """
    if ctx.invoked_subcommand is None:
        context: CliContext = ctx.obj
        show(current_ritual(context.reader))


@ritual_app.command("set")
def set_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help='"a walk after dinner"' + FROM_STDIN, callback=text_from_stdin)],
) -> None:
    """Name this week's good thing: a walk, a morning hug, a funny text, a meal without problem-solving.

    Example: afterword ritual set "a walk after dinner"
    """
    context: CliContext = ctx.obj
    show(set_ritual(context.reader, context.db, text=text))


@ritual_app.command("happened")
def happened(
    ctx: typer.Context, at: Annotated[str | None, typer.Option(help='"yesterday 19:30"; default now.')] = None
) -> None:
    """Note that it happened.

    Example: afterword ritual happened --at "yesterday 19:30"
    """
    context: CliContext = ctx.obj
    show(ritual_happened(context.reader, context.db, at=parse_moment(at) if at else None))
