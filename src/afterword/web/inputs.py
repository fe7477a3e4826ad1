"""The kinds of text a request may carry, each bounded and refused (422) with a control character
before a use case sees it: the one place every request model and query takes its strings from."""

from typing import Annotated

from pydantic import AfterValidator, Field

from afterword.controls import (
    ANSWER_CHARS,
    HEADLINE_CHARS,
    LINE_CHARS,
    NAME_CHARS,
    NOTE_CHARS,
    has_controls,
)


def no_controls(text: str) -> str:
    if has_controls(text, multiline=True):
        raise ValueError("control characters are not allowed")
    return text


def no_controls_line(text: str) -> str:
    if has_controls(text, multiline=False):
        raise ValueError("control characters are not allowed")
    return text


NoControls = AfterValidator(no_controls)
OneLine = AfterValidator(no_controls_line)

Name = Annotated[str, Field(min_length=1, max_length=NAME_CHARS), OneLine]
"""A person's name."""
Short = Annotated[str, Field(max_length=NAME_CHARS), OneLine]
"""A template's name, a time as typed ("thu 08:00")."""
Line = Annotated[str, Field(max_length=LINE_CHARS), OneLine]
Headline = Annotated[str, Field(max_length=HEADLINE_CHARS), OneLine]
Note = Annotated[str, Field(max_length=NOTE_CHARS), NoControls]
Answer = Annotated[str, Field(max_length=ANSWER_CHARS), NoControls]
