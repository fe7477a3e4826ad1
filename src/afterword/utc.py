"""Times people give (when a memo was recorded, when a session starts) are kept in UTC, and only
within years a person can mean: far-off dates overflow on the way to UTC or to local time, and
would break the calendar feed and the pre-session note for everyone who reads them."""

from datetime import UTC, datetime

from afterword.errors import Invalid

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class OutOfRange(Invalid, ValueError):
    """Also a ValueError, so a request model's validator reports it as a bad field (422)."""

    def __init__(self) -> None:
        super().__init__(f"a date between {EARLIEST.year} and {LATEST.year - 1}")


def in_utc(moment: datetime) -> datetime:
    """The moment (with its UTC offset) in UTC, if it lies between 1970 and 2199."""
    try:
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise OutOfRange() from None
    if not EARLIEST <= utc < LATEST:
        raise OutOfRange()
    return utc
