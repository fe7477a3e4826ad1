"""The repair phrase: the words both partners agreed to use when conflict starts to sharpen.
One proposes, the other accepts it or offers another; a person on their own sets one for
themselves. The phrase in use shows at the top of review (CLI and phone) and with `afterword
repair`; each time it was reached for is the person's own to log."""

from dataclasses import dataclass
from datetime import datetime

from afterword.errors import Conflict, NotFound
from afterword.reflect.text import LINE_CHARS, NOTE_CHARS, clean_text, optional_text, past_or_now
from afterword.store.db import Database
from afterword.store.enums import RepairStatus
from afterword.store.models import RepairPhrase, RepairUse, utc_now
from afterword.store.partners import current_partner
from afterword.store.reading import Reader
from afterword.store.repairs import latest_phrase, retire
from afterword.store.repairs import phrase_in_use as phrase_in_use_now
from afterword.store.views import partners as partner_views
from afterword.store.views.repair import own_phrase, phrase_in_use, proposal, uses


@dataclass(frozen=True)
class Proposal:
    text: str
    by_me: bool
    proposed_at: datetime


@dataclass(frozen=True)
class RepairState:
    phrase: str | None
    """The phrase in use: the one agreed with the partner, else one's own."""
    agreed_with: str | None
    own: str | None
    proposal: Proposal | None
    """A phrase waiting for an answer, from either partner."""
    uses: list[datetime]
    """When this person reached for it (their own record)."""


def repair_state(reader: Reader, *, since: datetime | None = None) -> RepairState:
    with reader.reads() as reads:
        in_use, partner, own = phrase_in_use(reads), partner_views.current_partner(reads), own_phrase(reads)
        waiting, used = proposal(reads), uses(reads, since=since)
    return RepairState(
        phrase=in_use.text if in_use else None,
        agreed_with=partner.name if partner and in_use and in_use.agreed else None,
        own=own.text if own else None,
        proposal=Proposal(waiting.text, waiting.author_id == reader.person_id, waiting.proposed_at)
        if waiting
        else None,
        uses=used,
    )


def set_own_phrase(reader: Reader, db: Database, *, text: str) -> RepairState:
    """One's own phrase (it is the one in use while no phrase is agreed with a partner)."""
    text = clean_text(text, what="a repair phrase", max_chars=LINE_CHARS, multiline=False)
    now, person_id = utc_now(), reader.person_id
    with db.write() as session:
        previous = latest_phrase(session, status=RepairStatus.OWN, author_id=person_id)
        retire(session, previous, status=RepairStatus.RETIRED, at=now)
        session.add(RepairPhrase(author_id=person_id, text=text, status=RepairStatus.OWN, decided_at=now))
    return repair_state(reader)


def propose_phrase(reader: Reader, db: Database, *, text: str) -> RepairState:
    """Propose a phrase to the partner; answering their proposal with another counters it."""
    text = clean_text(text, what="a repair phrase", max_chars=LINE_CHARS, multiline=False)
    now, person_id = utc_now(), reader.person_id
    with db.write() as session:
        partner = current_partner(session, person_id=person_id)
        if partner is None:
            raise Conflict(
                "a proposal goes to a partner, and you have none here; set a phrase for yourself instead"
            )
        waiting = latest_phrase(session, status=RepairStatus.PROPOSED, partnership_id=partner.partnership_id)
        if waiting is not None:
            by_them = waiting.author_id != person_id
            retire(
                session, waiting, status=RepairStatus.COUNTERED if by_them else RepairStatus.RETIRED, at=now
            )
        session.add(
            RepairPhrase(
                author_id=person_id,
                partnership_id=partner.partnership_id,
                text=text,
                status=RepairStatus.PROPOSED,
            )
        )
    return repair_state(reader)


def accept_phrase(reader: Reader, db: Database) -> RepairState:
    """Agree to the phrase the partner proposed: from now on it is the one you both use."""
    now, person_id = utc_now(), reader.person_id
    with db.write() as session:
        partner = current_partner(session, person_id=person_id)
        waiting = (
            latest_phrase(session, status=RepairStatus.PROPOSED, partnership_id=partner.partnership_id)
            if partner
            else None
        )
        if partner is None or waiting is None or waiting.author_id == person_id:
            raise NotFound("no phrase from your partner is waiting for your answer")
        agreed = latest_phrase(session, status=RepairStatus.AGREED, partnership_id=partner.partnership_id)
        retire(session, agreed, status=RepairStatus.RETIRED, at=now)
        waiting.status, waiting.decided_at = RepairStatus.AGREED, now
    return repair_state(reader)


def log_repair_use(
    reader: Reader, db: Database, *, note: str | None = None, at: datetime | None = None
) -> RepairState:
    """Note that you reached for the phrase (kept for your pre-session note, for you alone)."""
    line = optional_text(note, what="a note", max_chars=NOTE_CHARS)
    when = past_or_now(at, what="that time")
    with db.write() as session:
        in_use = phrase_in_use_now(session, person_id=reader.person_id)
        if in_use is None:
            raise NotFound("there is no repair phrase yet: set one, or agree one with your partner")
        session.add(RepairUse(owner_id=reader.person_id, phrase=in_use.text, note=line, used_at=when))
    return repair_state(reader)
