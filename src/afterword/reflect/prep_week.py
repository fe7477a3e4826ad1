"""The week's practices as the pre-session note reads them: the person's own moments,
appreciations (and those their partner sent them), check-ins held, the repair phrase and when it
was reached for, the good thing protected, marks, recall and charge, and one question per plan.
Read in the note's one snapshot; nothing of a partner's is read but what they sent."""

from dataclasses import dataclass
from datetime import datetime

from afterword.reflect.weeks import Week
from afterword.store.reading import Reads
from afterword.store.views.appreciations import own_appreciations
from afterword.store.views.checkins import checkins
from afterword.store.views.insights import InsightRecord, charges_at_capture
from afterword.store.views.marks import marks
from afterword.store.views.moments import moments
from afterword.store.views.partners import current_partner, received
from afterword.store.views.recalls import recalls
from afterword.store.views.repair import phrase_in_use, uses
from afterword.store.views.review import ReviewRecord
from afterword.store.views.rituals import newest_ritual


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
    reads: Reads,
    *,
    week: Week,
    insights: list[InsightRecord],
    reviews: list[ReviewRecord],
    now: datetime,
) -> WeekPractices:
    """The reader's practices this week (insights: the week's, newest first)."""
    since = week.start
    held = checkins(reads, since=since)
    return WeekPractices(
        moments=[
            MomentItem(m.happened_at, m.text, m.status.value if m.status else None, m.answers)
            for m in reversed(moments(reads, since=since))
        ],
        appreciations=own_sent(reads, since),
        received=[
            AppreciationItem(r.text, r.sent_at, r.partner) for r in reversed(received(reads, since=since))
        ],
        checkins_held=[CheckInItem(c.held_at, c.question, c.note) for c in held if c.held_at is not None],
        checkins_planned=[
            c.planned_at for c in held if c.held_at is None and c.planned_at and c.planned_at > now
        ],
        repair=repair_item(reads, since),
        ritual=ritual_item(reads, since),
        marks=[MarkItem(m.marked_at, m.headline) for m in marks(reads, since=since)],
        recalls=[RecallItem(r.headline, r.day, r.answer.value) for r in recalls(reads, since=since)],
        charges=charge_items(reads, insights, reviews),
        recall_checks=week.session is not None,
    )


def own_sent(reads: Reads, since: datetime) -> list[AppreciationItem]:
    partner = current_partner(reads)
    items = []
    for row in reversed(own_appreciations(reads, since=since)):
        to_partner = partner is not None and row.partnership_id == partner.partnership_id
        person = partner.name if to_partner and partner else None
        items.append(AppreciationItem(row.text, row.created_at, person, sent=row.sent_at is not None))
    return items


def repair_item(reads: Reads, since: datetime) -> RepairItem | None:
    in_use = phrase_in_use(reads)
    if in_use is None:
        return None
    partner = current_partner(reads) if in_use.agreed else None
    return RepairItem(in_use.text, partner.name if partner else None, uses(reads, since=since))


def ritual_item(reads: Reads, since: datetime) -> RitualItem | None:
    found = newest_ritual(reads, since=since)
    return None if found is None else RitualItem(found.text, found.happened)


def charge_items(
    reads: Reads, insights: list[InsightRecord], reviews: list[ReviewRecord]
) -> list[ChargeItem]:
    """How charged each of the week's insights felt at capture and at each re-reading since."""
    at_capture = charges_at_capture(reads)
    items = []
    for insight in insights:
        later = [r.charge for r in reviews if r.summary_id == insight.summary_id and r.charge is not None]
        if insight.id in at_capture or later:
            items.append(ChargeItem(insight.headline, at_capture.get(insight.id), later))
    return items
