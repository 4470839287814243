"""needs and offers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "needs",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("firm_id", sa.Text(), nullable=False, comment="firm that posts it"),
        sa.Column("text_vi", sa.Text(), nullable=True),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("text_folded", sa.Text(), nullable=False, comment="folded vi and en text, for search"),
        sa.Column("category", sa.Text(), nullable=True, comment="part, material, process, service, goods"),
        sa.Column("hs_codes", sa.Text(), nullable=True),
        sa.Column("vsic", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("certifications", sa.Text(), nullable=True, comment="required (needs) or held (offers)"),
        sa.Column("place_id", sa.Text(), nullable=True, comment="delivery or supply province"),
        sa.Column("deadline", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True, comment="preferred source of the view"),
        sa.Column("as_of", sa.Text(), server_default="unknown", nullable=False, comment="as-of date of that source"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="when the view was rebuilt"),
        sa.Column("updated_by", sa.Text(), nullable=False, comment="user whose write rebuilt it"),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="What firms buy (parts, materials, processes, services, goods)",
    )
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.create_index("ix_needs_firm", ["firm_id"], unique=False)

    op.create_table(
        "offers",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("firm_id", sa.Text(), nullable=False, comment="firm that posts it"),
        sa.Column("text_vi", sa.Text(), nullable=True),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("text_folded", sa.Text(), nullable=False, comment="folded vi and en text, for search"),
        sa.Column("category", sa.Text(), nullable=True, comment="part, material, process, service, goods"),
        sa.Column("hs_codes", sa.Text(), nullable=True),
        sa.Column("vsic", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("certifications", sa.Text(), nullable=True, comment="required (needs) or held (offers)"),
        sa.Column("place_id", sa.Text(), nullable=True, comment="delivery or supply province"),
        sa.Column("capacity", sa.Float(), nullable=True),
        sa.Column("lead_time_days", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True, comment="preferred source of the view"),
        sa.Column("as_of", sa.Text(), server_default="unknown", nullable=False, comment="as-of date of that source"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="when the view was rebuilt"),
        sa.Column("updated_by", sa.Text(), nullable=False, comment="user whose write rebuilt it"),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="What firms supply, with capacity and lead time",
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index("ix_offers_firm", ["firm_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index("ix_offers_firm")

    op.drop_table("offers")
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.drop_index("ix_needs_firm")

    op.drop_table("needs")
