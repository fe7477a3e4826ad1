"""Files only their owner reads, and answers no other site can frame, sniff, cache or reach by a
name of its own: export, a played clip, exported plans and the SQLite file 0600, the data folder 0700 on every backend, the
security headers on every answer, and a Host allow-list for `afterword serve` (DNS rebinding)."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.cli.tls import TlsPlan, allowed_hosts
from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.people import add_person
from afterword.web.app import create_app
from afterword.web.certificates import make_ca, make_server_certificate
from afterword.web.setup_app import create_setup_app
from tests.support.factories import issue_token
from tests.support.processes import serving
from tests.support.samples import SAMPLES
from tests.support.week import cli_env


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_the_sqlite_file_and_an_export_are_0600_whatever_their_folder(
    tmp_path: Path, open_umask: None
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    database = shared / "afterword.sqlite"
    settings = Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    db = open_database(settings)
    add_person(db, name="Sam")
    assert mode(database) == 0o600
    assert all(mode(p) == 0o600 for p in shared.glob("afterword.sqlite-*")), list(shared.iterdir())
    db.close()

    old_backup = shared / "backup.zip"
    old_backup.write_bytes(b"an older backup")
    old_backup.chmod(0o644)
    for target in (shared / "new.zip", old_backup):
        exported = CliRunner().invoke(cli, ["export", str(target)], env=cli_env(settings))
        assert exported.exit_code == 0, exported.output
        assert mode(target) == 0o600, target
    assert mode(shared) == 0o755, "a folder of the person's own is left as it was"


def test_a_played_clip_and_exported_plans_are_0600_new_or_written_over(
    tmp_path: Path, open_umask: None
) -> None:
    """`play --out` writes a memo's audio and `trigger export -o` when each plan is due (its
    titles may carry the headline): as private as the export, even over a file anyone could read."""
    settings = Settings(data_dir=tmp_path / "data")
    env = cli_env(settings)
    runner = CliRunner()
    added = runner.invoke(cli, ["add", "--no-wait", str(SAMPLES / "jfk.m4a")], env=env)
    assert added.exit_code == 0, added.output
    memo_id = runner.invoke(cli, ["list", "--json"], env=env).stdout.split('"id": "')[1][:8]
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    for name in ("clip.wav", "plans.ics"):
        (shared / f"old-{name}").write_bytes(b"anyone may read this")
        (shared / f"old-{name}").chmod(0o644)
    for prefix in ("new-", "old-"):
        commands = [
            ["play", memo_id, "--out", str(shared / f"{prefix}clip.wav")],
            ["trigger", "export", "-o", str(shared / f"{prefix}plans.ics")],
        ]
        for args in commands:
            done = runner.invoke(cli, args, env=env)
            assert done.exit_code == 0, done.output
            assert mode(Path(args[-1])) == 0o600, args
    assert (shared / "old-clip.wav").read_bytes()[:4] == b"RIFF"


def test_the_data_folder_is_0700_on_every_backend(settings: Settings, open_umask: None) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.data_dir.chmod(0o755)
    open_database(settings).close()
    assert mode(settings.data_dir) == 0o700


def private_headers_everywhere(answer: Any, *, private: bool) -> None:
    """`answer`: an httpx response, from the test client or a real request."""
    where = f"{answer.request.method} {answer.request.url.path} ({answer.status_code})"
    assert answer.headers["x-content-type-options"] == "nosniff", where
    assert answer.headers["x-frame-options"] == "DENY", where
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], where
    if private:
        assert "no-store" in answer.headers["cache-control"], where


def test_every_answer_has_the_security_headers(settings: Settings) -> None:
    token = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings.model_copy(update={"api_docs": True}), run_worker=False)) as client:
        with (SAMPLES / "jfk.m4a").open("rb") as file:
            memo = client.post("/api/memos", files={"file": ("x.html", file, "text/html")}, headers=token)
        assert memo.status_code == 202, memo.text
        audio = client.get(f"/api/memos/{memo.json()['id']}/audio", headers=token)
        assert audio.headers["content-type"].startswith("audio/")
        public = [client.get(path) for path in ("/", "/static/app.js", "/manifest.webmanifest", "/docs")]
        private = [
            memo,
            audio,
            client.get("/api/me", headers=token),
            client.get("/api/me"),
            client.get("/api/memos/00000000-0000-0000-0000-000000000000", headers=token),
            client.put("/api/focus", json={"text": "x" * 301}, headers=token),
            client.get("/openapi.json"),
        ]
        docs = client.get("/docs")
    for answer in public:
        private_headers_everywhere(answer, private=False)
    for answer in private:
        private_headers_everywhere(answer, private=True)
    assert docs.status_code == 200 and "default-src 'self'" in docs.headers["content-security-policy"]
    with TestClient(create_setup_app(settings, https_port=8443)) as plain:
        for path in ("/", "/ca.pem", "/static/setup.js"):
            private_headers_everywhere(plain.get(path), private=False)


def test_only_the_names_serve_knows_are_answered(settings: Settings, tmp_path: Path) -> None:
    token = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    hosts = allowed_hosts("0.0.0.0", ["afterword.test"], None)
    app = create_app(settings, run_worker=False, hosts=hosts)
    with TestClient(app) as client:
        for base in (
            "http://afterword.test:8000",
            "http://127.0.0.1:8000",
            "http://localhost",
            "http://[::1]:8000",
        ):
            assert client.get(f"{base}/api/me", headers=token).status_code == 200, base
        for base in ("http://evil.example", "http://afterword.test.evil.example:8000", "http://testserver"):
            refused = client.get(f"{base}/api/me", headers=token)
            assert refused.status_code == 421, base
            assert "does not answer to that name" in refused.json()["detail"]
            private_headers_everywhere(refused, private=True)
            assert "Alice" not in refused.text
    with TestClient(
        create_setup_app(settings, https_port=8443, hosts=hosts), base_url="http://evil.example"
    ) as plain:
        assert plain.get("/ca.pem").status_code == 421

    other_ca = make_ca("Someone else's CA", names=["laptop.tail1234.ts.net"])
    leaf = make_server_certificate(other_ca, ["laptop.tail1234.ts.net", "127.0.0.1"])
    (tmp_path / "cert.pem").write_bytes(leaf.cert_pem())
    foreign = TlsPlan(tmp_path / "cert.pem", tmp_path / "key.pem", own_ca=False)
    assert "laptop.tail1234.ts.net" in allowed_hosts("0.0.0.0", [], foreign)
    assert "evil.example" not in allowed_hosts("0.0.0.0", [], foreign)


def test_serve_refuses_a_name_pointed_at_it_by_another_site(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    with serving(settings, "--no-worker") as (base, _process):
        assert httpx.get(f"{base}/api/me").status_code == 401
        rebound = httpx.get(f"{base}/api/me", headers={"Host": "attacker.example"})
        assert rebound.status_code == 421
        assert httpx.get(f"{base}/", headers={"Host": "attacker.example:8000"}).status_code == 421
