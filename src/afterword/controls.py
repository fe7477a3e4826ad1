"""Control characters: refused in what a person types, made harmless in what is shown.

A NUL breaks PostgreSQL (where SQLite would keep it) and ESC, CSI or OSC sequences can retitle,
clear or rewrite the terminal of whoever reads the text, so no stored text holds one: every door
refuses them before a use case sees the text, and every use case checks again. What is printed
or served (old rows, transcripts, file names) goes through `visible` all the same.

Sizes: each kind of text has a bound a person never reaches, so one person cannot fill the server."""

import unicodedata

from afterword.errors import Invalid

NAME_CHARS = 100
"""A person's name, a token's label, a template's name, a model's name."""
LINE_CHARS = 300
"""A phrase, a focus, a trigger's cue, a question, a ritual."""
HEADLINE_CHARS = 500
"""An insight's headline; also the words searched for."""
NOTE_CHARS = 2000
"""A moment, an appreciation, a session note, a memo's note, a corrected segment."""
ANSWER_CHARS = 20_000
"""One answer to a reflection's question."""

LINE_BREAKS = frozenset("\n\t\r")
# C1 controls have no picture of their own; this one still shows where one was.
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


class ControlCharacters(Invalid):
    pass


def is_control(character: str) -> bool:
    """C0, DEL and C1 (Unicode category Cc): NUL, ESC, the 8-bit CSI and OSC..."""
    return unicodedata.category(character) == "Cc"


def has_controls(text: str, *, multiline: bool) -> bool:
    """Whether the text holds a control character; a multi-line text may hold line breaks and tabs."""
    allowed = LINE_BREAKS if multiline else frozenset()
    return any(is_control(c) and c not in allowed for c in text)


def refuse_controls(text: str, *, what: str, multiline: bool = False) -> str:
    """The text as it is, or ControlCharacters naming what it was."""
    if has_controls(text, multiline=multiline):
        raise ControlCharacters(f"{what} has a control character in it; please type it again")
    return text


def visible(text: str) -> str:
    """The text safe for a terminal or a calendar: line breaks and tabs kept, every other control
    character shown as its picture (ESC as ␛, NUL as ␀), so no sequence it held can act."""
    return "".join(picture(c) if is_control(c) and c not in "\n\t" else c for c in text)


def picture(character: str) -> str:
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\N{SYMBOL FOR DELETE}" if code == 0x7F else REPLACEMENT
