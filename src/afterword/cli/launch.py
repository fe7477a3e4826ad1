"""The `afterword` entry point.

`afterword review` must print at once, and building the Typer app imports SQLAlchemy, pydantic
and rich (about half a second here). So review first tries a lean path: the standard library's
sqlite3 on the SQLite file, and nothing else. Every other command, and review whenever the lean
path does not apply (another database, a first run that must create or migrate the database, a
person not yet known, a .env file whose settings it does not read, --help or an option it does not
know) goes to the Typer app in afterword.cli.main, which runs the same review code on SQLAlchemy.
Both parse the same words (store.enums) and read the week's focus by the same rule (reflect.weeks).
The Typer app's reading commands read the SQLite file the same lean way (cli.context); review
keeps a parser of its own as well because Typer and rich cost another 0.1 s before it can print."""

import argparse
import gc
import os
import sys
from typing import NoReturn

from afterword.cli.reviewing import ReviewRequest, review
from afterword.errors import AfterwordError, Invalid
from afterword.store.enums import CHARGE_RANGE, LOCAL_PERSON_NAME, parse_answer
from afterword.store.lean import lean_rows_from_environment
from afterword.store.reviews import person_id_by_name


class NotLean(Exception):
    """The command line is not one the lean path can serve with certainty."""


class LeanParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise NotLean(message)


def review_parsers() -> tuple[LeanParser, LeanParser]:
    """`[--as NAME] review ...`, and review's own `[WORDS...] [--answer A] [--charge N]
    [--recall] [--json]`."""
    top = LeanParser(prog="afterword", add_help=False, allow_abbrev=False)
    top.add_argument("--as", dest="person")
    top.add_argument("command")
    top.add_argument("rest", nargs=argparse.REMAINDER)
    command = LeanParser(prog="afterword review", add_help=False, allow_abbrev=False)
    command.add_argument("words", nargs="*")
    command.add_argument("--answer")
    command.add_argument("--charge", type=charge_value)
    command.add_argument("--recall", action="store_true")
    command.add_argument("--json", action="store_true")
    return top, command


def charge_value(text: str) -> int:
    """0 to 10; anything else leaves the command to the Typer app, which says what is wrong."""
    if not (text.isdigit() and int(text) in CHARGE_RANGE):
        raise ValueError(text)
    return int(text)


def run() -> None:
    try:
        status = lean_review(sys.argv[1:])
    except BrokenPipeError:
        # `afterword review ... | head`: the reader left; say nothing more (as Python's docs advise).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    except AfterwordError as error:  # as the Typer app says it (cli.main), without loading rich
        sys.stderr.write(f"Error: {error}\n")
        status = 1
    if status is not None:
        sys.exit(status)
    # The app's imports make a great many objects that live as long as the process: collecting
    # garbage while importing frees nothing, and the collection when a short command exits took
    # a third of a second (benchmarks/cli.py). So collection waits until the imports are done,
    # and what is left when the command ends goes with the process.
    gc.disable()
    from afterword.cli.main import run as run_app

    gc.enable()
    try:
        run_app()
    finally:
        gc.freeze()


def parse_review(argv: list[str]) -> tuple[str, ReviewRequest] | None:
    """(person, request) for `[--as NAME] review [WORDS...] [--answer A] [--charge N] [--recall]
    [--json]`, else None."""
    top, command = review_parsers()
    try:
        found = top.parse_args(argv)
        if found.command != "review":
            return None
        # Words and options mix freely; after "--" everything is a word.
        end = found.rest.index("--") if "--" in found.rest else len(found.rest)
        asked = command.parse_intermixed_args(found.rest[:end])
        answer = parse_answer(asked.answer) if asked.answer is not None else None
    except (NotLean, Invalid):
        return None
    person = found.person or os.environ.get("AFTERWORD_PERSON") or LOCAL_PERSON_NAME
    words = [*asked.words, *found.rest[end + 1 :]]
    return person, ReviewRequest(
        " ".join(words), answer, asked.json, recall=asked.recall, charge=asked.charge
    )


def lean_review(argv: list[str]) -> int | None:
    """The review's exit status, or None when the Typer app must handle the command."""
    parsed = parse_review(argv)
    rows = lean_rows_from_environment() if parsed else None
    if parsed is None or rows is None:
        return None
    person, request = parsed
    try:
        owner_id = person_id_by_name(rows, name=person)
        return None if owner_id is None else review(rows, owner_id, request)
    finally:
        rows.close()
