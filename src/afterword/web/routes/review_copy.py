"""/api/review/copy: what the phone keeps to review with no signal. Only the signed-in person's
own review material and what their current partner shared with them."""

from fastapi import APIRouter, Response

from afterword.reflect.review_copy import ReviewCopy, review_copy
from afterword.web.deps import PersonReader

router = APIRouter(prefix="/api", tags=["between sessions"])


@router.get("/review/copy", response_model=ReviewCopy)
def copy(reader: PersonReader, response: Response) -> ReviewCopy:
    """Summaries, headlines, plans, this week's focus, the repair phrase, and the partner's
    shared summaries and sent appreciations, for the phone's copy (refreshed whenever it can
    reach the server; wiped on sign-out). Never cached on the way."""
    response.headers["Cache-Control"] = "no-store"
    return review_copy(reader)
