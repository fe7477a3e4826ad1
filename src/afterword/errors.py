"""One way to say an error. Every error a person can act on is an AfterwordError: it carries the
HTTP status the API answers with and one human sentence, which the CLI prints after "Error:" and
the API sends as the answer's detail. The web door and the CLI each have one handler for the
whole family, so no route or command catches it."""

from typing import ClassVar


class AfterwordError(Exception):
    """An error with a sentence a person can act on."""

    status_code: ClassVar[int] = 500
    headers: dict[str, str] | None = None
    """Extra HTTP headers for the answer (an authentication challenge, Retry-After)."""

    @property
    def sentence(self) -> str:
        """The message as the API says it: capitalised, with a full stop."""
        return as_sentence(str(self))


class Unauthorized(AfterwordError):
    status_code = 401

    def __init__(self, message: str, *, challenge: str = "Bearer") -> None:
        super().__init__(message)
        self.headers = {"WWW-Authenticate": challenge}


class TooManyRequests(AfterwordError):
    status_code = 429

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after_seconds)}


class DatabaseBusy(AfterwordError):
    """SQLite's write lock stayed with another process past the busy timeout: 503, try again."""

    status_code = 503
    RETRY_AFTER_SECONDS = 5

    def __init__(self) -> None:
        super().__init__("another Afterword process holds the database; try again in a moment")
        self.headers = {"Retry-After": str(self.RETRY_AFTER_SECONDS)}


class NotFound(AfterwordError):
    """Missing, or someone else's: the two look the same from outside (404, never 403)."""

    status_code = 404


class Conflict(AfterwordError):
    status_code = 409


class Invalid(AfterwordError):
    """Well-formed, but not something Afterword can take: 422."""

    status_code = 422


class BadRequest(AfterwordError):
    status_code = 400


class Empty(BadRequest):
    """Nothing was sent."""


class TooLarge(AfterwordError):
    status_code = 413


class NotAudio(AfterwordError):
    status_code = 415

    def __init__(self, detail: str = "") -> None:
        reason = f" ({detail})" if detail else ""
        super().__init__(f"This does not look like an audio file Afterword can read{reason}.")


def as_sentence(text: str) -> str:
    """The text with a capital first letter and a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text[-1] in ".!?" else ".")
