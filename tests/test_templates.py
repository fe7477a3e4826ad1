"""Prompt templates are data files: the shipped ones load and read well; a broken one is refused
with its file and line; a person's own file adds or replaces a template."""

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.reflect.templates import (
    BUILT_IN_DIR,
    TemplateError,
    get_template,
    list_templates,
    load_template,
)
from afterword.settings import Settings
from afterword.web.app import create_app
from tests.support.factories import issue_token

SHIPPED = {"own-words": 3, "couples-pattern": 5, "bad-week": 3, "pre-session": 3}
# Words that judge the week instead of describing it; none may appear in what we ask.
JUDGING = ("homework", "should have", "failed", "failure", "didn't do", "did not do", "assignment")


def test_shipped_templates_load_with_their_questions(tmp_path: Path) -> None:
    loaded = {t.name: t for t in list_templates(tmp_path)}
    assert {name: len(loaded[name].questions) for name in SHIPPED} == SHIPPED
    assert [q.ask for q in loaded["own-words"].questions] == [
        "What was the thing?",
        "Why does it matter for how I actually live?",
        "What does the changed version of me do this week that I would not have done last week?",
    ]
    assert loaded["couples-pattern"].questions[0].ask == "The moment I noticed our pattern was ___."
    assert [q.ask for q in loaded["pre-session"].questions] == [
        "What got better?",
        "What got worse?",
        "What needs attention next session?",
    ]
    assert (loaded["own-words"].use, loaded["pre-session"].use, loaded["bad-week"].use) == (
        "insight",
        "week",
        "week",
    )


def test_shipped_wording_is_neutral() -> None:
    for path in BUILT_IN_DIR.glob("*.toml"):
        text = path.read_text().lower()
        assert not [word for word in JUDGING if word in text], path.name


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ('title = "Mine"\nuse = "insight"\n[[questions]]\nask = "What?\n', 4, "Illegal character"),
        (
            'title = "Mine"\nuse = "insight"\ncolour = "blue"\n[[questions]]\nask = "What?"\n',
            3,
            "unknown key 'colour'",
        ),
        (
            'title = "Mine"\nuse = "insight"\n[[questions]]\nask = "What?"\n\n[[questions]]\nhint = "no ask"\n',
            6,
            "this question needs ask",
        ),
        (
            'title = "Mine"\nuse = "insight"\n[[questions]]\nask = "What?"\nhnit = "typo"\n',
            5,
            "unknown key 'hnit'",
        ),
        (
            'title = "Mine"\nuse = "monthly"\n[[questions]]\nask = "What?"\n',
            2,
            'use must be "insight" or "week"',
        ),
        ('use = "insight"\n[[questions]]\nask = "What?"\n', 1, "missing title"),
        ('title = "Mine"\nuse = "insight"\n', 1, "at least one [[questions]]"),
    ],
)
def test_broken_template_names_the_file_and_line(
    tmp_path: Path, content: str, line: int, reason: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content)
    with pytest.raises(TemplateError) as error:
        load_template(path)
    assert str(error.value).startswith(f"{path}, line {line}: ")
    assert reason in str(error.value)


def test_own_template_is_added_and_may_replace_a_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "own-words.toml").write_text(
        'title = "Short"\nuse = "insight"\n[[questions]]\nask = "What stays?"\n'
    )
    (tmp_path / "grief.toml").write_text('title = "Grief"\nuse = "insight"\n[[questions]]\nask = "Who?"\n')
    assert [q.ask for q in get_template("own-words", personal_dir=tmp_path).questions] == ["What stays?"]
    assert get_template("grief", personal_dir=tmp_path).personal
    (tmp_path / "pre-session.toml").write_text('title = "X"\nuse = "insight"\n[[questions]]\nask = "Y?"\n')
    with pytest.raises(TemplateError, match='line 2: the pre-session template is used with use = "week"'):
        get_template("pre-session", personal_dir=tmp_path)


