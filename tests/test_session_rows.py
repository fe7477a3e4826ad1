"""The CLI review's rows over SQLAlchemy hold no transaction between reads: it waits on a
person between them, and on PostgreSQL an open one would sit idle in transaction meanwhile."""

import uuid
from datetime import UTC, datetime

from afterword.store.db import Database
from afterword.store.reading import SessionRows


def test_a_read_ends_its_transaction_and_a_write_keeps_its_own(db: Database) -> None:
    with db.read() as session:
        rows = SessionRows(session, end_reads=True)
        assert rows.all("SELECT count(*) FROM people") == [(0,)]
        assert not session.in_transaction()
        with rows.transaction():
            rows.run("INSERT INTO people (id, name, created_at) VALUES (:id, :name, :at)", **person_row())
            assert rows.all("SELECT name FROM people") == [("Sam",)]
            assert session.in_transaction()  # the read inside the write did not end it
        assert not session.in_transaction()
    with db.read() as session:
        assert SessionRows(session).all("SELECT name FROM people") == [("Sam",)]
        assert session.in_transaction()  # by default a read is part of the caller's transaction


def person_row() -> dict[str, object]:
    return {"id": uuid.uuid4(), "name": "Sam", "at": datetime.now(UTC)}
