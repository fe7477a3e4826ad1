"""`afterword review` starts at once: the lean path imports neither the speech stack nor
SQLAlchemy, pydantic, Typer or rich, and writes what the full path reads."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from afterword.cli.launch import parse_review
from afterword.cli.main import app
from afterword.cli.review_terminal import ReviewRequest, Terminal, review
from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.enums import LOCAL_PERSON_NAME, RecallAnswer, ReviewAnswer
from afterword.store.models import Recall, Review
from afterword.store.opening import open_sqlite_rows, sqlite_file_from_environment
from afterword.store.reading import Reader
from afterword.store.views.people import find_person
from tests.support.entry import HEAVY, SPEECH_STACK, afterword, imported


def test_review_prints_without_importing_the_speech_stack_or_sqlalchemy(week_with_a_summary: Path) -> None:
    result = afterword("review", "dad", "--answer", "helped", data_dir=week_with_a_summary, importtime=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Ask what I can give, not what I get." in result.stdout
    assert "This week's focus: giving first" in result.stdout and "Your plan: when Dad calls" in result.stdout
    loaded = imported(result.stderr)
    assert "afterword.reflect" in loaded and not loaded & SPEECH_STACK and not loaded & HEAVY, loaded & (
        SPEECH_STACK | HEAVY
    )

    db = open_database(Settings(data_dir=week_with_a_summary))
    with db.read() as session:
        reviews = session.scalars(select(Review)).all()
    db.close()
    assert [r.answer for r in reviews] == [ReviewAnswer.HELPED] and reviews[0].trigger_id is not None
    assert reviews[0].reviewed_at.tzinfo is not None


def test_one_key_answer_from_stdin_on_the_lean_path(week_with_a_summary: Path) -> None:
    result = afterword("review", "contry", data_dir=week_with_a_summary, stdin="n\n")
    assert result.returncode == 0 and "Noted: did not help." in result.stderr
    note = CliRunner().invoke(app, ["prep", "--format", "json"]).stdout
    assert json.loads(note)["summaries"][0]["answers"] == {"not_helped": 1}


def test_review_takes_the_full_path_when_a_dotenv_file_may_change_the_settings(
    week_with_a_summary: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    # Another database than the data folder's: the lean path does not read .env, the full one does.
    (folder / ".env").write_text(f"AFTERWORD_DATABASE_URL=sqlite:///{tmp_path / 'other.db'}\n")
    result = afterword("review", "dad", data_dir=week_with_a_summary, cwd=folder)
    assert result.returncode == 1 and "No summaries yet" in result.stderr, result.stderr
    assert "Ask what I can give" not in result.stdout


def test_review_falls_back_to_the_full_path_when_the_lean_one_cannot_serve(tmp_path: Path) -> None:
    fresh = afterword("review", "anything", data_dir=tmp_path / "new")
    assert fresh.returncode == 1 and "No summaries yet" in fresh.stderr  # the full path made the database
    help_text = afterword("review", "--help", data_dir=tmp_path / "new")
    assert help_text.returncode == 0 and "--answer" in help_text.stdout


def test_the_typer_app_does_not_import_the_speech_stack() -> None:
    code = "import sys, afterword.cli.main; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not loaded & SPEECH_STACK


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"AFTERWORD_DATA_DIR": "/tmp/elsewhere"},
        {"afterword_data_dir": "/tmp/lower-case"},
        {"AFTERWORD_DATABASE_URL": "sqlite:////tmp/direct.db"},
        {"AFTERWORD_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1/test"},
    ],
)
def test_lean_path_finds_the_database_settings_would_open(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.upper().startswith("AFTERWORD_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    url = Settings().resolved_database_url
    expected = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite") else None
    assert sqlite_file_from_environment() == expected


def test_lean_arguments_match_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_review(["review"]) == (LOCAL_PERSON_NAME, ReviewRequest(""))  # the one default
    assert parse_review(["--as", "Sam", "review", "boss", "email", "--answer=not-helped"]) == (
        "Sam",
        ReviewRequest("boss email", ReviewAnswer.NOT_HELPED, False),
    )
    assert parse_review(["review", "x", "--recall", "--charge=7"]) == (
        "me",
        ReviewRequest("x", None, False, recall=True, charge=7),
    )
    assert parse_review(["review", "--json", "--", "-x"]) == ("me", ReviewRequest("-x", None, True))
    monkeypatch.setenv("AFTERWORD_PERSON", "Alex")
    assert parse_review(["review"]) == ("Alex", ReviewRequest(""))
    for other in (
        ["list"],
        ["review", "--help"],
        ["review", "--answer", "maybe"],
        ["--as"],
        ["review", "-v"],
        ["review", "--charge", "11"],
        ["review", "--charge=lots"],
    ):
        assert parse_review(other) is None


def test_the_lean_path_shows_the_repair_phrase_first_and_logs_recall_and_charge(
    week_with_a_summary: Path,
) -> None:
    assert CliRunner().invoke(app, ["repair", "set", "Pause. Breathe. Ask."]).exit_code == 0
    result = afterword(
        "review",
        "dad",
        "--recall",
        "--charge",
        "4",
        data_dir=week_with_a_summary,
        importtime=True,
        stdin="\np\nh\n",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "Your repair phrase: “Pause. Breathe. Ask.”" and "Ask what I can give" in result.stdout
    assert "Try to recall it first" in result.stderr and "Noted: partly." in result.stderr
    assert not imported(result.stderr) & HEAVY

    db = open_database(Settings(data_dir=week_with_a_summary))
    with db.read() as session:
        recall = session.scalars(select(Recall)).one()
        review = session.scalars(select(Review)).one()
    db.close()
    assert (recall.answer, recall.day, review.charge, review.answer) == (
        RecallAnswer.PARTLY,
        None,
        4,
        ReviewAnswer.HELPED,
    )


class TypedAtATerminal(io.StringIO):
    """Keys as a person types them at a terminal (a stream without a descriptor)."""

    def isatty(self) -> bool:
        return True


def test_in_a_terminal_review_offers_to_recall_first(week_with_a_summary: Path) -> None:
    rows = open_sqlite_rows(week_with_a_summary / "afterword.db")
    assert rows is not None
    person = find_person(rows, name=LOCAL_PERSON_NAME)
    assert person is not None
    out, err = io.StringIO(), io.StringIO()
    keys = TypedAtATerminal("r\n\nn\ns\n6\n")  # recall first, Enter to read, not yet, skip, charge 6
    assert review(Reader(rows, person.id), ReviewRequest("dad"), Terminal(keys, out, err)) == 0
    rows.close()
    assert "r: try to recall it first" in err.getvalue() and "Noted: not yet." in err.getvalue()
    assert out.getvalue().index("“And so, my fellow") < out.getvalue().index("Ask what I can give")
    db = open_database(Settings(data_dir=week_with_a_summary))
    with db.read() as session:
        assert session.scalars(select(Recall.answer)).all() == [RecallAnswer.NOT_YET]
        assert session.scalars(select(Review.charge)).all() == [6]
    db.close()
