"""scenarios

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column(
            "definition", sa.JSON(), nullable=False, comment="description, year and changes (see docs/logistics.md)"
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
        comment="Named freight-network scenarios",
    )


def downgrade() -> None:
    op.drop_table("scenarios")
