"""What a person may type into the week's practices: bounded, and without control characters.

A NUL breaks PostgreSQL and an escape sequence can rewrite a partner's terminal, so both are
refused here, at the edge of every use case, for the CLI and the API alike."""

from datetime import UTC, datetime, timedelta

from afterword.controls import LINE_CHARS as LINE_CHARS
from afterword.controls import NOTE_CHARS as NOTE_CHARS
from afterword.controls import has_controls
from afterword.errors import Invalid
from afterword.store.enums import CHARGE_RANGE

CLOCK_SKEW = timedelta(minutes=5)
"""A phone's clock may run a little ahead of this machine's."""


class BadText(Invalid):
    pass


def clean_text(value: str, *, what: str, max_chars: int = NOTE_CHARS, multiline: bool = True) -> str:
    """The text trimmed (one line: spaces collapsed), or BadText when it is empty, too long or
    holds control characters."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if has_controls(text, multiline=multiline):
        raise BadText(f"{what} has a control character in it; please type it again")
    text = text.strip() if multiline else " ".join(text.split())
    if not text:
        raise BadText(f"{what} is empty")
    if len(text) > max_chars:
        raise BadText(f"{what} has more than {max_chars} characters")
    return text


def optional_text(
    value: str | None, *, what: str, max_chars: int = NOTE_CHARS, multiline: bool = True
) -> str | None:
    """As clean_text, but nothing (or only spaces) is None."""
    if value is None or not value.strip():
        return None
    return clean_text(value, what=what, max_chars=max_chars, multiline=multiline)


def check_charge(value: int | None) -> int | None:
    """A 0-10 charge, or None when not given."""
    if value is not None and value not in CHARGE_RANGE:
        raise BadText("a charge is a whole number from 0 to 10")
    return value


def past_or_now(moment: datetime | None, *, what: str) -> datetime:
    """When something happened: now when not given; a time still to come is refused."""
    now = datetime.now(UTC)
    if moment is None:
        return now
    if moment > now + CLOCK_SKEW:
        raise BadText(f"{what} is in the future; give the time it happened")
    return moment
