"""Service definitions that start `afterword serve` (or a worker) at boot and again after a
failure: a systemd unit (a user or a system service) on Linux, a launchd job on macOS. Made from
the settings in effect when they are made, so the service runs as the command line did; the
settings travel in a private environment file (systemd) or in the job itself (launchd, written
0600), never in a world-readable unit, as a database URL may carry a password.

The passphrase of Afterword's CA (`serve --https`) is asked for on a terminal, which a service
has not: with AFTERWORD_CA_PASSPHRASE_FILE set when the unit is made, systemd hands the service a
copy of that file (LoadCredential=), so the file itself may stay readable by root alone."""

import plistlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from afterword.settings import Settings

What = Literal["serve", "worker"]
STOP_SECONDS = 45
"""serve waits up to 30 s for its worker to put a job back; a little more before a kill."""
RESTART_SECONDS = 5
CA_PASSPHRASE_VARIABLE = "AFTERWORD_CA_PASSPHRASE_FILE"
CA_PASSPHRASE_CREDENTIAL = "afterword-ca-passphrase"
"""The credential's name: the service reads it at $CREDENTIALS_DIRECTORY/<name> (%d in a unit)."""
# For a system service: the process sees the system read-only but for its data folder.
SANDBOX = (
    "NoNewPrivileges=yes",
    "PrivateTmp=yes",
    "ProtectSystem=strict",
    "ProtectHome=read-only",
    "ProtectKernelTunables=yes",
    "ProtectKernelModules=yes",
    "ProtectControlGroups=yes",
    "RestrictSUIDSGID=yes",
    "LockPersonality=yes",
)


@dataclass(frozen=True)
class ServicePlan:
    what: What
    arguments: tuple[str, ...]
    """After `afterword serve` or `afterword worker`."""
    python: str
    """The interpreter Afterword is installed in (its virtual environment's)."""
    data_dir: Path
    system: bool
    """A system service (at boot, as run_as) rather than the user's own."""
    run_as: str | None
    postgres: bool
    """Start after a local PostgreSQL."""
    ca_passphrase_file: Path | None = None
    """serve: the file AFTERWORD_CA_PASSPHRASE_FILE names, handed over as a systemd credential."""

    @property
    def command(self) -> list[str]:
        return [self.python, "-m", "afterword", self.what, *self.arguments]


def unit_name(what: What) -> str:
    return "afterword.service" if what == "serve" else "afterword-worker.service"


def launchd_label(what: What) -> str:
    return f"org.afterword.{what}"


def service_environment(settings: Settings) -> dict[str, str]:
    """The settings that differ from the defaults, as AFTERWORD_* variables, with the data folder
    always (a service has another home and working folder than the shell it was made in)."""
    values = settings.model_dump(mode="json", exclude_defaults=True)
    values["data_dir"] = str(settings.data_dir.resolve())
    return dict(flatten("AFTERWORD_", values))


def flatten(prefix: str, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in values.items():
        key = f"{prefix}{name.upper()}"
        if isinstance(value, Mapping):
            pairs += flatten(f"{key}__", value)
        elif isinstance(value, list):
            pairs.append((key, ",".join(str(item) for item in value)))
        elif isinstance(value, bool):
            pairs.append((key, "true" if value else "false"))
        elif value is not None:
            pairs.append((key, str(value)))
    return pairs


def environment_file(environment: Mapping[str, str]) -> str:
    """systemd's EnvironmentFile= format: one assignment a line, the value double-quoted."""
    lines = ["# Afterword's settings for its services (made by `afterword service install`)."]
    for name, value in environment.items():
        if "\n" in value or "\r" in value:
            raise ValueError(f"{name} holds a line break, which a service's environment cannot carry")
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{name}="{escaped}"')
    return "\n".join(lines) + "\n"


def systemd_environment(plan: ServicePlan, environment: Mapping[str, str]) -> dict[str, str]:
    """The settings file of a systemd unit: the CA's passphrase file travels as a credential
    instead (a setting from the file would win over the unit's own Environment=)."""
    if plan.ca_passphrase_file is None:
        return dict(environment)
    return {name: value for name, value in environment.items() if name != CA_PASSPHRASE_VARIABLE}


def systemd_unit(plan: ServicePlan, *, environment_path: Path) -> str:
    """The unit file: started at boot, restarted on failure, stopped gracefully."""
    description = "Afterword: the API and phone page" if plan.what == "serve" else "Afterword: a worker"
    after = ["network-online.target"] if plan.system else []
    after += ["postgresql.service"] if plan.postgres else []
    unit = [f"Description={description}", *(f"After={name}" for name in after)]
    if plan.system:
        unit.append("Wants=network-online.target")
    service = [
        "Type=exec",
        f"ExecStart={' '.join(systemd_quote(arg) for arg in plan.command)}",
        # A file name, taken whole (no quoting); % is still a specifier.
        f"EnvironmentFile=-{str(environment_path).replace('%', '%%')}",
        f"Environment={systemd_quote('AFTERWORD_DATA_DIR=' + str(plan.data_dir))}",
        "Restart=on-failure",
        f"RestartSec={RESTART_SECONDS}",
        f"TimeoutStopSec={STOP_SECONDS}",
        "UMask=0077",
    ]
    if plan.ca_passphrase_file is not None:
        # Read by systemd (root, for a system service) as the service starts: the file may be
        # root's alone; the service sees its copy, private to it, for as long as it runs.
        path = str(plan.ca_passphrase_file).replace("%", "%%")
        service += [
            f"LoadCredential={CA_PASSPHRASE_CREDENTIAL}:{path}",
            f"Environment={CA_PASSPHRASE_VARIABLE}=%d/{CA_PASSPHRASE_CREDENTIAL}",
        ]
    if plan.system:
        service += [f"User={plan.run_as}", *SANDBOX, f"ReadWritePaths={systemd_quote(str(plan.data_dir))}"]
    wanted_by = "multi-user.target" if plan.system else "default.target"
    sections = {"Unit": unit, "Service": service, "Install": [f"WantedBy={wanted_by}"]}
    return "\n".join(f"[{name}]\n" + "\n".join(lines) + "\n" for name, lines in sections.items())


def systemd_quote(value: str) -> str:
    """A word as systemd reads it: % doubled (specifiers), quoted when it holds a space or quote."""
    value = value.replace("%", "%%")
    if any(c in value for c in " \"\\'\t"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def launchd_plist(plan: ServicePlan, environment: Mapping[str, str]) -> bytes:
    """The launchd job: at load (login for an agent, boot for a daemon), again after a failure."""
    logs = plan.data_dir / "logs"
    job: dict[str, Any] = {
        "Label": launchd_label(plan.what),
        "ProgramArguments": plan.command,
        "EnvironmentVariables": dict(environment),
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": RESTART_SECONDS,
        "ExitTimeOut": STOP_SECONDS,
        "Umask": 0o077,
        "StandardOutPath": str(logs / f"{plan.what}.log"),
        "StandardErrorPath": str(logs / f"{plan.what}.log"),
    }
    if plan.system and plan.run_as:
        job["UserName"] = plan.run_as
    return plistlib.dumps(job)
