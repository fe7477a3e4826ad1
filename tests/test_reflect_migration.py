"""Revision 0003 (the between-session tables) on a database that already holds insights."""

import uuid
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, inspect, text

from afterword.store.db import make_engine
from afterword.store.migrations.runner import alembic_config, upgrade_to_head

OWNER, MEMO, INSIGHT = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex
ROWS = [
    f"INSERT INTO people (id, name, created_at) VALUES ('{OWNER}', 'me', '2026-11-01 10:00:00.000000')",
    "INSERT INTO memos (id, owner_id, sha256, size_bytes, duration_seconds, created_at) VALUES "
    f"('{MEMO}', '{OWNER}', '{'0' * 64}', 10, 1.5, '2026-11-01 10:00:00.000000')",
    "INSERT INTO insights (id, owner_id, memo_id, text, headline, captured_at, created_at) VALUES "
    f"('{INSIGHT}', '{OWNER}', '{MEMO}', 'It landed.', 'It landed.', '2026-11-01 10:00:00.000000', "
    "'2026-11-01 10:00:00.000000')",
]


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
        connection.commit()


def test_insights_survive_the_upgrade_and_a_round_trip(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0002")
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT headline, therapy_session_id FROM insights")).all() == [
            ("It landed.", None)
        ]
    assert {
        "therapy_sessions",
        "summaries",
        "summary_versions",
        "triggers",
        "reviews",
        "focuses",
        "week_reflections",
    } <= set(inspect(engine).get_table_names())
    migrate(engine, "0002", down=True)
    assert "summaries" not in inspect(engine).get_table_names()
    assert "therapy_session_id" not in {c["name"] for c in inspect(engine).get_columns("insights")}
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM insights")).scalar() == 1
    engine.dispose()
