"""What the between-session routes share: domain errors as HTTP answers, and the calendar
feed's sign-in (calendar apps send a token as a password, not as a bearer header)."""

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

from afterword.reflect.focus import BadFocus
from afterword.reflect.insights import BadHeadline
from afterword.reflect.prompts import NothingToSave
from afterword.reflect.sessions import SessionExists
from afterword.reflect.summaries import WrongTemplate
from afterword.reflect.templates import TemplateError, UnknownTemplate
from afterword.reflect.triggers import BadTrigger
from afterword.reflect.when import WhenError
from afterword.store.reflections import NotFound
from afterword.web.deps import Person, StateDep, current_person

UNPROCESSABLE = (BadFocus, BadHeadline, NothingToSave, WrongTemplate, UnknownTemplate, BadTrigger, WhenError)
FEED_REALM = 'Basic realm="Afterword", charset="UTF-8"'


def sentence(error: Exception) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


@contextmanager
def http_errors() -> Iterator[None]:
    """Another person's object is "not found" like a missing one: 404, never 403."""
    try:
        yield
    except NotFound as error:
        raise HTTPException(404, sentence(error)) from None
    except SessionExists as error:
        raise HTTPException(409, sentence(error)) from None
    except UNPROCESSABLE as error:
        raise HTTPException(422, sentence(error)) from None
    except TemplateError as error:
        raise HTTPException(500, f"A template file is broken: {sentence(error)}") from None


def presented_token(authorization: str) -> str | None:
    """The token from 'Bearer <token>' or from HTTP Basic with the token as the password."""
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip() or None
    if scheme.lower() != "basic":
        return None
    try:
        _, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return password or None


def feed_person(request: Request, state: StateDep) -> Person:
    """The signed-in person for the calendar feed; a 401 asks for a password (the token)."""
    token = presented_token(request.headers.get("Authorization", ""))
    credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token) if token else None
    try:
        return current_person(state, credentials)
    except HTTPException as error:
        if error.status_code == 401:
            error.headers = {"WWW-Authenticate": FEED_REALM}
        raise


FeedPerson = Annotated[Person, Depends(feed_person)]
