"""Request dependencies: the app's state and the signed-in person."""

import logging
import math
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from afterword.errors import TooManyRequests, Unauthorized
from afterword.store.reading import Reader
from afterword.store.tokens import SignedIn, signed_in_person
from afterword.web.proxies import client_address
from afterword.web.state import AppState

logger = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="The token from `afterword token add`.")


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.afterword
    return state


StateDep = Annotated[AppState, Depends(get_state)]


Person = SignedIn


def current_person(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Person:
    """The person whose token the request carries; 401 otherwise."""
    if credentials is None:
        raise Unauthorized("Sign in: send your Afterword token as 'Authorization: Bearer <token>'.")
    person = signed_in_person(state.db, token=credentials.credentials)
    if person is None:
        raise Unauthorized("This token is not valid: it is wrong or was revoked.")
    return person


CurrentPerson = Annotated[Person, Depends(current_person)]


def person_reader(state: StateDep, person: CurrentPerson) -> Reader:
    """The signed-in person's read handle: every view a route answers with is read through it."""
    return Reader(state.db, person.id)


PersonReader = Annotated[Reader, Depends(person_reader)]


def uploading_person(request: Request, state: StateDep, person: CurrentPerson) -> Person:
    """The signed-in person, if their token and their address each have an upload left this
    minute; 429 otherwise."""
    address = client_address(request)
    for limiter, key, what in (
        (state.upload_limiter, person.token_id, "with this token"),
        (state.client_upload_limiter, address, "from this address"),
    ):
        wait_seconds = limiter.take(key)
        if wait_seconds:
            retry_after = math.ceil(wait_seconds)
            logger.warning("client %s refused: too many uploads %s", address, what)
            raise TooManyRequests(
                f"Too many uploads {what}; try again in {retry_after} seconds.",
                retry_after_seconds=retry_after,
            )
    return person


UploadingPerson = Annotated[Person, Depends(uploading_person)]
