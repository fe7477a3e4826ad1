"""Prompt templates are data: TOML files, shipped in reflect/templates/ and added by the person in
their own templates folder (a file with a shipped name replaces the shipped one).

A template file holds `title`, `use` ("insight": a summary of one insight; "week": answers
about the week), an optional `intro`, and one `[[questions]]` table per question with `ask` and an
optional `hint`. A `___` in a question is where the answer goes in the paragraph. A broken file
is refused with its path and line to the server's owner (the CLI). The web asks for templates with
`for_everyone=True`: a broken file of the owner's then gives way to the shipped template of that name,
and nobody else sees the file's path or what is wrong with it."""

import logging
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn

from afterword.errors import AfterwordError, Invalid

logger = logging.getLogger(__name__)

BUILT_IN_DIR = Path(__file__).resolve().parent / "templates"
SUFFIX = ".toml"
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
TemplateUse = Literal["insight", "week"]
USES: tuple[TemplateUse, ...] = ("insight", "week")
TOP_KEYS = {"title", "use", "intro", "questions"}
QUESTION_KEYS = {"ask", "hint"}
OWN_WORDS = "own-words"
PRE_SESSION = "pre-session"
BAD_WEEK = "bad-week"
REQUIRED_USE = {OWN_WORDS: "insight", PRE_SESSION: "week", BAD_WEEK: "week"}


class TemplateError(AfterwordError):
    """A template that cannot be used; the message names the file and the line."""

    @property
    def sentence(self) -> str:
        return f"A template file is broken: {super().sentence}"


class UnknownTemplate(Invalid):
    pass


def broken_for_everyone(name: str) -> UnknownTemplate:
    """What a person who did not write the broken file is told: no path, no reason."""
    return UnknownTemplate(
        f"the template {name} cannot be used now; the server's owner can see why in the list of templates"
    )


@dataclass(frozen=True)
class Question:
    ask: str
    hint: str | None


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    use: TemplateUse
    intro: str | None
    questions: tuple[Question, ...]
    path: Path
    personal: bool


@dataclass(frozen=True)
class TemplateView:
    """A template as anyone may see it: never its file's path."""

    name: str
    title: str
    use: TemplateUse
    intro: str | None
    questions: tuple[Question, ...]
    personal: bool


@dataclass(frozen=True)
class TemplateCatalogue:
    items: list[TemplateView]
    errors: list[str]
    """Broken template files, each with its file and line."""


def template_paths(personal_dir: Path) -> dict[str, Path]:
    """Every template's file by name; the person's own files win over the shipped ones."""
    paths = {p.stem: p for p in sorted(BUILT_IN_DIR.glob(f"*{SUFFIX}"))}
    if personal_dir.is_dir():
        paths.update({p.stem: p for p in sorted(personal_dir.glob(f"*{SUFFIX}"))})
    return paths


def get_template(name: str, *, personal_dir: Path, for_everyone: bool = False) -> Template:
    """The template by name. A broken file raises its TemplateError (path and line), unless
    `for_everyone`: then the shipped template of that name is used, or a sentence without the path."""
    path = template_paths(personal_dir).get(name)
    if path is None:
        raise UnknownTemplate(f"there is no template named {name}")
    try:
        return load_template(path, personal=path.parent != BUILT_IN_DIR)
    except TemplateError:
        if not for_everyone:
            raise
    shipped = BUILT_IN_DIR / f"{name}{SUFFIX}"
    # The name only: the owner's CLI (`afterword templates`) says where and why.
    logger.warning(
        "the template %s has a broken file; %s",
        name,
        "the shipped one is used" if shipped.is_file() else "it is left out",
    )
    if not shipped.is_file():
        raise broken_for_everyone(name)
    return load_template(shipped)


def list_templates(personal_dir: Path, *, for_everyone: bool = False) -> list[Template | TemplateError]:
    """Every template, loaded; a broken one appears as its error, or (`for_everyone`) as the
    shipped template of its name when there is one, else as an error without its path."""
    loaded: list[Template | TemplateError] = []
    for name, path in template_paths(personal_dir).items():
        try:
            loaded.append(load_template(path, personal=path.parent != BUILT_IN_DIR))
        except TemplateError as error:
            if not for_everyone:
                loaded.append(error)
                continue
            try:
                loaded.append(get_template(name, personal_dir=personal_dir, for_everyone=True))
            except UnknownTemplate as hidden:
                loaded.append(TemplateError(str(hidden)))
    return loaded


