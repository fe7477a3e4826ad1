"""The `afterword` entry point.

`afterword review` must print at once, and building the Typer app imports SQLAlchemy, pydantic
and rich (about half a second here). So review first tries a lean path: the standard library's
sqlite3 on the SQLite file, and nothing else. Every other command, and review whenever the lean
path does not apply (another database, a first run that must create or migrate the database, a
person not yet known, --help or an option it does not know), goes to the Typer app in afterword.cli.main,
which runs the same review code on SQLAlchemy."""

import os
import sys

from afterword.cli.reviewing import ReviewRequest, parse_answer, review
from afterword.errors import Invalid
from afterword.store.lean import open_sqlite_rows, sqlite_file_from_environment
from afterword.store.reviews import person_id_by_name

DEFAULT_PERSON = "me"


def run() -> None:
    try:
        status = lean_review(sys.argv[1:])
    except BrokenPipeError:
        # `afterword review ... | head`: the reader left; say nothing more (as Python's docs advise).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    if status is not None:
        sys.exit(status)
    from afterword.cli.main import run as run_app

    run_app()


def parse_review(argv: list[str]) -> tuple[str, ReviewRequest] | None:
    """(person, request) for `[--as NAME] review [WORDS...] [--answer A] [--charge N] [--recall]
    [--json]`, else None."""
    person = os.environ.get("AFTERWORD_PERSON") or DEFAULT_PERSON
    args = list(argv)
    while args and args[0].startswith("--as"):
        if args[0] == "--as" and len(args) > 1:
            person, args = args[1], args[2:]
        elif args[0].startswith("--as="):
            person, args = args[0].removeprefix("--as="), args[1:]
        else:
            return None
    if not args or args[0] != "review":
        return None
    words: list[str] = []
    options: dict[str, str] = {}
    flags: set[str] = set()
    rest = args[1:]
    while rest:
        arg, rest = rest[0], rest[1:]
        name, equals, value = arg.partition("=")
        if arg == "--":
            words, rest = words + rest, []
        elif arg in ("--json", "--recall"):
            flags.add(arg)
        elif name in ("--answer", "--charge") and (equals or rest):
            options[name] = value if equals else rest[0]
            rest = rest if equals else rest[1:]
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    return person_request(person, words, options, flags)


def person_request(
    person: str, words: list[str], options: dict[str, str], flags: set[str]
) -> tuple[str, ReviewRequest] | None:
    """None when an option's value is wrong: the Typer app then says what is wrong with it."""
    charge = options.get("--charge")
    if charge is not None and not (charge.isdigit() and 0 <= int(charge) <= 10):
        return None
    try:
        answer = parse_answer(options["--answer"]) if "--answer" in options else None
    except Invalid:
        return None
    return person, ReviewRequest(
        " ".join(words),
        answer,
        "--json" in flags,
        recall="--recall" in flags,
        charge=int(charge) if charge is not None else None,
    )


def lean_review(argv: list[str]) -> int | None:
    """The review's exit status, or None when the Typer app must handle the command."""
    parsed = parse_review(argv)
    path = sqlite_file_from_environment() if parsed else None
    rows = open_sqlite_rows(path) if path else None
    if parsed is None or rows is None:
        return None
    person, request = parsed
    try:
        owner_id = person_id_by_name(rows, name=person)
        return None if owner_id is None else review(rows, owner_id, request)
    finally:
        rows.close()
