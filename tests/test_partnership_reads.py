"""What a partner sees, tested where it is decided: the one definition of the current
partnership (store/sql/partners.sql) and every read that joins it, on SQLite and PostgreSQL.
Four people in two couples, an ended partnership, an invitation still waiting and someone on
their own: each reader gets their current partner's shared summaries, sent appreciations and
agreed phrase, and nothing of anyone else's. The doors' own stories are in test_partners,
test_review_copy, test_no_surveillance and test_week_api."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from afterword.store.db import Database
from afterword.store.enums import JobStatus, PartnershipStatus, RepairStatus
from afterword.store.models import (
    Appreciation,
    Insight,
    Job,
    Memo,
    Partnership,
    Person,
    RepairPhrase,
    Summary,
    SummaryVersion,
)
from afterword.store.partners import current_partner, current_partnership, end_partnership
from afterword.store.queries import partnership_fragment, queries
from afterword.store.reading import Reader
from afterword.store.views.partners import current_partner as partner_read
from afterword.store.views.partners import partner_shared, partner_state, received
from afterword.store.views.repair import phrase_in_use, proposal

NOW = datetime.now(UTC)


@dataclass
class Town:
    people: dict[str, uuid.UUID]
    partnerships: dict[str, uuid.UUID]


def add_person(session, name: str) -> uuid.UUID:  # type: ignore[no-untyped-def]
    person = Person(name=name)
    session.add(person)
    session.flush()
    return person.id


def pair(session, a: uuid.UUID, b: uuid.UUID, status: PartnershipStatus, days_ago: int) -> uuid.UUID:  # type: ignore[no-untyped-def]
    row = Partnership(
        inviter_id=a,
        invitee_name="x",
        invitee_id=b if status != PartnershipStatus.INVITED else None,
        status=status,
        accepted_at=NOW - timedelta(days=days_ago) if status != PartnershipStatus.INVITED else None,
    )
    session.add(row)
    session.flush()
    return row.id


def summary(session, owner: uuid.UUID, words: str, *, shared: bool) -> None:  # type: ignore[no-untyped-def]
    memo = Memo(owner_id=owner, sha256=uuid.uuid4().hex * 2, size_bytes=1, duration_seconds=1.0)
    session.add(memo)
    session.flush()
    session.add(Job(memo_id=memo.id, status=JobStatus.DONE))
    insight = Insight(owner_id=owner, memo_id=memo.id, text=words, headline=words, captured_at=NOW)
    session.add(insight)
    session.flush()
    row = Summary(owner_id=owner, insight_id=insight.id, shared=shared)
    session.add(row)
    session.flush()
    session.add(
        SummaryVersion(owner_id=owner, summary_id=row.id, version=1, template="own-words", paragraph=words)
    )


def sent(session, owner: uuid.UUID, partnership: uuid.UUID | None, words: str) -> None:  # type: ignore[no-untyped-def]
    session.add(
        Appreciation(
            owner_id=owner, text=words, partnership_id=partnership, sent_at=NOW if partnership else None
        )
    )


def phrase(
    session, author: uuid.UUID, partnership: uuid.UUID | None, words: str, status: RepairStatus
) -> None:  # type: ignore[no-untyped-def]
    session.add(
        RepairPhrase(author_id=author, partnership_id=partnership, text=words, status=status, decided_at=NOW)
    )


@pytest.fixture
def town(db: Database) -> Town:
    """Alice and Bob a couple, Carol and Dan a couple; Alice was Carol's partner once; Erin,
    alone, has invited Alice. Each of them has a shared and a private summary, and has sent an
    appreciation (Carol once to Alice, in the partnership that ended)."""
    with db.write() as session:
        people = {name: add_person(session, name) for name in ("Alice", "Bob", "Carol", "Dan", "Erin")}
        p = people
        couples = {
            "ended": pair(session, p["Carol"], p["Alice"], PartnershipStatus.ENDED, 30),
            "alice+bob": pair(session, p["Alice"], p["Bob"], PartnershipStatus.ACTIVE, 10),
            "carol+dan": pair(session, p["Dan"], p["Carol"], PartnershipStatus.ACTIVE, 5),
            "erin invites": pair(session, p["Erin"], p["Alice"], PartnershipStatus.INVITED, 0),
        }
        for name, person in people.items():
            summary(session, person, f"{name} shared", shared=True)
            summary(session, person, f"{name} private", shared=False)
        sent(session, p["Bob"], couples["alice+bob"], "Bob to Alice")
        sent(session, p["Alice"], couples["alice+bob"], "Alice to Bob")
        sent(session, p["Carol"], couples["ended"], "Carol to Alice, long ago")
        sent(session, p["Dan"], couples["carol+dan"], "Dan to Carol")
        sent(session, p["Erin"], None, "Erin kept it")
        phrase(session, p["Bob"], couples["alice+bob"], "Alice and Bob agreed", RepairStatus.AGREED)
        phrase(session, p["Carol"], couples["ended"], "agreed once, long ago", RepairStatus.AGREED)
        phrase(session, p["Dan"], couples["carol+dan"], "Dan proposes", RepairStatus.PROPOSED)
        phrase(session, p["Erin"], None, "Erin's own", RepairStatus.OWN)
    return Town(people, couples)


def seen_by(db: Database, town: Town, name: str) -> dict[str, object]:
    """Everything of another person's that reaches this reader, read in one snapshot."""
    with Reader(db, town.people[name]).reads() as reads:
        partner = partner_read(reads)
        in_use, waiting = phrase_in_use(reads), proposal(reads)
        return {
            "partner": partner.name if partner else None,
            "shared": sorted(s.headline for s in partner_shared(reads)),
            "received": [r.text for r in received(reads)],
            "phrase": (in_use.text, in_use.agreed) if in_use else None,
            "proposal": waiting.text if waiting else None,
        }


