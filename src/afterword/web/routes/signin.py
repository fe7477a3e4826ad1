"""/api/signin: a one-time code becomes a token; /api/signin-codes: a signed-in phone makes a
code for another app of the same person (the home-screen app, which shares nothing with the
browser)."""

import logging
import math
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from afterword.errors import TooManyRequests, Unauthorized
from afterword.store.signin import IssuedCode, SignedInPhone, issue_signin_code, sign_in_with_code
from afterword.web.deps import CurrentPerson, StateDep
from afterword.web.inputs import OneLine
from afterword.web.proxies import client_address

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["sign-in"])

WRONG_CODE = (
    "This sign-in code is wrong, used or expired. Run `afterword pair NAME` on the computer "
    "for a new one, or make one on a phone that is signed in."
)


class SigninRequest(BaseModel):
    code: Annotated[
        str,
        Field(max_length=40, description="The code, e.g. K7QM-2XPD; case and dashes do not matter."),
        OneLine,
    ]


@router.post("/signin", response_model=SignedInPhone)
def sign_in(body: SigninRequest, request: Request, state: StateDep) -> SignedInPhone:
    """Spend a one-time code from `afterword pair` (or a signed-in phone) for a token."""
    address = client_address(request)
    wait_seconds = state.signin_limiter.take(("signin", address))
    if wait_seconds:
        retry_after = math.ceil(wait_seconds)
        logger.warning("client %s refused: too many sign-in codes tried", address)
        raise TooManyRequests(
            f"Too many sign-in attempts; try again in {retry_after} seconds.", retry_after_seconds=retry_after
        )
    signed_in = sign_in_with_code(state.db, code=body.code, label="phone")
    if signed_in is None:
        raise Unauthorized(WRONG_CODE)
    return signed_in


@router.post("/signin-codes", response_model=IssuedCode, status_code=201)
def make_signin_code(state: StateDep, person: CurrentPerson) -> IssuedCode:
    """A one-time code for signing in another app as this person. The token it makes belongs to
    this one: revoking this token revokes it too."""
    return issue_signin_code(state.db, person_id=person.id, made_by=person.token_id)