def template_catalogue(personal_dir: Path) -> TemplateCatalogue:
    """The templates as the web shows them to anyone (list_templates with for_everyone)."""
    loaded = list_templates(personal_dir, for_everyone=True)
    return TemplateCatalogue(
        items=[
            TemplateView(t.name, t.title, t.use, t.intro, t.questions, t.personal)
            for t in loaded
            if not isinstance(t, TemplateError)
        ],
        errors=[str(t) for t in loaded if isinstance(t, TemplateError)],
    )


def load_template(path: Path, *, personal: bool = False) -> Template:
    """Read and check one template file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else "it cannot be read"
        raise TemplateError(f"{path}, line 1: {reason}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = found.group(1) if found else str(text.count("\n") + 1)
        reason = re.sub(r" \(at [^)]*\)$", "", str(error))
        raise TemplateError(f"{path}, line {line}: {reason}") from None
    if not NAME_PATTERN.fullmatch(path.stem):
        raise TemplateError(f"{path}, line 1: a template's file name uses a-z, 0-9 and - only")
    return Template(
        name=path.stem,
        questions=tuple(checked_questions(path, text, data)),
        path=path,
        personal=personal,
        **checked_top(path, text, data),
    )


def checked_top(path: Path, text: str, data: dict[str, Any]) -> dict[str, Any]:
    for key in data:
        if key not in TOP_KEYS:
            fail(path, text, key, f"unknown key '{key}' (a template has {', '.join(sorted(TOP_KEYS))})")
    for key in ("title", "use"):
        if key not in data:
            fail(path, text, None, f'missing {key} = "..."')
    for key in ("title", "use", "intro"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            fail(path, text, key, f"{key} must be a piece of text in quotes")
    if data["use"] not in USES:
        fail(path, text, "use", f'use must be "insight" or "week", not "{data["use"]}"')
    needed = REQUIRED_USE.get(path.stem)
    if needed and data["use"] != needed:
        fail(path, text, "use", f'the {path.stem} template is used with use = "{needed}"')
    return {
        "title": data["title"].strip(),
        "use": data["use"],
        "intro": (data.get("intro") or "").strip() or None,
    }


def checked_questions(path: Path, text: str, data: dict[str, Any]) -> list[Question]:
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        fail(path, text, "questions", 'a template needs at least one [[questions]] table with ask = "..."')
    checked = []
    for index, question in enumerate(questions):
        line = question_line(text, index)
        if not isinstance(question, dict):
            raise TemplateError(f"{path}, line {line}: each question is a [[questions]] table")
        unknown = sorted(set(question) - QUESTION_KEYS)
        if unknown:
            line = key_line(text, unknown[0], after=line)
            raise TemplateError(
                f"{path}, line {line}: unknown key '{unknown[0]}' in a question (it has ask and hint)"
            )
        ask, hint = question.get("ask"), question.get("hint")
        if not isinstance(ask, str) or not ask.strip():
            raise TemplateError(f'{path}, line {line}: this question needs ask = "..."')
        if hint is not None and not isinstance(hint, str):
            raise TemplateError(f"{path}, line {line}: hint must be a piece of text in quotes")
        checked.append(Question(ask.strip(), (hint or "").strip() or None))
    return checked


def fail(path: Path, text: str, key: str | None, message: str) -> NoReturn:
    raise TemplateError(f"{path}, line {key_line(text, key)}: {message}")


def key_line(text: str, key: str | None, *, after: int = 1) -> int:
    """The first line from `after` on where the key is set (`after` when it is not found)."""
    if key is None:
        return after
    pattern = re.compile(rf"^\s*(\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\]|$)")
    for number, line in enumerate(text.splitlines()[after - 1 :], after):
        if pattern.match(line):
            return number
    return after


def question_line(text: str, index: int) -> int:
    """The line of the index-th [[questions]] header (or of `questions =` for an inline list)."""
    headers = [
        n for n, line in enumerate(text.splitlines(), 1) if re.match(r"^\s*\[\[\s*questions\s*\]\]", line)
    ]
    return headers[index] if index < len(headers) else key_line(text, "questions")
