"""`afterword review` at the terminal: print the paragraph, log the re-reading, take a one-key answer.

Standard library only (no Typer, rich or SQLAlchemy), so the fast start in afterword.cli.launch
can run it; the Typer command runs the same function with a reader over SQLAlchemy."""

import os
import sys
import textwrap
import uuid
from dataclasses import dataclass
from typing import TextIO, cast

from afterword.cli.plain import VisibleStream, json_text
from afterword.reflect.review import (
    Match,
    ReviewView,
    log_review,
    open_review,
    settle_review,
)
from afterword.store.enums import (
    ANSWER_KEYS,
    ANSWER_WORDS,
    CHARGE_RANGE,
    RECALL_WORDS,
    RecallAnswer,
    ReviewAnswer,
    TriggerKind,
)
from afterword.store.reading import Reader

WRAP_COLUMNS = 78
ANSWER_PROMPT = "Did it help?  [h] helped  [n] did not help  [s] skip  (any other key: no answer) "
RECALL_OFFER = "Enter: read it now.  r: try to recall it first. "
RECALL_PROMPT = (
    "Try to recall it first: what did you write? Say it to yourself, then press Enter to read it. "
)
RECALL_QUESTION = "How did recalling go?  [r] recalled  [p] partly  [n] not yet  (any other key: no answer) "
RECALL_KEYS = {"r": RecallAnswer.RECALLED, "p": RecallAnswer.PARTLY, "n": RecallAnswer.NOT_YET}
CHARGE_PROMPT = "How charged does it feel now, 0 to 10? (Enter skips) "


@dataclass(frozen=True)
class ReviewRequest:
    words: str
    answer: ReviewAnswer | None = None
    """Given on the command line (--answer); otherwise asked for with one key."""
    as_json: bool = False
    recall: bool = False
    """Hide the paragraph until the person has tried to recall it (--recall)."""
    charge: int | None = None
    """How charged it feels now, 0-10 (--charge); otherwise asked after the answer."""


@dataclass
class Terminal:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def __post_init__(self) -> None:
        # Cards hold what people typed (a partner's, too): it reaches the terminal inert.
        self.stdout = cast(TextIO, VisibleStream(self.stdout))
        self.stderr = cast(TextIO, VisibleStream(self.stderr))

    @classmethod
    def current(cls) -> "Terminal":
        return cls(sys.stdin, sys.stdout, sys.stderr)

    @property
    def interactive(self) -> bool:
        return self.stdin.isatty()

    def ask(self, prompt: str) -> str:
        self.stderr.write(prompt)
        self.stderr.flush()
        return self.stdin.readline().strip()

    def write_bold(self, text: str) -> None:
        """The text in bold on a terminal: only the styling bypasses `visible`."""
        plain = not self.stdout.isatty() or "NO_COLOR" in os.environ
        raw = getattr(self.stdout, "raw", self.stdout)
        if not plain:
            raw.write("\033[1m")
        self.stdout.write(text)
        if not plain:
            raw.write("\033[0m")


def review(reader: Reader, request: ReviewRequest, term: Terminal | None = None) -> int:
    """Run one review; returns the exit status (1 when nothing matched)."""
    term = term or Terminal.current()
    view = open_review(reader, words=request.words)
    if not view.matches:
        term.stderr.write(nothing_found(request.words, view.summaries))
        return 1
    match = choose(view, request, term)
    if match is None:
        return 0
    review_id = log_review(
        reader,
        summary_id=match.card.summary_id,
        trigger_id=match.cue.trigger_id if match.cue else None,
    )
    assert review_id is not None, "the card was read as the owner's"
    if request.as_json:
        print_json(term, view, match, review_id, request.answer)
        settle(reader, review_id, request.answer, request.charge, term, quiet=True)
        return 0
    print_head(term, view, match)
    tried = wants_recall(term, request)
    print_body(term, match)
    if tried:
        ask_recall(reader, match, term)
    answer = request.answer if request.answer is not None else ask_answer(term)
    charge = request.charge
    if charge is None and request.answer is None:
        charge = ask_charge(term)
    settle(reader, review_id, answer, charge, term, quiet=False)
    return 0


def settle(
    reader: Reader,
    review_id: uuid.UUID,
    answer: ReviewAnswer | None,
    charge: int | None,
    term: Terminal,
    *,
    quiet: bool,
) -> None:
    """Write the answer and the charge given (either may be None)."""
    if answer is None and charge is None:
        return
    settle_review(reader, review_id=review_id, answer=answer, charge=charge)
    if answer is not None and not quiet:
        term.stderr.write(f"Noted: {ANSWER_WORDS[answer]}.\n")


def wants_recall(term: Terminal, request: ReviewRequest) -> bool:
    """With --recall, or when asked in a terminal: wait while the person tries to recall it."""
    if not request.recall:
        if not term.interactive or request.answer is not None:
            return False
        term.stderr.write("\n" + RECALL_OFFER)
        term.stderr.flush()
        key = read_key(term.stdin)
        term.stderr.write("\n")
        if key.strip().lower()[:1] != "r":
            return False
    term.ask("\n" + RECALL_PROMPT)
    return True


def ask_recall(reader: Reader, match: Match, term: Terminal) -> None:
    term.stderr.write("\n" + RECALL_QUESTION)
    term.stderr.flush()
    answer = RECALL_KEYS.get(read_key(term.stdin).strip().lower()[:1])
    term.stderr.write("\n")
    if answer is None or match.card.insight_id is None:
        return
    from afterword.reflect.recall import log_recall  # only when a recall is logged

    log_recall(reader, insight_id=match.card.insight_id, answer=answer)
    term.stderr.write(f"Noted: {RECALL_WORDS[answer]}. Every try counts, whatever came back.\n")


def ask_charge(term: Terminal) -> int | None:
    """A 0-10 number, or None for Enter or anything else."""
    typed = term.ask(CHARGE_PROMPT)
    return int(typed) if typed.isdigit() and int(typed) in CHARGE_RANGE else None


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


def print_head(term: Terminal, view: ReviewView, match: Match) -> None:
    """The repair phrase first, the focus, then the headline."""
    out = term.stdout
    if view.repair:
        out.write(f"Your repair phrase: “{view.repair}”\n\n")
    if view.focus:
        out.write(f"This week's focus: {view.focus}\n\n")
    term.write_bold(f"“{match.card.headline}”")
    out.write("\n")
    out.flush()


def print_body(term: Terminal, match: Match) -> None:
    out = term.stdout
    out.write("\n" + textwrap.fill(match.card.paragraph, WRAP_COLUMNS) + "\n")
    if match.cue is not None:
        every = "every " if match.cue.kind == TriggerKind.TIME else ""
        out.write(f"\nYour plan: {every}{match.cue.text}\n")
    out.flush()


def print_json(
    term: Terminal, view: ReviewView, match: Match, review_id: uuid.UUID, answer: ReviewAnswer | None
) -> None:
    term.stdout.write(
        json_text(
            {
                "repair": view.repair,
                "focus": view.focus,
                "summary_id": str(match.card.summary_id),
                "headline": match.card.headline,
                "paragraph": match.card.paragraph,
                "trigger": match.cue.text if match.cue else None,
                "review_id": str(review_id),
                "answer": answer.value if answer else None,
            }
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

    try:
        fd = stdin.fileno()
    except (OSError, ValueError):  # a terminal-like stream without a descriptor (a test)
        return stdin.readline()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        return os.read(fd, 4).decode(errors="ignore")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
