"""`afterword review`: print the paragraph, log the re-reading, take a one-key answer.

Standard library only (no Typer, rich or SQLAlchemy), so the lean start in afterword.cli.launch can run
it; the Typer command runs the same function on a SQLAlchemy session."""

import json
import os
import sys
import textwrap
import uuid
from dataclasses import dataclass
from typing import TextIO

from afterword.reflect.review import (
    Match,
    ReviewView,
    log_review,
    open_review,
)
from afterword.store.enums import ANSWER_KEYS, ANSWER_WORDS, ReviewAnswer, TriggerKind
from afterword.store.lean import Rows
from afterword.store.reviews import set_review_answer

WRAP_COLUMNS = 78
ANSWER_PROMPT = "Did it help?  [h] helped  [n] did not help  [s] skip  (any other key: no answer) "


@dataclass(frozen=True)
class ReviewRequest:
    words: str
    answer: ReviewAnswer | None = None
    """Given on the command line (--answer); otherwise asked for with one key."""
    as_json: bool = False


@dataclass
class Terminal:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    @classmethod
    def current(cls) -> "Terminal":
        return cls(sys.stdin, sys.stdout, sys.stderr)

    def bold(self, text: str) -> str:
        plain = not self.stdout.isatty() or "NO_COLOR" in os.environ
        return text if plain else f"\033[1m{text}\033[0m"


def review(rows: Rows, owner_id: uuid.UUID, request: ReviewRequest, term: Terminal | None = None) -> int:
    """Run one review; returns the exit status (1 when nothing matched)."""
    term = term or Terminal.current()
    view = open_review(rows, owner_id=owner_id, words=request.words)
    if not view.matches:
        term.stderr.write(nothing_found(request.words, view.summaries))
        return 1
    match = choose(view, request, term)
    if match is None:
        return 0
    review_id = log_review(
        rows,
        owner_id=owner_id,
        summary_id=match.card.summary_id,
        trigger_id=match.cue.trigger_id if match.cue else None,
    )
    assert review_id is not None, "the card was read as the owner's"
    answer = request.answer
    if request.as_json:
        print_json(term, view, match, review_id, answer)
    else:
        print_card(term, view, match)
        if answer is None:
            answer = ask_answer(term)
    if answer is not None:
        with rows.transaction():
            set_review_answer(rows, owner_id=owner_id, review_id=review_id, answer=answer)
        if not request.as_json:
            term.stderr.write(f"Noted: {ANSWER_WORDS[answer]}.\n")
    return 0


def nothing_found(words: str, summaries: int) -> str:
    if not summaries:
        return "No summaries yet. Write one with `afterword reflect`, then come back here when you need it.\n"
    return f"Nothing matched '{words}'. `afterword triggers` lists your plans.\n"


def choose(view: ReviewView, request: ReviewRequest, term: Terminal) -> Match | None:
    """The card to show: the best match, the plan due now, the only card, or one picked."""
    if request.words.strip() or view.due or len(view.matches) == 1:
        others = len(view.matches) - 1
        if request.words.strip() and others and not request.as_json:
            term.stderr.write(f"({others} more matched; add a word to narrow it down.)\n")
        return view.matches[0]
    for number, match in enumerate(view.matches, 1):
        cues = "; ".join(cue.text for cue in match.card.cues)
        term.stdout.write(f"{number:>2}. {match.card.headline}" + (f"  ({cues})" if cues else "") + "\n")
    if request.as_json:
        return None
    term.stderr.write("Which one? Type its number and Enter: ")
    term.stderr.flush()
    choice = term.stdin.readline().strip()
    if not choice.isdigit() or not 1 <= int(choice) <= len(view.matches):
        return None
    return view.matches[int(choice) - 1]


def print_card(term: Terminal, view: ReviewView, match: Match) -> None:
    out = term.stdout
    if view.focus:
        out.write(f"This week's focus: {view.focus}\n\n")
    out.write(term.bold(f"“{match.card.headline}”") + "\n\n")
    out.write(textwrap.fill(match.card.paragraph, WRAP_COLUMNS) + "\n")
    if match.cue is not None:
        every = "every " if match.cue.kind == TriggerKind.TIME else ""
        out.write(f"\nYour plan: {every}{match.cue.text}\n")
    out.flush()


def print_json(
    term: Terminal, view: ReviewView, match: Match, review_id: uuid.UUID, answer: ReviewAnswer | None
) -> None:
    term.stdout.write(
        json.dumps(
            {
                "focus": view.focus,
                "summary_id": str(match.card.summary_id),
                "headline": match.card.headline,
                "paragraph": match.card.paragraph,
                "trigger": match.cue.text if match.cue else None,
                "review_id": str(review_id),
                "answer": answer.value if answer else None,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def ask_answer(term: Terminal) -> ReviewAnswer | None:
    """One key in a terminal; one line otherwise (a pipe, a test). None for no answer."""
    term.stderr.write("\n" + ANSWER_PROMPT)
    term.stderr.flush()
    key = read_key(term.stdin)
    term.stderr.write("\n")
    return ANSWER_KEYS.get(key.strip().lower()[:1])


def read_key(stdin: TextIO) -> str:
    if not stdin.isatty():
        return stdin.readline()
    import termios
    import tty

    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        return os.read(fd, 4).decode(errors="ignore")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
