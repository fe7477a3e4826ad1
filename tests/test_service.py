"""`afterword service print|install`: a systemd unit (user and system) that systemd itself
accepts, a launchd job, and the settings in effect carried over in a file only its owner reads."""

import getpass
import os
import plistlib
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from afterword.cli.main import app

SETTINGS = {
    "AFTERWORD_PUBLIC_URL": "https://afterword.example.org",
    "AFTERWORD_TRUSTED_PROXIES": "127.0.0.1,::1",
    "AFTERWORD_WHISPER__BEAM_SIZE": "3",
    "AFTERWORD_DATABASE_URL": "postgresql+psycopg://afterword:s3cret@db.example/afterword",
}


def service(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    folder = tmp_path / "data with a space"
    base = {"AFTERWORD_DATA_DIR": str(folder), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = CliRunner().invoke(app, ["service", *args], env={**base, **(env or {})})
    assert result.exit_code == 0, result.output
    return result


def verify(unit: Path, *, user: bool, tmp_path: Path) -> None:
    """systemd-analyze verify: rc 0 is not enough, it only warns about what it ignores."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is missing (apt-get install systemd; .ci/run installs it)")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    command = [analyze, *(["--user"] if user else []), "verify", str(unit)]
    checked = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        timeout=60,
    )
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, ""), unit.read_text()


def test_the_user_unit_is_installed_with_its_settings_private_and_verifies(tmp_path: Path) -> None:
    installed = service(tmp_path, "install", "--systemd", env=SETTINGS)
    unit = tmp_path / "config" / "systemd" / "user" / "afterword.service"
    settings = tmp_path / "config" / "afterword" / "afterword.env"
    assert "systemctl --user enable --now afterword.service" in installed.stderr
    text = unit.read_text()
    data_dir = (tmp_path / "data with a space").resolve()
    assert f"ExecStart={sys.executable} -m afterword serve --host 127.0.0.1 --port 8000\n" in text
    assert "Restart=on-failure" in text and "WantedBy=default.target" in text
    assert f'Environment="AFTERWORD_DATA_DIR={data_dir}"' in text
    assert "s3cret" not in text  # the unit may be read by anyone; the settings file may not
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    lines = settings.read_text().splitlines()
    for name, value in SETTINGS.items():
        assert f'{name}="{value}"' in lines
    assert f'AFTERWORD_DATA_DIR="{data_dir}"' in lines
    verify(unit, user=True, tmp_path=tmp_path)


def test_system_units_for_serve_and_a_worker_verify(tmp_path: Path) -> None:
    user = getpass.getuser()
    serve = service(tmp_path, "print", "--systemd", "--system", "--run-as", user, "--no-worker", env=SETTINGS)
    worker = service(
        tmp_path, "print", "worker", "--systemd", "--system", "--run-as", user, "--concurrency", "2"
    )
    for name, result in (("afterword.service", serve), ("afterword-worker.service", worker)):
        unit = tmp_path / "units" / name
        unit.parent.mkdir(exist_ok=True)
        unit.write_text(result.stdout)
        assert f"User={user}" in result.stdout and "ProtectSystem=strict" in result.stdout
        assert "EnvironmentFile=-/etc/afterword/afterword.env" in result.stdout
        verify(unit, user=False, tmp_path=tmp_path)
    assert "serve --host 127.0.0.1 --port 8000 --no-worker\n" in serve.stdout
    assert "After=postgresql.service" in serve.stdout
    assert "worker --concurrency 2\n" in worker.stdout


def test_the_launchd_job_starts_at_load_and_again_after_a_failure(tmp_path: Path) -> None:
    printed = service(tmp_path, "print", "--launchd", env=SETTINGS)
    job = plistlib.loads(printed.stdout.encode())
    assert job["Label"] == "org.afterword.serve"
    assert job["ProgramArguments"] == [
        sys.executable,
        "-m",
        "afterword",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
    ]
    assert job["RunAtLoad"] is True and job["KeepAlive"] == {"SuccessfulExit": False}
    assert job["EnvironmentVariables"]["AFTERWORD_PUBLIC_URL"] == SETTINGS["AFTERWORD_PUBLIC_URL"]
    assert job["EnvironmentVariables"]["AFTERWORD_DATA_DIR"] == str(
        (tmp_path / "data with a space").resolve()
    )


def test_a_service_runs_serve_or_worker_and_nothing_else(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["service", "print", "review"], env={"AFTERWORD_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: a service runs `serve` or `worker`, not 'review'"


def test_the_cas_passphrase_file_reaches_serve_as_a_systemd_credential(tmp_path: Path) -> None:
    """A service has no terminal to ask for the CA's passphrase on (`serve --https`): systemd reads
    the file AFTERWORD_CA_PASSPHRASE_FILE names and hands serve its own copy (LoadCredential=), so
    the file may stay readable by root alone; the settings file does not carry it (it would win)."""
    passphrase = tmp_path / "secrets" / "ca passphrase"
    passphrase.parent.mkdir()
    passphrase.write_text("a passphrase of some length\n")
    env = {**SETTINGS, "AFTERWORD_CA_PASSPHRASE_FILE": str(passphrase)}
    service(tmp_path, "install", "--systemd", env=env)
    unit = tmp_path / "config" / "systemd" / "user" / "afterword.service"
    text = unit.read_text()
    assert f"LoadCredential=afterword-ca-passphrase:{passphrase.resolve()}\n" in text
    assert "Environment=AFTERWORD_CA_PASSPHRASE_FILE=%d/afterword-ca-passphrase\n" in text
    settings = (tmp_path / "config" / "afterword" / "afterword.env").read_text()
    assert "AFTERWORD_CA_PASSPHRASE_FILE" not in settings
    verify(unit, user=True, tmp_path=tmp_path)

    user = getpass.getuser()
    system = service(tmp_path, "print", "--systemd", "--system", "--run-as", user, env=env).stdout
    assert f"LoadCredential=afterword-ca-passphrase:{passphrase.resolve()}\n" in system
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "afterword.service").write_text(system)
    verify(tmp_path / "units" / "afterword.service", user=False, tmp_path=tmp_path)
    worker = service(tmp_path, "print", "worker", "--systemd", env=env).stdout
    assert "LoadCredential" not in worker  # a worker signs nothing
    job = plistlib.loads(service(tmp_path, "print", "--launchd", env=env).stdout.encode())
    assert job["EnvironmentVariables"]["AFTERWORD_CA_PASSPHRASE_FILE"] == str(passphrase)
