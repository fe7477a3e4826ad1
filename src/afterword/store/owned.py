"""One of a person's rows by its whole id, for a write: the row when it is theirs, else None (a
missing row and another person's look the same)."""

import uuid
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session


class OwnedRow(Protocol):
    @property
    def owner_id(self) -> uuid.UUID: ...


Row = TypeVar("Row", bound=OwnedRow)


def get_owned(session: Session, model: type[Row], *, row_id: uuid.UUID, owner_id: uuid.UUID) -> Row | None:
    row = session.get(model, row_id)
    return row if row is not None and row.owner_id == owner_id else None
