"""one-time sign-in codes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signin_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_signin_codes_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_signin_codes_code_hash")),
    )
    with op.batch_alter_table("signin_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signin_codes_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signin_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signin_codes_person_id"))
    op.drop_table("signin_codes")
