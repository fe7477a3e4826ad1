"""The calendar feed's sign-in (calendar apps send a token as a password, not as a bearer header)."""

import base64
import binascii
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from afterword.errors import Unauthorized
from afterword.web.deps import Person, StateDep, current_person

FEED_REALM = 'Basic realm="Afterword", charset="UTF-8"'


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
    except Unauthorized as error:
        raise Unauthorized(str(error), challenge=FEED_REALM) from None


FeedPerson = Annotated[Person, Depends(feed_person)]
