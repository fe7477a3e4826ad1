"""`afterword partner`: invite a partner, accept or decline an invitation, end it."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.reflect.partners import accept, decline, end, invite, partner_state
from afterword.reflect.when import format_moment
from afterword.store.views.partners import PartnerState

commands = typer.Typer()
partner_app = typer.Typer(
    help="Your partner here: one person, both agreeing. Sharing reaches only them.",
    invoke_without_command=True,
)
commands.add_typer(partner_app, name="partner")
Name = Annotated[str, typer.Argument(metavar="NAME", help="Their name here (as in `afterword person add`).")]


def show(state: PartnerState, me: str) -> None:
    if state.partner:
        since = f" (since {format_moment(state.since)})" if state.since else ""
        output.console.print(
            f"Your partner here: {escape(state.partner)}{since}. "
            f"What you share reaches {escape(state.partner)}, and only them."
        )
    if state.invited:
        output.console.print(
            f"You invited {escape(state.invited)}. Once they run "
            f"`afterword --as {escape(state.invited)} partner accept {escape(me)}`, you are partners."
        )
    for name in state.invitations:
        output.console.print(
            f"{escape(name)} invited you: `afterword partner accept {escape(name)}` (or `decline`)."
        )
    if not (state.partner or state.invited or state.invitations):
        output.console.print("No partner here yet. Invite one with `afterword partner invite NAME`.")


@partner_app.callback()
def partner(ctx: typer.Context) -> None:
    """Show your partner and the invitations waiting.

    Example: afterword partner
    """
    if ctx.invoked_subcommand is None:
        context: CliContext = ctx.obj
        show(partner_state(context.reader), context.person_name)


@partner_app.command("invite")
def invite_command(ctx: typer.Context, name: Name) -> None:
    """Invite someone to be your partner; they accept with `afterword partner accept YOU`.

    Example: afterword partner invite Sam
    """
    context: CliContext = ctx.obj
    show(invite(context.reader, context.db, name=name), context.person_name)


@partner_app.command("accept")
def accept_command(ctx: typer.Context, name: Name) -> None:
    """Accept the invitation from NAME.

    Example: afterword --as Sam partner accept me
    """
    context: CliContext = ctx.obj
    show(accept(context.reader, context.db, name=name), context.person_name)


@partner_app.command("decline")
def decline_command(ctx: typer.Context, name: Name) -> None:
    """Say no to the invitation from NAME."""
    context: CliContext = ctx.obj
    show(decline(context.reader, context.db, name=name), context.person_name)


@partner_app.command("end")
def end_command(ctx: typer.Context) -> None:
    """End the partnership (what either of you shared becomes private again), or withdraw your
    invitation.

    Example: afterword partner end
    """
    context: CliContext = ctx.obj
    show(end(context.reader, context.db), context.person_name)