def test_templates_command_lists_them_and_reports_a_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my-templates"
    folder.mkdir()
    monkeypatch.setenv("AFTERWORD_TEMPLATES_DIR", str(folder))
    (folder / "grief.toml").write_text('title = "Grief"\nuse = "insight"\n[[questions]]\nask = "Who?"\n')
    runner = CliRunner()
    listed = runner.invoke(app, ["templates"])
    assert listed.exit_code == 0, listed.output
    assert "couples-pattern" in listed.stdout and "grief" in listed.stdout and "yours" in listed.stdout
    (folder / "broken.toml").write_text('title = "Broken"\nuse = "insight"\n[[questions]\n')
    broken = runner.invoke(app, ["templates"])
    assert broken.exit_code == 1
    assert f"{folder / 'broken.toml'}, line 3:" in " ".join(broken.stderr.split())
    used = runner.invoke(app, ["reflect", "--template", "broken", "--yes"])
    assert used.exit_code == 1 and "broken.toml, line 3:" in used.stderr


BROKEN_FILES: dict[str, str | bytes] = {
    "own-words": 'title = "Mine"\nuse = "insight"\n[[questions]\n',
    "pre-session": 'title = "X"\nuse = "insight"\n[[questions]]\nask = "Y?"\n',
    "bad-week": b"\xff\xfe not text",
    "grief": 'title = "Grief"\nuse = "insight"\n',
}


def test_a_broken_file_gives_way_to_the_shipped_template_on_the_web_and_shows_no_path(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    folder = settings.resolved_templates_dir
    folder.mkdir(parents=True)
    for name, content in BROKEN_FILES.items():
        path = folder / f"{name}.toml"
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    (folder / "folder.toml").mkdir()
    alice = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client, caplog.at_level(logging.WARNING):
        listed = client.get("/api/templates", headers=alice)
        reflected = client.post(
            "/api/reflections", json={"template": "pre-session", "answers": ["A calm week."]}, headers=alice
        )
        hard = client.post(
            "/api/reflections", json={"template": "bad-week", "answers": ["Hard."]}, headers=alice
        )
        prep = client.get("/api/prep", headers=alice)
        own = client.get("/api/prep?format=md", headers=alice)
        grief = client.post("/api/reflections", json={"template": "grief", "answers": ["x"]}, headers=alice)
    assert listed.status_code == 200
    items = {t["name"]: t for t in listed.json()["items"]}
    assert {"own-words", "pre-session", "bad-week"} <= set(items)
    assert [len(items[name]["questions"]) for name in ("own-words", "pre-session")] == [3, 3]
    assert reflected.status_code == 201 and hard.status_code == 201, (reflected.text, hard.text)
    assert prep.status_code == 200 and own.status_code == 200
    assert grief.status_code == 422
    everything = listed.text + grief.text + prep.text + caplog.text
    assert str(settings.data_dir) not in everything and ".toml" not in everything
    assert "grief" in " ".join(listed.json()["errors"]) and "grief" in grief.json()["detail"]
    assert "the template own-words has a broken file" in caplog.text


def test_the_owner_still_hears_where_and_why_on_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    monkeypatch.setenv("AFTERWORD_TEMPLATES_DIR", str(folder))
    (folder / "own-words.toml").write_text('title = "Mine"\nuse = "insight"\n[[questions]\n')
    (folder / "bad-week.toml").write_bytes(b"\xff\xfe not text")
    listed = CliRunner().invoke(app, ["templates"])
    said = " ".join(listed.stderr.split())
    assert listed.exit_code == 1
    assert (
        f"{folder / 'own-words.toml'}, line 3:" in said
        and f"{folder / 'bad-week.toml'}, line 1: not UTF-8" in said
    )
    with pytest.raises(TemplateError, match="own-words.toml, line 3"):
        get_template("own-words", personal_dir=folder)
