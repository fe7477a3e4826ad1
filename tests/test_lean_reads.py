"""The reading commands answer at once on the embedded default: they read the SQLite file with
the standard library (no SQLAlchemy, Alembic or pydantic-settings), and print exactly what the
SQLAlchemy path prints from the same views. A first command on a new folder makes the database
there as the full path would."""

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.settings import Settings
from afterword.store.db import current_revision, open_database
from afterword.store.migrations import HEAD_REVISION
from afterword.store.opening import create_sqlite_database
from afterword.store.views.people import acting_person_id
from tests.support.entry import afterword, imported

FULL_PATH_ONLY = {"sqlalchemy", "alembic", "pydantic_settings"}


def reading_commands(data_dir: Path) -> list[list[str]]:
    memo_id = json.loads(CliRunner().invoke(app, ["list", "--json"]).stdout)[0]["id"][:8]
    summary_id = json.loads(CliRunner().invoke(app, ["summaries", "--json"]).stdout)[0]["id"][:6]
    plain = [["list"], ["show", memo_id], ["search", "countr"], ["insights"], ["summaries"], ["triggers"]]
    return [
        *plain,
        *([*args, "--json"] for args in plain),
        ["summary", summary_id, "--json"],
        ["search", "giraffe"],
        ["show", "ffff"],
    ]


def test_reading_commands_skip_sqlalchemy_and_print_what_the_full_path_prints(
    week_with_a_summary: Path, tmp_path: Path
) -> None:
    # An empty .env sets nothing, but only Settings reads it: there the command takes the full path.
    full = tmp_path / "full"
    full.mkdir()
    (full / ".env").write_text("")
    for args in reading_commands(week_with_a_summary):
        lean = afterword(*args, data_dir=week_with_a_summary, importtime=True)
        loaded = imported(lean.stderr)
        assert not loaded & FULL_PATH_ONLY, (args, loaded & FULL_PATH_ONLY)
        through_sqlalchemy = afterword(*args, data_dir=week_with_a_summary, cwd=full, importtime=True)
        assert "sqlalchemy" in imported(through_sqlalchemy.stderr)
        assert (lean.returncode, lean.stdout) == (through_sqlalchemy.returncode, through_sqlalchemy.stdout), (
            args
        )
    found = afterword("search", "countr", "--json", data_dir=week_with_a_summary)
    assert "Americans" in json.loads(found.stdout)[0]["headline"]
    missing = afterword("show", "ffff", data_dir=week_with_a_summary)
    assert missing.returncode == 1 and "no memo with id ffff" in missing.stderr


def test_a_reading_command_reads_only_the_persons_own(week_with_a_summary: Path) -> None:
    assert CliRunner().invoke(app, ["person", "add", "Robin"]).exit_code == 0
    for args in (["list", "--json"], ["insights", "--json"], ["summaries", "--json"], ["triggers", "--json"]):
        robin = afterword("--as", "Robin", *args, data_dir=week_with_a_summary)
        assert robin.returncode == 0 and json.loads(robin.stdout) == [], (args, robin.stdout)
    other = afterword("--as", "Robin", "search", "countr", data_dir=week_with_a_summary)
    assert other.returncode == 0 and "No memo matches." in other.stderr


def test_the_first_command_makes_a_private_database_and_the_local_person(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    first = afterword("list", data_dir=data_dir, importtime=True)
    assert first.returncode == 0 and "No memos yet." in first.stderr, first.stderr[-2000:]
    assert not imported(first.stderr) & FULL_PATH_ONLY
    database = data_dir / "afterword.db"
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        people = connection.execute("SELECT name, reminders FROM people").fetchall()
    assert people == [("me", "discreet")]
    # The full path finds the schema at its newest revision and the same person.
    db = open_database(Settings(data_dir=data_dir))
    assert current_revision(db.engine) == HEAD_REVISION
    made = acting_person_id(db, name="me")
    db.close()
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT id FROM people").fetchall() == [(made.hex,)]


@pytest.mark.parametrize("person", ["Robin", "ME"])
def test_a_first_command_as_someone_else_takes_the_full_path(tmp_path: Path, person: str) -> None:
    data_dir = tmp_path / "data"
    result = afterword("--as", person, "list", data_dir=data_dir)
    if person == "ME":  # the local person, in any case: the full path makes "me"
        assert result.returncode == 0 and "No memos yet." in result.stderr
    else:
        assert result.returncode == 1 and "there is no person named Robin" in result.stderr
    with sqlite3.connect(data_dir / "afterword.db") as connection:
        names = [name for (name,) in connection.execute("SELECT name FROM people")]
    assert names == (["me"] if person == "ME" else [])


def test_a_database_made_first_by_another_process_stays(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert afterword("list", data_dir=data_dir).returncode == 0  # made it, with "me"
    create_sqlite_database(data_dir / "afterword.db")  # a second first command, a moment later
    with sqlite3.connect(data_dir / "afterword.db") as connection:
        assert connection.execute("SELECT name FROM people").fetchall() == [("me",)]
    assert sorted(p.name for p in data_dir.iterdir() if not p.name.startswith("afterword.db")) == []
