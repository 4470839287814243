"""land still available in zones

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Adds to the zone view the land already leased and the land still available to lease, with how the latter is
known (`sourced`, or `derived` with the formula). Existing zones get the derived figure where their view has both
leasable land and occupancy; sourced figures arrive with the next import that states them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The same formula as corridor.registry.records.DERIVED_AVAILABLE, repeated so that this migration stays as written.
DERIVED_AVAILABLE = "leasable_ha × (1 − occupancy_pct / 100)"


def upgrade() -> None:
    op.add_column("zones", sa.Column("leased_ha", sa.Float(), comment="land already leased, as a source states it"))
    op.add_column("zones", sa.Column("available_ha", sa.Float(), comment="land still free to lease; null: unknown"))
    op.add_column(
        "zones",
        sa.Column("available_basis", sa.Text(), comment="sourced, or derived (from leasable_ha and occupancy_pct)"),
    )
    op.add_column(
        "zones", sa.Column("available_derivation", sa.Text(), comment="how a derived available_ha was computed")
    )
    zones = sa.table(
        "zones",
        sa.column("leasable_ha", sa.Float),
        sa.column("occupancy_pct", sa.Float),
        sa.column("available_ha", sa.Float),
        sa.column("available_basis", sa.Text),
        sa.column("available_derivation", sa.Text),
    )
    free_ha = zones.c.leasable_ha * (1 - zones.c.occupancy_pct / 100.0)
    rounded_ha = sa.cast(sa.func.round(sa.cast(free_ha, sa.Numeric), 2), sa.Float)  # PostgreSQL rounds numerics only
    op.execute(
        zones.update()
        .where(zones.c.leasable_ha.is_not(None), zones.c.occupancy_pct.is_not(None))
        .values(
            available_ha=sa.case((free_ha < 0, 0.0), else_=rounded_ha),
            available_basis="derived",
            available_derivation=DERIVED_AVAILABLE,
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("zones") as batch_op:
        for column in ("available_derivation", "available_basis", "available_ha", "leased_ha"):
            batch_op.drop_column(column)
