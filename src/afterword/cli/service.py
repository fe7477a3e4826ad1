"""`afterword service print|install`: run `serve` (and workers) as a service that starts at boot
and again after a failure: systemd on Linux (a user service, or with --system a system one),
launchd on macOS."""

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.cli.service_units import (
    ServicePlan,
    What,
    environment_file,
    launchd_label,
    launchd_plist,
    service_environment,
    systemd_environment,
    systemd_unit,
    unit_name,
)

commands = typer.Typer()
service_app = typer.Typer(
    help="Run Afterword as a service: at boot, restarted on failure (systemd or launchd).",
    no_args_is_help=True,
)
commands.add_typer(service_app, name="service")
SYSTEM_UNITS = Path("/etc/systemd/system")
SYSTEM_CONFIG = Path("/etc/afterword")
ENVIRONMENT_FILE = "afterword.env"

WhatArgument = Annotated[str, typer.Argument(help="serve (the API and phone page) or worker.")]
SystemOption = Annotated[
    bool, typer.Option("--system", help="A system service, started at boot as --run-as (needs root).")
]
LaunchdOption = Annotated[
    bool, typer.Option("--launchd/--systemd", help="launchd (macOS) or systemd (default: this system's).")
]
RunAsOption = Annotated[str | None, typer.Option(help="The user a system service runs as (default: you).")]
HostOption = Annotated[str, typer.Option(help="serve: the address to listen on.")]
PortOption = Annotated[int, typer.Option(help="serve: the port.")]
NoWorkerOption = Annotated[
    bool, typer.Option("--no-worker", help="serve: leave transcription to worker services.")
]
ConcurrencyOption = Annotated[int, typer.Option(help="worker: memos transcribed at once.")]


def make_plan(
    ctx: typer.Context, what: str, *, system: bool, run_as: str | None, arguments: list[str]
) -> ServicePlan:
    if what not in ("serve", "worker"):
        output.fail(f"a service runs `serve` or `worker`, not {escape(what)!r}")
    settings = ctx.obj.settings
    chosen: What = "serve" if what == "serve" else "worker"
    return ServicePlan(
        what=chosen,
        arguments=tuple(arguments),
        python=sys.executable,
        data_dir=settings.data_dir.resolve(),
        system=system,
        run_as=(run_as or os.environ.get("SUDO_USER") or getpass.getuser()) if system else None,
        postgres=(settings.database_url or "").startswith("postgresql"),
        ca_passphrase_file=(
            settings.ca_passphrase_file.resolve()
            if chosen == "serve" and settings.ca_passphrase_file
            else None
        ),
    )


def command_arguments(what: str, *, host: str, port: int, no_worker: bool, concurrency: int) -> list[str]:
    if what == "worker":
        return ["--concurrency", str(concurrency)]
    return ["--host", host, "--port", str(port), *(["--no-worker"] if no_worker else [])]


@service_app.command("print")
def print_service(
    ctx: typer.Context,
    what: WhatArgument = "serve",
    system: SystemOption = False,
    launchd: LaunchdOption = sys.platform == "darwin",
    run_as: RunAsOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    no_worker: NoWorkerOption = False,
    concurrency: ConcurrencyOption = 1,
) -> None:
    """Print the service definition (systemd unit or launchd plist) without installing it.

    Example: afterword service print --system --run-as afterword > afterword.service
    """
    arguments = command_arguments(what, host=host, port=port, no_worker=no_worker, concurrency=concurrency)
    plan = make_plan(ctx, what, system=system, run_as=run_as, arguments=arguments)
    if launchd:
        sys.stdout.write(launchd_plist(plan, service_environment(ctx.obj.settings)).decode())
    else:
        sys.stdout.write(systemd_unit(plan, environment_path=config_folder(system) / ENVIRONMENT_FILE))


@service_app.command("install")
def install_service(
    ctx: typer.Context,
    what: WhatArgument = "serve",
    system: SystemOption = False,
    launchd: LaunchdOption = sys.platform == "darwin",
    run_as: RunAsOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    no_worker: NoWorkerOption = False,
    concurrency: ConcurrencyOption = 1,
) -> None:
    """Write the service definition and its settings (the AFTERWORD_* settings in effect now),
    and say how to start it.

    Example: afterword service install        # then: systemctl --user enable --now afterword
    """
    context: CliContext = ctx.obj
    arguments = command_arguments(what, host=host, port=port, no_worker=no_worker, concurrency=concurrency)
    plan = make_plan(ctx, what, system=system, run_as=run_as, arguments=arguments)
    environment = service_environment(context.settings)
    try:
        if launchd:
            install_launchd(plan, environment)
        else:
            install_systemd(plan, environment)
    except PermissionError as error:
        output.fail(
            f"cannot write {escape(str(error.filename))}: a system service is installed as root (sudo)"
        )


def install_systemd(plan: ServicePlan, environment: dict[str, str]) -> None:
    settings_path = config_folder(plan.system) / ENVIRONMENT_FILE
    units = SYSTEM_UNITS if plan.system else user_config_home() / "systemd" / "user"
    unit_path = units / unit_name(plan.what)
    write_private(settings_path, environment_file(systemd_environment(plan, environment)).encode())
    unit_path.parent.mkdir(parents=True, exist_ok=True)
    unit_path.write_text(systemd_unit(plan, environment_path=settings_path), encoding="utf-8")
    name = unit_name(plan.what)
    output.errors.print(
        f"Wrote {escape(str(unit_path))} and its settings, {escape(str(settings_path))} (0600)."
    )
    if plan.system:
        output.errors.print(
            f"Start it now and at every boot: systemctl daemon-reload; systemctl enable --now {name}"
        )
        return
    output.errors.print(
        f"Start it now and at every login: systemctl --user daemon-reload; systemctl --user enable --now {name}\n"
        f"To start it at boot, before anyone logs in: loginctl enable-linger {getpass.getuser()}",
        soft_wrap=True,
    )


def install_launchd(plan: ServicePlan, environment: dict[str, str]) -> None:
    folder = Path("/Library/LaunchDaemons") if plan.system else Path.home() / "Library" / "LaunchAgents"
    path = folder / f"{launchd_label(plan.what)}.plist"
    (plan.data_dir / "logs").mkdir(parents=True, exist_ok=True)
    write_private(path, launchd_plist(plan, environment))
    domain = "system" if plan.system else f"gui/{os.getuid()}"
    output.errors.print(f"Wrote {escape(str(path))} (0600; it holds the settings).")
    when = "boot" if plan.system else "login"
    output.errors.print(f"Start it now and at every {when}: launchctl bootstrap {domain} {path}")


def user_config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def config_folder(system: bool) -> Path:
    """Where the services' settings file lives: /etc/afterword, or the user's config folder."""
    return SYSTEM_CONFIG if system else user_config_home() / "afterword"


def write_private(path: Path, data: bytes) -> None:
    """Readable by its owner only from the first byte (it may hold a database password)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(data)
