"""One person's heavy review does not hold up anyone else: the matching is bounded, and it runs
with no database session open (on SQLite a session held while scoring stalled every request)."""

import random
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.models import Insight, Memo, Summary, SummaryVersion
from afterword.store.people import get_or_create_person
from afterword.web.app import create_app
from tests.support.factories import issue_token
from tests.support.server import running_server

SUMMARIES = 100
WORDS_EACH = 2_000
HEAVY_REVIEWS = 16
"""More than the connection pool holds (5 and 10 more): a review holding its session would take them all."""
QUERY = "boundaries walls mother calls plans"
ME_WITHIN_SECONDS = 0.5


def long_paragraph(seed: int) -> str:
    """Thousands of different words as long as one searched for and made of its letters, so
    that each is really compared."""
    shuffler = random.Random(seed)
    letters = list("boundaries")
    words = []
    for _ in range(WORDS_EACH):
        shuffler.shuffle(letters)
        words.append("".join(letters))
    return " ".join(words)


def store_heavy_summaries(settings: Settings, name: str) -> None:
    db = open_database(settings)
    now = datetime.now(UTC)
    try:
        with db.write() as session:
            owner = get_or_create_person(session, name=name)
            for n in range(SUMMARIES):
                memo = Memo(
                    owner_id=owner.id, sha256=uuid.uuid4().hex * 2, size_bytes=1, duration_seconds=1.0
                )
                session.add(memo)
                session.flush()
                insight = Insight(
                    owner_id=owner.id, memo_id=memo.id, text="t", headline=f"headline {n}", captured_at=now
                )
                session.add(insight)
                session.flush()
                summary = Summary(
                    owner_id=owner.id, insight_id=insight.id, updated_at=now - timedelta(minutes=n)
                )
                session.add(summary)
                session.flush()
                session.add(
                    SummaryVersion(
                        owner_id=owner.id,
                        summary_id=summary.id,
                        version=1,
                        template="own-words",
                        paragraph=long_paragraph(n),
                    )
                )
    finally:
        db.close()


def test_a_heavy_review_does_not_hold_up_another_persons_requests(settings: Settings) -> None:
    heavy = {"Authorization": f"Bearer {issue_token(settings, 'Heavy')}"}
    other = {"Authorization": f"Bearer {issue_token(settings, 'Other')}"}
    store_heavy_summaries(settings, "Heavy")
    took: list[tuple[int, float]] = []

    def review(url: str) -> None:
        started = time.monotonic()
        with httpx.Client(base_url=url, timeout=300) as client:
            answer = client.get("/api/review", params={"q": QUERY}, headers=heavy)
        took.append((answer.status_code, time.monotonic() - started))

    waits = []
    with (
        running_server(create_app(settings, run_worker=False)) as url,
        httpx.Client(base_url=url, timeout=300) as client,
    ):
        assert client.get("/api/me", headers=other).status_code == 200
        reviews = [threading.Thread(target=review, args=(url,)) for _ in range(HEAVY_REVIEWS)]
        for thread in reviews:
            thread.start()
        time.sleep(0.5)  # the reviews are under way
        while any(thread.is_alive() for thread in reviews) and len(waits) < 20:
            started = time.monotonic()
            assert client.get("/api/me", headers=other).status_code == 200
            waits.append(time.monotonic() - started)
        for thread in reviews:
            thread.join()
    assert [code for code, _ in took] == [200] * HEAVY_REVIEWS
    assert waits and max(waits) < ME_WITHIN_SECONDS, [round(wait, 2) for wait in waits]
