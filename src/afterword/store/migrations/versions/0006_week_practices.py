"""the week between sessions: partnerships and the practices

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_check_ins_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_ins_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "partnerships",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("inviter_id", sa.Uuid(), nullable=False),
        sa.Column("invitee_name", sa.String(length=100), nullable=False),
        sa.Column("invitee_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "active",
                "declined",
                "ended",
                name="partnership_status",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["invitee_id"], ["people.id"], name=op.f("fk_partnerships_invitee_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["inviter_id"], ["people.id"], name=op.f("fk_partnerships_inviter_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnerships")),
    )
    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnerships_invitee_id"), ["invitee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_partnerships_invitee_name"), ["invitee_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_partnerships_inviter_id"), ["inviter_id"], unique=False)

    op.create_table(
        "repair_uses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_repair_uses_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repair_uses")),
    )
    with op.batch_alter_table("repair_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_repair_uses_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "rituals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_rituals_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rituals")),
    )
    with op.batch_alter_table("rituals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rituals_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "appreciations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partnership_id", sa.Uuid(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_appreciations_owner_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_appreciations_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appreciations")),
    )
    with op.batch_alter_table("appreciations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appreciations_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appreciations_partnership_id"), ["partnership_id"], unique=False)

    op.create_table(
        "marks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("memo_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["memo_id"], ["memos.id"], name=op.f("fk_marks_memo_id_memos"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_marks_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marks")),
    )
    with op.batch_alter_table("marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_marks_marked_at"), ["marked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_marks_memo_id"), ["memo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_marks_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "moments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("memo_id", sa.Uuid(), nullable=True),
        sa.Column("what_happened", sa.Text(), nullable=True),
        sa.Column("felt", sa.Text(), nullable=True),
        sa.Column("tried", sa.Text(), nullable=True),
        sa.Column("stuck", sa.Text(), nullable=True),
        sa.Column("helped", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["memo_id"], ["memos.id"], name=op.f("fk_moments_memo_id_memos"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_moments_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moments")),
        sa.UniqueConstraint("memo_id", name=op.f("uq_moments_memo_id")),
    )
    with op.batch_alter_table("moments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moments_happened_at"), ["happened_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_moments_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "repair_phrases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("partnership_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "own",
                "proposed",
                "agreed",
                "countered",
                "retired",
                name="repair_status",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"], name=op.f("fk_repair_phrases_author_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_repair_phrases_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repair_phrases")),
    )
    with op.batch_alter_table("repair_phrases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_repair_phrases_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_repair_phrases_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "ritual_marks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("ritual_id", sa.Uuid(), nullable=False),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_ritual_marks_owner_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ritual_id"], ["rituals.id"], name=op.f("fk_ritual_marks_ritual_id_rituals"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ritual_marks")),
    )
    with op.batch_alter_table("ritual_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ritual_marks_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ritual_marks_ritual_id"), ["ritual_id"], unique=False)

    op.create_table(
        "recalls",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("insight_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column(
            "answer",
            sa.Enum("recalled", "partly", "not_yet", name="recall_answer", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("recalled_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["insight_id"], ["insights.id"], name=op.f("fk_recalls_insight_id_insights"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_recalls_owner_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recalls")),
    )
    with op.batch_alter_table("recalls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recalls_insight_id"), ["insight_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recalls_owner_id"), ["owner_id"], unique=False)

    with op.batch_alter_table("memos", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum("insight", "moment", name="memo_kind", native_enum=False, length=16),
                server_default="insight",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("charge", sa.Integer(), nullable=True))

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("charge", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy of memos would drop the old
    # table, and with foreign keys on that deletes every transcript and insight with it.
    op.drop_column("reviews", "charge")
    op.drop_column("memos", "charge")
    op.drop_column("memos", "kind")

    with op.batch_alter_table("recalls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recalls_owner_id"))
        batch_op.drop_index(batch_op.f("ix_recalls_insight_id"))

    op.drop_table("recalls")
    with op.batch_alter_table("ritual_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ritual_marks_ritual_id"))
        batch_op.drop_index(batch_op.f("ix_ritual_marks_owner_id"))

    op.drop_table("ritual_marks")
    with op.batch_alter_table("repair_phrases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_repair_phrases_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_repair_phrases_author_id"))

    op.drop_table("repair_phrases")
    with op.batch_alter_table("moments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moments_owner_id"))
        batch_op.drop_index(batch_op.f("ix_moments_happened_at"))

    op.drop_table("moments")
    with op.batch_alter_table("marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_marks_owner_id"))
        batch_op.drop_index(batch_op.f("ix_marks_memo_id"))
        batch_op.drop_index(batch_op.f("ix_marks_marked_at"))

    op.drop_table("marks")
    with op.batch_alter_table("appreciations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appreciations_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_appreciations_owner_id"))

    op.drop_table("appreciations")
    with op.batch_alter_table("rituals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rituals_owner_id"))

    op.drop_table("rituals")
    with op.batch_alter_table("repair_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_repair_uses_owner_id"))

    op.drop_table("repair_uses")
    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnerships_inviter_id"))
        batch_op.drop_index(batch_op.f("ix_partnerships_invitee_name"))
        batch_op.drop_index(batch_op.f("ix_partnerships_invitee_id"))

    op.drop_table("partnerships")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_ins_owner_id"))

    op.drop_table("check_ins")
