"""`afterword invite NAME`: one QR code that signs a phone in on this server's public address.

For a server on a real name behind a reverse proxy (or Tailscale), whose certificate phones
already trust: no setup page and no CA to install, so one scan opens the app with a one-time code
after the #, and the phone is signed in. On a home network with Afterword's own CA, `afterword
pair` shows the setup page first."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.context import CliContext

commands = typer.Typer()

NO_PUBLIC_URL = (
    "invite needs this server's public address: set AFTERWORD_PUBLIC_URL (say "
    "https://afterword.example.org). On a home network, `afterword pair {name}` signs a phone in."
)


@commands.command()
def invite(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Whose phone.")]) -> None:
    """Sign someone's phone in with one scan: the app on this server's public address
    (AFTERWORD_PUBLIC_URL) with a one-time code, as a QR code and a link.

    Example: AFTERWORD_PUBLIC_URL=https://afterword.example.org afterword invite Sam
    """
    context: CliContext = ctx.obj
    public_url = context.settings.public_url
    if public_url is None:
        output.fail(NO_PUBLIC_URL.format(name=escape(name)))
    show_invitation(context, name, public_url)


def show_invitation(context: CliContext, name: str, public_url: str) -> None:
    """The QR code and link of the app with a fresh code, and what the code is."""
    from afterword.store.signin import CODE_MINUTES, issue_signin_code

    issued = issue_signin_code(context.db, person_name=name)
    show_link(
        f"{public_url}/#code={issued.code}",
        f"Scan this with {escape(name)}'s phone: it opens Afterword and signs the phone in.",
    )
    say = output.errors.print
    say(
        f"The code {issued.code} works once, within {CODE_MINUTES} minutes (a new invitation ends it "
        f"sooner); in an app on the home screen, type it on the sign-in screen. It travels after the #, "
        "which browsers never send to a server.",
        soft_wrap=True,
    )
    if public_url.startswith("http://"):
        say(
            "Phones allow the microphone and offline recording only over https: make the public "
            "address https (a reverse proxy such as Caddy gets a certificate by itself).",
            soft_wrap=True,
        )


def show_link(url: str, what: str) -> None:
    """The link as a QR code and as text, and what it is for."""
    import segno

    segno.make(url, error="l").terminal(compact=True)
    typer.echo(url)
    output.errors.print(what, soft_wrap=True)
