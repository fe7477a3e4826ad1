"""`afterword appreciate` and `afterword appreciations`: name one specific thing your partner
did; keep it, or send it to them."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
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

appreciations_app = typer.Typer(
    help="Appreciations: yours (private unless sent) and what your partner sent you.",
    invoke_without_command=True,
)
AppreciationId = Annotated[str, typer.Argument(metavar="ID", help="From `afterword appreciations`.")]


def register(app: typer.Typer) -> None:
    app.command(name="appreciate")(appreciate_command)
    app.add_typer(appreciations_app, name="appreciations")


def print_kept(view: AppreciationView) -> None:
    short = output.short_id(view.id)
    if view.sent_to:
        output.console.print(f"Sent to {escape(view.sent_to)}: “{escape(view.text)}”")
    else:
        output.console.print(
            f"Kept to yourself: “{escape(view.text)}”. To send it: afterword appreciations send {short}"
        )
    if view.hint:
        output.console.print(f"[dim]{escape(view.hint)}[/dim]")


def appreciate_command(
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

    Example: afterword appreciate "you made tea when I came home late" --send
    """
    context: CliContext = ctx.obj
    if text is None:
        output.console.print(escape(PROMPT))
        text = read_line(output.console)
    print_kept(appreciate(context.storage.db, owner_id=context.person_id, text=text, send=send))


@appreciations_app.callback()
def appreciations(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """What your partner sent you (new ones first marked), then your own.

    Example: afterword appreciations
    """
    if ctx.invoked_subcommand is not None:
        return
    context: CliContext = ctx.obj
    both = open_appreciations(context.storage.db, person_id=context.person_id)
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
        output.console.print(f'None yet. {escape(PROMPT)} afterword appreciate "..."')


@appreciations_app.command("send")
def send_command(ctx: typer.Context, appreciation_id: AppreciationId) -> None:
    """Send one you kept to your partner.

    Example: afterword appreciations send 3f2a
    """
    context: CliContext = ctx.obj
    print_kept(send_appreciation(context.storage.db, owner_id=context.person_id, ref=appreciation_id))


@appreciations_app.command("remove")
def remove_command(ctx: typer.Context, appreciation_id: AppreciationId) -> None:
    """Delete one (a sent one is taken back from your partner too)."""
    context: CliContext = ctx.obj
    remove_appreciation(context.storage.db, owner_id=context.person_id, ref=appreciation_id)
    output.console.print("Removed.")
