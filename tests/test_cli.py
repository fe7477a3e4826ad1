"""The memo commands as a person uses them."""

import json

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.tokens import signed_in_person
from tests.support.factories import stored_audio_files
from tests.support.samples import SAMPLES


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_add_prints_headline_and_text(runner: CliRunner) -> None:
    result = invoke(runner, "add", str(SAMPLES / "jfk.m4a"))
    assert result.exit_code == 0, result.output
    assert "ask not what your country can do for you" in result.stdout
    assert "Memo " in result.stdout


def test_add_twice_says_already_stored(runner: CliRunner) -> None:
    invoke(runner, "add", str(SAMPLES / "ami-abbie.wav"))
    result = invoke(runner, "add", str(SAMPLES / "ami-abbie.wav"))
    assert result.exit_code == 0
    assert "already stored" in result.stdout
    assert len(json.loads(invoke(runner, "list", "--json").stdout)) == 1


def test_add_no_wait_queues_and_worker_once_drains(runner: CliRunner) -> None:
    result = invoke(runner, "add", "--no-wait", str(SAMPLES / "ami-abbie.wav"))
    assert "Queued memo" in result.stdout
    assert json.loads(invoke(runner, "list", "--json").stdout)[0]["status"] == "queued"
    assert "Processed 1 memo(s)." in invoke(runner, "worker", "--once").stdout
    assert json.loads(invoke(runner, "list", "--json").stdout)[0]["status"] == "done"


def test_bad_file_gives_one_clear_line_and_exit_1(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    letter = tmp_path / "letter.m4a"
    letter.write_text("not audio at all")
    result = invoke(runner, "add", str(letter))
    assert result.exit_code == 1
    assert "does not look like an audio file" in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_is_a_user_error(runner: CliRunner) -> None:
    result = invoke(runner, "add", "no-such-memo.m4a")
    assert result.exit_code == 1
    assert "There is no file at no-such-memo.m4a" in result.stderr


def test_show_accepts_a_short_prefix_and_prints_segments(runner: CliRunner) -> None:
    invoke(runner, "add", str(SAMPLES / "jfk.m4a"))
    memo_id = json.loads(invoke(runner, "list", "--json").stdout)[0]["id"]
    result = invoke(runner, "show", memo_id[:6])
    assert result.exit_code == 0, result.output
    assert "[00:00." in result.stdout and "tiny.en (bundled)" in result.stdout
    shown = json.loads(invoke(runner, "show", memo_id[:6], "--json").stdout)
    assert shown["id"] == memo_id
    assert shown["transcript"]["segments"][0]["words"]


def test_unknown_id_is_a_user_error(runner: CliRunner) -> None:
    result = invoke(runner, "show", "abcdef")
    assert result.exit_code == 1
    assert "no memo with id abcdef" in result.stderr


def test_search_finds_the_memo(runner: CliRunner) -> None:
    invoke(runner, "add", str(SAMPLES / "jfk.m4a"), str(SAMPLES / "ami-abbie.wav"))
    found = json.loads(invoke(runner, "search", "country", "--json").stdout)
    assert len(found) == 1 and "country" in found[0]["headline"]
    assert "No memo matches." in invoke(runner, "search", "giraffe").stderr


def test_delete_asks_first_and_leaves_no_file(runner: CliRunner) -> None:
    invoke(runner, "add", str(SAMPLES / "ami-abbie.wav"))
    memo_id = json.loads(invoke(runner, "list", "--json").stdout)[0]["id"]
    refused = invoke(runner, "delete", memo_id[:8], input="n\n")
    assert refused.exit_code == 1
    assert len(json.loads(invoke(runner, "list", "--json").stdout)) == 1
    assert invoke(runner, "delete", memo_id[:8], "--yes").exit_code == 0
    assert json.loads(invoke(runner, "list", "--json").stdout) == []
    assert stored_audio_files(open_database(Settings())) == []
    assert invoke(runner, "search", "Abigail", "--json").stdout.strip() == "[]"


def test_unloadable_model_keeps_memos_queued(runner: CliRunner, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    empty_model = tmp_path / "empty-model"
    empty_model.mkdir()
    monkeypatch.setenv("AFTERWORD_WHISPER__MODEL", str(empty_model))
    result = invoke(runner, "add", str(SAMPLES / "ami-abbie.wav"))
    assert result.exit_code == 1
    assert "the speech model could not be loaded (RuntimeError" in result.stderr
    assert json.loads(invoke(runner, "list", "--json").stdout)[0]["status"] == "queued"


def test_retry_requeues_a_failed_job(runner: CliRunner, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    empty_model = tmp_path / "empty-model"
    empty_model.mkdir()
    monkeypatch.setenv("AFTERWORD_WHISPER__MODEL", str(empty_model))
    monkeypatch.setenv("AFTERWORD_JOB_MAX_ATTEMPTS", "1")
    invoke(runner, "add", "--no-wait", str(SAMPLES / "ami-abbie.wav"))
    invoke(runner, "worker", "--once")
    memo = json.loads(invoke(runner, "list", "--json").stdout)[0]
    assert memo["status"] == "failed"
    memo_id = memo["id"]
    assert "Last error: RuntimeError" in invoke(runner, "show", memo_id[:8]).stdout
    assert invoke(runner, "retry", memo_id[:8]).exit_code == 0
    assert "this one is queued" in invoke(runner, "retry", memo_id[:8]).stderr
    monkeypatch.delenv("AFTERWORD_WHISPER__MODEL")
    assert "Processed 1 memo(s)." in invoke(runner, "worker", "--once").stdout
    assert json.loads(invoke(runner, "list", "--json").stdout)[0]["status"] == "done"


@pytest.mark.parametrize("prefix", ["", " ", "-", "zz", "aw_"])
def test_token_revoke_refuses_an_empty_or_meaningless_prefix(runner: CliRunner, prefix: str) -> None:
    invoke(runner, "person", "add", "Sam")
    token = invoke(runner, "token", "add", "Sam").stdout.strip()
    result = invoke(runner, "token", "revoke", prefix)
    assert result.exit_code == 1 and "no single token" in result.stderr
    db = open_database(Settings())
    assert signed_in_person(db, token=token) is not None  # still live
    db.close()
