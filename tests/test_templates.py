"""Prompt templates are data files: the shipped ones load and read well; a broken one is refused
with its file and line; a person's own file adds or replaces a template."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.reflect.templates import (
    BUILT_IN_DIR,
    TemplateError,
    get_template,
    list_templates,
    load_template,
)

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
