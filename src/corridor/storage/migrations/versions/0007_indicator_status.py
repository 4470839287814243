"""indicator status: how final a figure is

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Adds to each indicator fact the status its source gives it (early estimate, preliminary, official report,
compiled from a weak source...), so that preliminary and final figures of the same year stay apart and readers
see which is which. Existing facts get none: their sources did not say.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "indicators",
        sa.Column(
            "status", sa.Text(), comment="how final the figure is, as its source says (estimate, preliminary...)"
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.drop_column("status")
