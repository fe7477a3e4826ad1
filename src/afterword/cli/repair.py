"""`afterword repair`: the phrase to use when conflict starts to sharpen. Set your own, or
propose one to your partner, who accepts it or proposes another."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.context import CliContext
from afterword.reflect.partners import partner_state
from afterword.reflect.repair import (
    RepairState,
    accept_phrase,
    log_repair_use,
    propose_phrase,
    repair_state,
    set_own_phrase,
)

commands = typer.Typer()
repair_app = typer.Typer(
    help="The repair phrase: agreed with your partner, or your own.", invoke_without_command=True
)
commands.add_typer(repair_app, name="repair")
Phrase = Annotated[
    str, typer.Argument(help='"Can we slow down? I want to hear you."' + FROM_STDIN, callback=text_from_stdin)
]


def show(context: CliContext, state: RepairState) -> None:
    partner = partner_state(context.reader).partner or "your partner"
    if state.phrase:
        agreed = f" (agreed with {escape(state.agreed_with)})" if state.agreed_with else ""
        output.console.print(f"Your repair phrase: [bold]“{escape(state.phrase)}”[/bold]{agreed}")
    proposal = state.proposal
    if proposal and proposal.by_me:
        output.console.print(f"You proposed “{escape(proposal.text)}”; it waits for {escape(partner)}.")
    elif proposal:
        output.console.print(
            f"{escape(partner)} proposes “{escape(proposal.text)}”: `afterword repair accept`, "
            'or offer another with `afterword repair propose "..."`.'
        )
    if not state.phrase and not proposal:
        output.console.print(
            'No repair phrase yet. `afterword repair propose "..."` to agree one with your partner, '
            'or `afterword repair set "..."` for yourself.'
        )


@repair_app.callback()
def repair(ctx: typer.Context) -> None:
    """Show the repair phrase, and a proposal waiting for an answer.

    Example: afterword repair
    """
    if ctx.invoked_subcommand is None:
        context: CliContext = ctx.obj
        show(context, repair_state(context.reader))


@repair_app.command("propose")
def propose(ctx: typer.Context, text: Phrase) -> None:
    """Propose a phrase to your partner (answering theirs with another one counters it).

    Example: afterword repair propose "Can we slow down? I want to hear you."
    """
    context: CliContext = ctx.obj
    show(context, propose_phrase(context.reader, context.db, text=text))


@repair_app.command("accept")
def accept(ctx: typer.Context) -> None:
    """Agree to your partner's proposal: from now on it is the phrase you both use."""
    context: CliContext = ctx.obj
    show(context, accept_phrase(context.reader, context.db))


@repair_app.command("set")
def set_phrase(ctx: typer.Context, text: Phrase) -> None:
    """Set a phrase for yourself (in use while none is agreed with a partner).

    Example: afterword repair set "Pause. Breathe. Ask."
    """
    context: CliContext = ctx.obj
    show(context, set_own_phrase(context.reader, context.db, text=text))


@repair_app.command("used")
def used(
    ctx: typer.Context,
    note: Annotated[
        str | None, typer.Option(help="What happened, if you like." + FROM_STDIN, callback=text_from_stdin)
    ] = None,
) -> None:
    """Note that you reached for the phrase (for your pre-session note, for you alone).

    Example: afterword repair used --note "it took the heat out of the dishes fight"
    """
    context: CliContext = ctx.obj
    state = log_repair_use(context.reader, context.db, note=note)
    output.console.print(
        f"Noted that you reached for “{escape(state.phrase or '')}”, for your pre-session note."
    )
