"""The optional fields that come with an upload, checked like any request field."""

from fastapi.exceptions import RequestValidationError
from pydantic import AwareDatetime, BaseModel, Field, ValidationError

from web.uploads import ReceivedUpload

MAX_NOTE_CHARS = 2000


class MemoFields(BaseModel):
    captured_at: AwareDatetime | None = None
    """When recording started, with its UTC offset."""
    note: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)


def memo_fields(received: ReceivedUpload) -> MemoFields:
    try:
        return MemoFields(
            captured_at=received.field("captured_at") or None,
            note=received.field("note") or None,
        )
    except ValidationError as error:
        raise RequestValidationError(error.errors()) from None
