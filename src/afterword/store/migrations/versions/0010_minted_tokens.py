"""which token made a token (through its sign-in code), and which token made a code

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_api_tokens_parent_id"), ["parent_id"], unique=False)
    with op.batch_alter_table("signin_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_signin_codes_token_id"), ["token_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_signin_codes_token_id_api_tokens"),
            "api_tokens",
            ["token_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("signin_codes", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_signin_codes_token_id_api_tokens"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_signin_codes_token_id"))
        batch_op.drop_column("token_id")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_parent_id"))
        batch_op.drop_column("parent_id")
