"""People and their tokens: person add, people, token add/revoke, tokens, pair."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.cli.invite import show_invitation, show_link
from afterword.cli.running import Running
from afterword.store.people import add_person
from afterword.store.tokens import issue_token, revoke_token_by_prefix, token_views
from afterword.store.views.people import list_people

commands = typer.Typer()
person_app = typer.Typer(help="People who keep memos here (for couples: one each).", no_args_is_help=True)
token_app = typer.Typer(help="Tokens that let a phone or an app use the API.", no_args_is_help=True)
commands.add_typer(person_app, name="person")
commands.add_typer(token_app, name="token")

DEFAULT_PORT = 8000
DEFAULT_SETUP_PORT = 8001


@person_app.command("add")
def add(ctx: typer.Context, name: Annotated[str, typer.Argument(help="A name, e.g. Sam.")]) -> None:
    """Add a person.

    Example: afterword person add Sam
    """
    person = add_person(ctx.obj.db, name=name)
    output.console.print(
        f"Added {escape(person.name)}. Next: `afterword pair {escape(person.name)}` to sign in their phone."
    )


@commands.command()
def people(ctx: typer.Context) -> None:
    """List the people who keep memos here.

    Example: afterword people
    """
    listed = list_people(ctx.obj.source)
    output.emit_table(
        [{"name": p.name, "added": p.created_at} for p in listed], ["name", "added"], title="People"
    )


@token_app.command("add")
def add_token(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Whose token.")],
    label: Annotated[str, typer.Option(help="What it is for.")] = "api",
) -> None:
    """Create a token and print it once (only its hash is kept).

    Example: afterword token add Sam --label "voice recorder app"
    """
    issued = issue_token(ctx.obj.db, person_name=name, label=label)
    output.errors.print("Keep this token secret; it is shown only this once:")
    typer.echo(issued.token)


@commands.command()
def tokens(ctx: typer.Context) -> None:
    """List tokens (never their secrets).

    Example: afterword tokens
    """
    rows = [
        {
            "id": output.short_id(t.id),
            "person": t.person,
            "label": t.label,
            "made_by": output.short_id(t.made_by) if t.made_by else "",
            "created": t.created_at,
            "last_used": t.last_used_at,
            "revoked": t.revoked_at,
        }
        for t in token_views(ctx.obj.db)
    ]
    columns = ["id", "person", "label", "made_by", "created", "last_used", "revoked"]
    output.emit_table(rows, columns, title="Tokens")


@token_app.command("revoke")
def revoke(
    ctx: typer.Context,
    token_id: Annotated[str, typer.Argument(metavar="ID", help="From `afterword tokens`.")],
) -> None:
    """Revoke a token: it stops working at once, and so does every token made with it (a phone
    signing in its home-screen app makes one: `afterword tokens` shows each token's maker).

    Example: afterword token revoke 3f2a9c1b
    """
    revoked = revoke_token_by_prefix(ctx.obj.db, id_prefix=token_id)
    said = f"Revoked token {output.short_id(revoked.token.id)} ({escape(revoked.token.label)})"
    if not revoked.with_it:
        output.console.print(f"{said}.")
        return
    others = ", ".join(f"{output.short_id(t.id)} ({escape(t.label)})" for t in revoked.with_it)
    count = len(revoked.with_it)
    output.console.print(f"{said}, and the {count} token{'s' if count != 1 else ''} it made: {others}.")


@commands.command()
def pair(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Whose phone.")],
    host: Annotated[str | None, typer.Option(help="The address the phone reaches this machine at.")] = None,
    port: Annotated[
        int | None, typer.Option(help="The port `afterword serve` listens on (default: the running one's).")
    ] = None,
    https: Annotated[
        bool | None,
        typer.Option("--https/--http", help="Phones need https for the microphone (default: as served)."),
    ] = None,
    setup_port: Annotated[
        int | None,
        typer.Option(help="The setup page's port (`serve --setup-port`); 0: the link opens the app."),
    ] = None,
) -> None:
    """Sign a phone in: a link with a one-time code, also as a QR code. With https and the setup
    page, a first link installs Afterword's certificate on the phone, and the code comes only in
    the second, the https one. The scheme and ports are the running `afterword serve`'s; with none
    running it says which it assumed.

    With a public address (AFTERWORD_PUBLIC_URL) and none of the options, it is `afterword
    invite`: one link, on that address.

    Example: afterword pair Sam --host 192.168.1.20
    """
    from afterword.cli.tls import url_host
    from afterword.store.signin import issue_signin_code

    context: CliContext = ctx.obj
    public_url = context.settings.public_url
    if public_url is not None and (host, port, https, setup_port) == (None, None, None, None):
        output.errors.print(f"Using the public address {escape(public_url)} (AFTERWORD_PUBLIC_URL).")
        show_invitation(context, name, public_url)
        return
    issued = issue_signin_code(context.db, person_name=name)
    served = served_as(context, port=port, https=https, setup_port=setup_port)
    port, https, setup_port = served.port, served.scheme == "https", served.setup_port
    setup = https and setup_port > 0
    where = host or served.host  # the address serve was told, when it was told one
    if setup:
        # The setup page is plain http, which anyone on the network could rewrite to read what the
        # page holds: it gets no code.
        show_link(
            f"http://{url_host(where or '')}:{setup_port}/",
            f"The first time on {escape(name)}'s phone, scan this to install Afterword's certificate.",
        )
        explain_setup(context)
    show_link(
        pairing_link(where, issued.code, port=port, https=https),
        f"Then scan this on {escape(name)}'s phone to sign in."
        if setup
        else f"Open this on {escape(name)}'s phone (scan the code).",
    )
    explain_code(issued.code, port=port, https=https, assumed=served.pid == 0)


def served_as(
    context: CliContext, *, port: int | None, https: bool | None, setup_port: int | None
) -> Running:
    """The running `serve`'s scheme and ports, each overridden by an option given; with none
    running, the defaults, said plainly (pid 0 marks an assumption)."""
    from afterword.cli.running import read_run_file

    running = read_run_file(context.settings.data_dir)
    if running is None:
        scheme = "http" if https is False else "https"
        assumed = Running(
            scheme, "", port or DEFAULT_PORT, DEFAULT_SETUP_PORT if setup_port is None else setup_port, 0
        )
        output.errors.print(
            f"No running `afterword serve` found in {escape(str(context.settings.data_dir))}; assuming "
            f"{assumed.scheme} on port {assumed.port}.",
            soft_wrap=True,
        )
        return assumed
    if running.host.startswith("127.") or running.host in ("localhost", "::1"):
        output.errors.print(
            f"`afterword serve` listens on {escape(running.host)} only, which a phone cannot reach: "
            "restart it with --host 0.0.0.0.",
            soft_wrap=True,
        )
    scheme = running.scheme if https is None else ("https" if https else "http")
    chosen = Running(
        scheme,
        running.host,
        port or running.port,
        running.setup_port if setup_port is None else setup_port,
        running.pid,
    )
    output.errors.print(
        f"Using the running `afterword serve`: {chosen.scheme} on port {chosen.port}.", soft_wrap=True
    )
    return chosen


def pairing_link(host: str | None, code: str, *, port: int, https: bool) -> str:
    """The app itself, with the code after the #."""
    from afterword.cli.tls import url_host

    return f"{'https' if https else 'http'}://{url_host(host or '')}:{port}/#code={code}"


def explain_setup(context: CliContext) -> None:
    from afterword.cli.ca_passphrase import passphrase_source
    from afterword.cli.tls import print_fingerprint
    from afterword.web.ca import CaLocked, ensure_ca, read_ca
    from afterword.web.certificates import fingerprint
    from afterword.web.tls import server_names, tls_folder

    folder = tls_folder(context.settings.data_dir)
    try:
        ca = (
            read_ca(folder)
            or ensure_ca(folder, passphrase_source(context.settings), names=server_names()).cert
        )
    except CaLocked:  # no terminal and no passphrase file: `serve --https` makes it
        output.errors.print(
            "The first time, it installs Afterword's certificate on the phone, then signs the phone in. "
            "The certificate is made by the first `afterword serve --https`, which shows its fingerprint "
            "(the setup page and the phone show it too).",
            soft_wrap=True,
        )
        return
    print_fingerprint(
        "The first time, it installs Afterword's certificate on the phone, then signs the phone in.\n"
        "The certificate's SHA-256 fingerprint, which the phone must show too:",
        fingerprint(ca),
    )


def explain_code(code: str, *, port: int, https: bool, assumed: bool) -> None:
    from afterword.store.signin import CODE_MINUTES

    say = output.errors.print
    say(
        f"The code {code} works once, within {CODE_MINUTES} minutes; in the home-screen app, type it on "
        "the sign-in screen. It travels after the #, which browsers never send to a server.",
        soft_wrap=True,
    )
    if assumed:
        flags = f" --port {port}" + (" --https" if https else "")
        say(f"Serve with `afterword serve --host 0.0.0.0{flags}` so the phone can reach it.", soft_wrap=True)
