"""your words: corrections kept as versions, a personal vocabulary, and "no speech heard"

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = ("queued", "running", "done", "failed")
NEW_STATUSES = (*OLD_STATUSES, "no_speech")


def upgrade() -> None:
    op.create_table(
        "segment_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_segment_versions_owner_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_segment_versions_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_versions")),
        sa.UniqueConstraint("segment_id", "version", name=op.f("uq_segment_versions_segment_id")),
    )
    with op.batch_alter_table("segment_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_segment_versions_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_segment_versions_segment_id"), ["segment_id"], unique=False)

    op.create_table(
        "vocabulary_words",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("word", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_vocabulary_words_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_words")),
        sa.UniqueConstraint("owner_id", "word", name=op.f("uq_vocabulary_words_owner_id")),
    )
    with op.batch_alter_table("vocabulary_words", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vocabulary_words_owner_id"), ["owner_id"], unique=False)

    set_job_statuses(OLD_STATUSES, NEW_STATUSES)


def downgrade() -> None:
    op.execute("UPDATE jobs SET status = 'failed' WHERE status = 'no_speech'")
    set_job_statuses(NEW_STATUSES, OLD_STATUSES)
    with op.batch_alter_table("vocabulary_words", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vocabulary_words_owner_id"))
    op.drop_table("vocabulary_words")
    with op.batch_alter_table("segment_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_segment_versions_segment_id"))
        batch_op.drop_index(batch_op.f("ix_segment_versions_owner_id"))
    op.drop_table("segment_versions")


def set_job_statuses(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """PostgreSQL's job_status type gains (or loses) a value; SQLite's column is a VARCHAR."""
    if op.get_bind().dialect.name != "postgresql":
        with op.batch_alter_table("jobs", schema=None) as batch_op:
            batch_op.alter_column(
                "status",
                existing_type=sa.Enum(*old, name="job_status"),
                type_=sa.Enum(*new, name="job_status"),
                existing_nullable=False,
            )
        return
    if set(new) > set(old):
        for value in sorted(set(new) - set(old)):
            op.execute(f"ALTER TYPE job_status ADD VALUE IF NOT EXISTS '{value}'")
        return
    # A PostgreSQL enum cannot drop a value: make the type again without it.
    op.execute("ALTER TYPE job_status RENAME TO job_status_old")
    sa.Enum(*new, name="job_status").create(op.get_bind())
    op.execute("ALTER TABLE jobs ALTER COLUMN status TYPE job_status USING status::text::job_status")
    op.execute("DROP TYPE job_status_old")
