"""Arguments and options several commands share."""

import sys
from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
THOUGHT_ID_HELP = "An insight's, its memo's or its summary's id, or its first characters."
ThoughtId = Annotated[str, typer.Argument(metavar="ID", help=THOUGHT_ID_HELP)]
"""Any id of one thought: every command that needs an insight or a summary takes the one at hand."""

STDIN = "-"
FROM_STDIN = " (- reads it from stdin)"
"""Said in the help of every option and argument that takes a person's words. Whatever is on a
command line is visible to every user of the machine (`ps`, /proc/PID/cmdline) while the command
runs; words read from stdin (typed, piped, or `< file`) are not."""
STDIN_READ = "afterword_stdin_read"


def take_stdin(ctx: typer.Context) -> str:
    """All of stdin, once per command: two options cannot both read it."""
    if ctx.meta.get(STDIN_READ):
        raise typer.BadParameter("only one option or argument can read from stdin (-)")
    ctx.meta[STDIN_READ] = True
    if sys.stdin.isatty():
        typer.echo("Type it, then press Ctrl-D on a line of its own:", err=True)
    return sys.stdin.read()


def text_from_stdin(ctx: typer.Context, value: str | None) -> str | None:
    """An option's or argument's text, or stdin's when it is `-`."""
    return take_stdin(ctx).strip() if value == STDIN else value


def lines_from_stdin(ctx: typer.Context, values: list[str] | None) -> list[str] | None:
    """A list given on the command line, a `-` in it standing for stdin's lines."""
    if not values or STDIN not in values:
        return values
    lines = [line.strip() for line in take_stdin(ctx).splitlines() if line.strip()]
    taken: list[str] = []
    for value in values:
        taken.extend(lines if value == STDIN else [value])
    return taken
