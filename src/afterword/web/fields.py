"""The optional fields that come with an upload, checked like any request field."""

from datetime import datetime

from fastapi.exceptions import RequestValidationError
from pydantic import AwareDatetime, BaseModel, Field, ValidationError, field_validator

from afterword.utc import in_utc
from afterword.web.inputs import Note
from afterword.web.uploads import ReceivedUpload


class MemoFields(BaseModel):
    captured_at: AwareDatetime | None = None
    """When recording started, with its UTC offset (kept in UTC)."""
    note: Note | None = None
    charge: int | None = Field(default=None, ge=0, le=10)
    """How charged it feels, 0-10, if the person said at capture."""

    @field_validator("captured_at")
    @classmethod
    def utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else in_utc(value)


def memo_fields(received: ReceivedUpload) -> MemoFields:
    try:
        return MemoFields(
            captured_at=received.field("captured_at") or None,
            note=received.field("note") or None,
            charge=received.field("charge") or None,
        )
    except ValidationError as error:
        raise RequestValidationError(error.errors()) from None
