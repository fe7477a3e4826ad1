"""Charge: an optional 0-10 sense of how alive an insight feels, given at capture and again at
each re-reading. The pre-session note shows how it moved."""

import uuid
from dataclasses import dataclass

from afterword.errors import NotFound
from afterword.reflect.insights import NO_SUCH_INSIGHT
from afterword.reflect.review import NO_SUCH_REVIEW
from afterword.reflect.text import check_charge
from afterword.store.db import Database
from afterword.store.models import Insight, Memo
from afterword.store.owned import get_owned
from afterword.store.reading import Reader
from afterword.store.views.review import set_review_charge


@dataclass(frozen=True)
class ChargeView:
    charge: int


def set_capture_charge(reader: Reader, db: Database, *, insight_id: uuid.UUID, charge: int) -> ChargeView:
    """How charged the insight felt at capture."""
    value = check_charge(charge)
    assert value is not None
    with db.write() as session:
        insight = get_owned(session, Insight, row_id=insight_id, owner_id=reader.person_id)
        if insight is None:
            raise NotFound(NO_SUCH_INSIGHT)
        session.get_one(Memo, insight.memo_id).charge = value
    return ChargeView(value)


def charge_review(reader: Reader, *, review_id: uuid.UUID, charge: int) -> ChargeView:
    """How charged it felt at this re-reading (written as review writes it, in plain SQL)."""
    value = check_charge(charge)
    assert value is not None
    with reader.reads() as reads, reads.rows.transaction():
        if not set_review_charge(reads, review_id=review_id, charge=value):
            raise NotFound(NO_SUCH_REVIEW)
    return ChargeView(value)
