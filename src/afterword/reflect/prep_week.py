"""The week's practices as the pre-session note reads them: the person's own moments,
appreciations (and those their partner sent them), check-ins held, the repair phrase and when it
was reached for, the good thing protected, marks, recall and charge, and one question per plan.
Read in the note's one session; nothing of a partner's is read but what they sent."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from afterword.reflect.moments import moment_view
from afterword.reflect.partners import current_partner
from afterword.reflect.sessions import Week
from afterword.store.appreciations import own_appreciations, sent_within
from afterword.store.checkins import list_checkins
from afterword.store.lean import SessionRows
from afterword.store.marks import list_marks
from afterword.store.models import Insight, Memo, Review
from afterword.store.moments import moment_rows
from afterword.store.recalls import list_recalls
from afterword.store.repairs import list_uses
from afterword.store.reviews import repair_phrase
from afterword.store.rituals import newest_ritual, ritual_marks


@dataclass(frozen=True)
class MomentItem:
    happened_at: datetime
    text: str | None
    status: str | None
    """A voice moment's transcription (None: typed)."""
    answers: dict[str, str | None]


@dataclass(frozen=True)
class AppreciationItem:
    text: str
    at: datetime
    person: str | None
    """Mine: the current partner it was sent to. Received: who sent it."""
    sent: bool = True
    """Mine: False when kept to myself (sent, with no person: to a partnership now over)."""


@dataclass(frozen=True)
class CheckInItem:
    at: datetime
    question: str | None
    note: str | None


@dataclass(frozen=True)
class RepairItem:
    phrase: str
    agreed_with: str | None
    uses: list[datetime]


@dataclass(frozen=True)
class RitualItem:
    text: str
    happened: list[datetime]


@dataclass(frozen=True)
class MarkItem:
    marked_at: datetime
    headline: str | None


@dataclass(frozen=True)
class RecallItem:
    headline: str
    day: int | None
    answer: str


@dataclass(frozen=True)
class ChargeItem:
    headline: str
    at_capture: int | None
    at_reviews: list[int]


@dataclass(frozen=True)
class WeekPractices:
    moments: list[MomentItem]
    appreciations: list[AppreciationItem]
    received: list[AppreciationItem]
    checkins_held: list[CheckInItem]
    checkins_planned: list[datetime]
    repair: RepairItem | None
    ritual: RitualItem | None
    marks: list[MarkItem]
    recalls: list[RecallItem]
    charges: list[ChargeItem]
    recall_checks: bool
    """Whether this week has spaced recall checks (it does once a session is on record)."""


def read_practices(
    session: Session,
    *,
    owner_id: uuid.UUID,
    week: Week,
    insights: list[Insight],
    reviews: list[Review],
    now: datetime,
) -> WeekPractices:
    """The owner's practices this week (insights: the week's, oldest first)."""
    since = week.start
    checkins = list_checkins(session, owner_id=owner_id, since=since)
    return WeekPractices(
        moments=[
            MomentItem(v.happened_at, v.text, v.status, v.answers)
            for v in (
                moment_view(*row) for row in reversed(moment_rows(session, owner_id=owner_id, since=since))
            )
        ],
        appreciations=own_sent(session, owner_id, since),
        received=received_items(session, owner_id, since),
        checkins_held=[CheckInItem(c.held_at, c.question, c.note) for c in checkins if c.held_at is not None],
        checkins_planned=[
            c.planned_at for c in checkins if c.held_at is None and c.planned_at and c.planned_at > now
        ],
        repair=repair_item(session, owner_id, since),
        ritual=ritual_item(session, owner_id, since),
        marks=[MarkItem(m.marked_at, h) for m, h in list_marks(session, owner_id=owner_id, since=since)],
        recalls=[
            RecallItem(headline, r.day, r.answer.value)
            for r, headline in list_recalls(session, owner_id=owner_id, since=since)
        ],
        charges=charge_items(session, insights, reviews),
        recall_checks=week.session is not None,
    )


def own_sent(session: Session, owner_id: uuid.UUID, since: datetime) -> list[AppreciationItem]:
    partner = current_partner(session, person_id=owner_id)
    items = []
    for row in reversed(own_appreciations(session, owner_id=owner_id, since=since)):
        to_partner = partner is not None and row.partnership_id == partner.partnership_id
        person = partner.name if to_partner and partner else None
        items.append(AppreciationItem(row.text, row.created_at, person, sent=row.sent_at is not None))
    return items


def received_items(session: Session, reader_id: uuid.UUID, since: datetime) -> list[AppreciationItem]:
    partner = current_partner(session, person_id=reader_id)
    if partner is None:
        return []
    rows = sent_within(session, partnership_id=partner.partnership_id, sender_id=partner.id, since=since)
    return [AppreciationItem(r.text, r.sent_at, partner.name) for r in reversed(rows) if r.sent_at]


def repair_item(session: Session, owner_id: uuid.UUID, since: datetime) -> RepairItem | None:
    in_use = repair_phrase(SessionRows(session), owner_id=owner_id)
    if in_use is None:
        return None
    partner = current_partner(session, person_id=owner_id) if in_use[1] else None
    uses = [u.used_at for u in list_uses(session, owner_id=owner_id, since=since)]
    return RepairItem(in_use[0], partner.name if partner else None, uses)


def ritual_item(session: Session, owner_id: uuid.UUID, since: datetime) -> RitualItem | None:
    row = newest_ritual(session, owner_id=owner_id, since=since)
    if row is None:
        return None
    return RitualItem(
        row.text, [m.happened_at for m in ritual_marks(session, ritual_id=row.id, owner_id=owner_id)]
    )


def charge_items(session: Session, insights: list[Insight], reviews: list[Review]) -> list[ChargeItem]:
    """How charged each of the week's insights felt at capture and at each re-reading since."""
    items = []
    for insight in insights:
        at_capture = session.get_one(Memo, insight.memo_id).charge
        summary_id = insight.summary.id if insight.summary else None
        later = [r.charge for r in reviews if r.summary_id == summary_id and r.charge is not None]
        if at_capture is not None or later:
            items.append(ChargeItem(insight.headline, at_capture, later))
    return items
