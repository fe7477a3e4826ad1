"""A person's words need not go on the command line, where every user of the machine can read
them (`ps`) while the command runs: reflect takes its answers from a file or stdin, every option
or argument that takes someone's words reads stdin for `-`, and the help says so."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from tests.support.samples import SAMPLES

WORDS_TAKERS = [
    ["reflect"],
    ["moment", "add"],
    ["moment", "answer"],
    ["appreciation", "add"],
    ["repair", "propose"],
    ["repair", "set"],
    ["repair", "used"],
    ["ritual", "set"],
    ["focus"],
    ["headline"],
    ["correct"],
    ["session", "add"],
    ["checkin", "log"],
    ["checkin", "start"],
    ["trigger", "add"],
    ["word", "add"],
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def said(runner: CliRunner, *args: str, input: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def flat(text: str) -> str:
    return re.sub(r"[\s│]+", " ", text)


def test_the_help_says_answer_is_visible_to_other_users_and_offers_a_file(runner: CliRunner) -> None:
    help_text = flat(said(runner, "reflect", "--help"))
    assert "Other users of this machine can read it (ps)" in help_text
    assert "--answers-from" in help_text


@pytest.mark.parametrize("command", WORDS_TAKERS, ids=" ".join)
def test_every_command_that_takes_someones_words_offers_stdin(runner: CliRunner, command: list[str]) -> None:
    help_text = flat(said(runner, *command, "--help"))
    assert "reads it from stdin" in help_text or "reads them from stdin" in help_text


def test_reflect_answers_come_from_a_file_or_from_stdin(runner: CliRunner, tmp_path: Path) -> None:
    said(runner, "add", str(SAMPLES / "jfk.m4a"))
    answers = tmp_path / "answers.txt"
    answers.write_text("It was never the cotton.\nI grieve plans.\nI say it out loud.\n")
    said(runner, "reflect", "--yes", "--answers-from", str(answers))
    (summary,) = json.loads(said(runner, "summaries", "--json"))
    again = "\nI grieve plans more than things.\n"
    said(runner, "reflect", summary["id"][:8], "--answers-from", "-", input=again)
    versions = said(runner, "summary", summary["id"][:8])
    assert "It was never the cotton." in versions and "I grieve plans more than things." in versions
    # An empty line kept the first answer, as Enter does; the third came from the file before.
    assert versions.count("It was never the cotton.") == 2 and "I say it out loud." in versions


def test_a_dash_reads_the_words_from_stdin_once(runner: CliRunner) -> None:
    said(runner, "moment", "add", "--text", "-", "--felt", "small", input="Sunday's plans fell through\n")
    said(runner, "focus", "-", input="noticing the pursue-withdraw loop\n")
    said(runner, "word", "add", "IFS", "-", input="Saoirse\nDr. Okonkwo\n")
    (moment,) = json.loads(said(runner, "moments", "--json"))
    assert moment["text"] == "Sunday's plans fell through" and moment["answers"]["felt"] == "small"
    assert "noticing the pursue-withdraw loop" in said(runner, "focus")
    assert all(word in said(runner, "words") for word in ("IFS", "Saoirse", "Dr. Okonkwo"))
    twice = runner.invoke(app, ["moment", "add", "--text", "-", "--felt", "-"], input="one\n")
    assert twice.exit_code == 2 and "only one option or argument can read from stdin" in flat(twice.output)
