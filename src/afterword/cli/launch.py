"""The `afterword` entry point.

`afterword review` must print at once, and building the Typer app imports SQLAlchemy, pydantic
and rich (about half a second here). So review first tries a fast path: the standard library's
sqlite3 on the SQLite file (store.opening, which makes a new one as the full path would), and
nothing else. Every other command, and review whenever the fast path does not apply (another
database, a database to migrate, a person not yet known, a .env file whose settings it does not
read, --help or an option it does not know) goes to the Typer app in afterword.cli.main, which
runs the same review code with a reader over SQLAlchemy. Both parse the same words (store.enums)
and read through the same views (store.views). The Typer app's reading commands read the SQLite
file the same fast way (cli.context); review keeps a parser of its own as well because Typer and
rich cost another 0.1 s before it can print."""

import argparse
import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from afterword.errors import AfterwordError, Invalid
from afterword.store.enums import CHARGE_RANGE, LOCAL_PERSON_NAME, parse_answer
from afterword.store.opening import open_fast
from afterword.store.reading import Reader
from afterword.store.views.people import find_person

if TYPE_CHECKING:  # the review's own modules load only for `afterword review`
    from afterword.cli.review_terminal import ReviewRequest


class NotLean(Exception):
    """The command line is not one the fast path can serve with certainty."""


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


def parse_review(argv: list[str]) -> "tuple[str, ReviewRequest] | None":
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
    from afterword.cli.review_terminal import ReviewRequest

    person = found.person or os.environ.get("AFTERWORD_PERSON") or LOCAL_PERSON_NAME
    words = [*asked.words, *found.rest[end + 1 :]]
    return person, ReviewRequest(
        " ".join(words), answer, asked.json, recall=asked.recall, charge=asked.charge
    )


def lean_review(argv: list[str]) -> int | None:
    """The review's exit status, or None when the Typer app must handle the command."""
    parsed = parse_review(argv)
    fast = open_fast() if parsed else None
    if parsed is None or fast is None:
        return None
    from afterword.cli.review_terminal import review

    name, request = parsed
    try:
        with fast.snapshot() as rows:
            person = find_person(rows, name=name)
        return None if person is None else review(Reader(fast, person.id), request)
    finally:
        fast.close()
