"""between sessions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "focuses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_focuses_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focuses")),
    )
    with op.batch_alter_table("focuses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_focuses_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "therapy_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_therapy_sessions_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_therapy_sessions")),
        sa.UniqueConstraint("owner_id", "starts_at", name=op.f("uq_therapy_sessions_owner_id")),
    )
    with op.batch_alter_table("therapy_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_therapy_sessions_owner_id"), ["owner_id"], unique=False)

    with op.batch_alter_table("insights", schema=None) as batch_op:
        batch_op.add_column(sa.Column("therapy_session_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_insights_therapy_session_id"), ["therapy_session_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_insights_therapy_session_id_therapy_sessions"),
            "therapy_sessions",
            ["therapy_session_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "week_reflections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("template", sa.String(length=100), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_week_reflections_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_week_reflections")),
    )
    with op.batch_alter_table("week_reflections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_week_reflections_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "summaries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("insight_id", sa.Uuid(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["insight_id"], ["insights.id"], name=op.f("fk_summaries_insight_id_insights"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_summaries_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summaries")),
        sa.UniqueConstraint("insight_id", name=op.f("uq_summaries_insight_id")),
    )
    with op.batch_alter_table("summaries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_summaries_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "summary_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("summary_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=100), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("paragraph", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_summary_versions_owner_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["summary_id"],
            ["summaries.id"],
            name=op.f("fk_summary_versions_summary_id_summaries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary_versions")),
        sa.UniqueConstraint("summary_id", "version", name=op.f("uq_summary_versions_summary_id")),
    )
    with op.batch_alter_table("summary_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_summary_versions_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_summary_versions_summary_id"), ["summary_id"], unique=False)

    op.create_table(
        "triggers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("summary_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("time", "situation", "person", name="trigger_kind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("minute_of_day", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_triggers_owner_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["summary_id"],
            ["summaries.id"],
            name=op.f("fk_triggers_summary_id_summaries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_triggers")),
    )
    with op.batch_alter_table("triggers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_triggers_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_triggers_summary_id"), ["summary_id"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("summary_id", sa.Uuid(), nullable=False),
        sa.Column("trigger_id", sa.Uuid(), nullable=True),
        sa.Column(
            "answer",
            sa.Enum("helped", "not_helped", "skipped", name="review_answer", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_reviews_owner_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["summary_id"], ["summaries.id"], name=op.f("fk_reviews_summary_id_summaries"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["trigger_id"], ["triggers.id"], name=op.f("fk_reviews_trigger_id_triggers"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviews_summary_id"), ["summary_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviews_trigger_id"), ["trigger_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_trigger_id"))
        batch_op.drop_index(batch_op.f("ix_reviews_summary_id"))
        batch_op.drop_index(batch_op.f("ix_reviews_owner_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("triggers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_triggers_summary_id"))
        batch_op.drop_index(batch_op.f("ix_triggers_owner_id"))

    op.drop_table("triggers")
    with op.batch_alter_table("summary_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summary_versions_summary_id"))
        batch_op.drop_index(batch_op.f("ix_summary_versions_owner_id"))

    op.drop_table("summary_versions")
    with op.batch_alter_table("summaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summaries_owner_id"))

    op.drop_table("summaries")
    with op.batch_alter_table("week_reflections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_week_reflections_owner_id"))

    op.drop_table("week_reflections")
    with op.batch_alter_table("insights", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_insights_therapy_session_id_therapy_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_insights_therapy_session_id"))
        batch_op.drop_column("therapy_session_id")

    with op.batch_alter_table("therapy_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_therapy_sessions_owner_id"))

    op.drop_table("therapy_sessions")
    with op.batch_alter_table("focuses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_focuses_owner_id"))

    op.drop_table("focuses")
