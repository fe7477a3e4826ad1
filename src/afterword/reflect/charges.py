"""Charge: an optional 0-10 sense of how alive an insight feels, given at capture and again at
each re-reading. The pre-session note shows how it moved."""

import uuid
from dataclasses import dataclass

from afterword.errors import NotFound
from afterword.reflect.review import NO_SUCH_REVIEW
from afterword.reflect.text import check_charge
from afterword.store.db import Database
from afterword.store.lean import SessionRows
from afterword.store.models import Memo
from afterword.store.reflections import find_insight
from afterword.store.reviews import set_review_charge


@dataclass(frozen=True)
class ChargeView:
    charge: int


def set_capture_charge(db: Database, *, owner_id: uuid.UUID, ref: str, charge: int) -> ChargeView:
    """How charged the insight felt at capture (by its id or its memo's, or their beginnings)."""
    value = check_charge(charge)
    assert value is not None
    with db.write() as session:
        insight = find_insight(session, id_or_prefix=ref, owner_id=owner_id)
        session.get_one(Memo, insight.memo_id).charge = value
    return ChargeView(value)


def charge_review(db: Database, *, owner_id: uuid.UUID, review_id: uuid.UUID, charge: int) -> ChargeView:
    """How charged it felt at this re-reading."""
    value = check_charge(charge)
    assert value is not None
    with db.write() as session:
        if not set_review_charge(SessionRows(session), owner_id=owner_id, review_id=review_id, charge=value):
            raise NotFound(NO_SUCH_REVIEW)
    return ChargeView(value)