def test_each_reader_gets_their_current_partners_shared_things_and_nothing_else(
    db: Database, town: Town
) -> None:
    assert seen_by(db, town, "Alice") == {
        "partner": "Bob",
        "shared": ["Bob shared"],
        "received": ["Bob to Alice"],
        "phrase": ("Alice and Bob agreed", True),
        "proposal": None,
    }
    assert seen_by(db, town, "Bob") == {
        "partner": "Alice",
        "shared": ["Alice shared"],
        "received": ["Alice to Bob"],
        "phrase": ("Alice and Bob agreed", True),
        "proposal": None,
    }
    assert seen_by(db, town, "Carol") == {
        "partner": "Dan",
        "shared": ["Dan shared"],
        "received": ["Dan to Carol"],  # not what she was sent in the partnership that ended
        "phrase": None,
        "proposal": "Dan proposes",
    }
    assert seen_by(db, town, "Erin") == {
        "partner": None,
        "shared": [],
        "received": [],
        "phrase": ("Erin's own", False),
        "proposal": None,
    }


def test_the_orm_reads_the_same_partnership(db: Database, town: Town) -> None:
    with db.read() as session:
        for name, person_id in town.people.items():
            row = current_partnership(session, person_id=person_id)
            partner = current_partner(session, person_id=person_id)
            with Reader(db, person_id).reads() as reads:
                read = partner_read(reads)
            assert (row.id if row else None) == (read.partnership_id if read else None), name
            assert partner == read, name
        assert current_partnership(session, person_id=town.people["Erin"]) is None


def test_an_ended_partnership_shares_nothing_any_more(db: Database, town: Town) -> None:
    with db.write() as session:
        end_partnership(session, session.get_one(Partnership, town.partnerships["alice+bob"]))
    assert seen_by(db, town, "Alice") == {
        "partner": None,
        "shared": [],
        "received": [],
        "phrase": None,
        "proposal": None,
    }
    with Reader(db, town.people["Alice"]).reads() as reads:
        state = partner_state(reads)
    assert (state.partner, state.invitations) == (None, [])  # Erin's invitation names "x", not Alice


def test_the_partnership_is_defined_once() -> None:
    """Every statement that reads across people joins the fragment; none spells the rule again."""
    rule = "status = 'active'"
    assert rule in partnership_fragment()
    for resource in (
        "partners",
        "repair",
        "appreciations",
        "review",
        "memos",
        "summaries",
        "insights",
        "plans",
    ):
        for name, sql in queries(resource).items():
            if name != "current_partnership":
                assert sql.count(rule) == sql.count("current_partnership AS ("), (resource, name)
