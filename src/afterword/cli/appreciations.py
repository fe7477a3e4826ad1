"""`afterword appreciation add|send|remove` and `afterword appreciations`: name one specific
thing your partner did; keep it, or send it to them."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.asking import read_line
from afterword.cli.context import CliContext
from afterword.reflect.appreciations import (
    PROMPT,
    AppreciationView,
    appreciate,
    open_appreciations,
    remove_appreciation,
    send_appreciation,
)
from afterword.reflect.when import format_moment

commands = typer.Typer()
appreciation_app = typer.Typer(
    help="Appreciations: yours (private unless sent) and what your partner sent you.",
    no_args_is_help=True,
)
commands.add_typer(appreciation_app, name="appreciation")
AppreciationId = Annotated[str, typer.Argument(metavar="ID", help="From `afterword appreciations`.")]


def print_kept(view: AppreciationView) -> None:
    short = output.short_id(view.id)
    if view.sent_to:
        output.console.print(f"Sent to {escape(view.sent_to)}: “{escape(view.text)}”")
    else:
        output.console.print(
            f"Kept to yourself: “{escape(view.text)}”. To send it: afterword appreciation send {short}"
        )
    if view.hint:
        output.console.print(f"[dim]{escape(view.hint)}[/dim]")


@appreciation_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(help="What they did, specifically." + FROM_STDIN, callback=text_from_stdin),
    ] = None,
    send: Annotated[bool, typer.Option("--send", help="Send it to your partner now.")] = False,
) -> None:
    """Name one specific thing your partner did ("you made tea when I came home late").

    It stays private unless you send it; a sent one shows the next time your partner opens
    Afterword, and in their pre-session note.

    Example: afterword appreciation add "you made tea when I came home late" --send
    """
    context: CliContext = ctx.obj
    if text is None:
        output.console.print(escape(PROMPT))
        text = read_line(output.console)
    print_kept(appreciate(context.reader, context.db, text=text, send=send))


@commands.command()
def appreciations(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """What your partner sent you (new ones first marked), then your own.

    Example: afterword appreciations
    """
    context: CliContext = ctx.obj
    both = open_appreciations(context.reader, context.db)
    if as_json:
        output.emit_view(both)
        return
    got, mine = both.received, both.mine
    for item in got:
        new = "[bold]new[/bold] " if item.new else ""
        output.console.print(
            f"{new}{escape(item.sender)} appreciated ({format_moment(item.sent_at)}): “{escape(item.text)}”"
        )
    rows = [
        {
            "id": output.short_id(m.id),
            "when": m.created_at,
            "sent": f"to {m.sent_to}" if m.sent_to else "kept to yourself",
            "appreciation": m.text,
        }
        for m in mine
    ]
    if rows:
        output.emit_table(rows, ["id", "when", "sent", "appreciation"], title="Your appreciations")
    elif not got:
        output.console.print(f'None yet. {escape(PROMPT)} afterword appreciation add "..."')


@appreciation_app.command("send")
def send(ctx: typer.Context, appreciation_id: AppreciationId) -> None:
    """Send one you kept to your partner.

    Example: afterword appreciation send 3f2a
    """
    context: CliContext = ctx.obj
    reader = context.reader
    found = ids.row_id(reader, "appreciation", appreciation_id)
    print_kept(send_appreciation(reader, context.db, appreciation_id=found))


@appreciation_app.command("remove")
def remove(ctx: typer.Context, appreciation_id: AppreciationId) -> None:
    """Delete one (a sent one is taken back from your partner too).

    Example: afterword appreciation remove 3f2a
    """
    context: CliContext = ctx.obj
    reader = context.reader
    remove_appreciation(
        reader, context.db, appreciation_id=ids.row_id(reader, "appreciation", appreciation_id)
    )
    output.console.print("Removed.")
