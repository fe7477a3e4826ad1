"""what a person's calendar reminders show: discreet (the default), the headline or the plan

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reminders",
                sa.Enum("discreet", "headline", "plan", name="reminder_text", native_enum=False, length=16),
                server_default="discreet",
                nullable=False,
            )
        )


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy of people would drop the old
    # table, and with foreign keys on that deletes everything every person owns.
    op.drop_column("people", "reminders")
