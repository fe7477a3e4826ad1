import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

os.environ["HF_HUB_OFFLINE"] = "1"
pytest_plugins = ["tests.support.ffmpeg"]  # the system_ffmpeg fixture

from afterword.cli.main import app  # noqa: E402
from afterword.settings import Settings  # noqa: E402
from afterword.store.db import Database, open_database  # noqa: E402
from afterword.store.people import get_or_create_person  # noqa: E402
from afterword.web.app import create_app  # noqa: E402
from tests.support.factories import issue_token  # noqa: E402
from tests.support.postgres import fresh_database, url_of  # noqa: E402
from tests.support.samples import SAMPLES  # noqa: E402
from tests.support.week import cli_env  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real data directory."""
    for name in list(os.environ):
        if name.startswith("AFTERWORD_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AFTERWORD_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A database migrated once; each test copies it (CREATE DATABASE ... TEMPLATE)."""
    from afterword.store.db import open_database

    with fresh_database() as name:
        open_database(Settings(database_url=url_of(name))).close()
        yield name


@pytest.fixture
def postgres_url(postgres_template: str) -> Iterator[str]:
    with fresh_database(postgres_template) as name:
        yield url_of(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Each test that takes these settings runs on SQLite and on the local PostgreSQL."""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        return Settings(data_dir=tmp_path / "data", database_url=url, blob_backend="database")
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    opened = open_database(settings)
    yield opened
    opened.close()


@pytest.fixture
def person_id(db: Database) -> uuid.UUID:
    with db.write() as session:
        return get_or_create_person(session, name="me").id


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The real app, with its in-process worker and the real model."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def alice(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}


@pytest.fixture
def bob(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(settings, 'Bob')}"}


@pytest.fixture(scope="session")
def whisper_engine():  # type: ignore[no-untyped-def]
    """The real bundled model, loaded once for the whole run."""
    from afterword.settings import WhisperSettings
    from afterword.transcribe.engine import WhisperEngine

    engine = WhisperEngine(WhisperSettings())
    engine.load()
    return engine


@pytest.fixture
def run(settings: Settings):  # type: ignore[no-untyped-def]
    """The CLI on this test's database: run("person", "add", "Sam"), ok=False when it must fail."""
    runner, env = CliRunner(), cli_env(settings)

    def invoke(*args: str, input: str | None = None, ok: bool = True):  # type: ignore[no-untyped-def]
        result = runner.invoke(app, list(args), input=input, env=env)
        assert (result.exit_code == 0) == ok, (args, result.output)
        return result

    return invoke


@pytest.fixture
def week_with_a_summary(tmp_path: Path) -> Path:
    """A data folder with a transcribed memo, its summary and a plan, made through the CLI."""
    runner = CliRunner()
    for args in (
        ["add", str(SAMPLES / "jfk.m4a")],
        ["reflect", "--yes", "--answer", "Ask what I can give, not what I get."],
        ["focus", "giving first"],
    ):
        assert runner.invoke(app, args).exit_code == 0
    summary_id = json.loads(runner.invoke(app, ["summaries", "--json"]).stdout)[0]["id"]
    assert runner.invoke(app, ["trigger", "add", summary_id, "--person", "when Dad calls"]).exit_code == 0
    return tmp_path / "data"
