"""investors' inquiries to management boards

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01

One inquiry about a shortlist of zones, and one row per management board it reached with that board's status
(received, answered, site visit, closed) and response time. The investor's private link is stored only as its
SHA-256. Nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inquiries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.Text(), nullable=False, comment="SHA-256 of the investor's private link"),
        sa.Column("investor", sa.Text(), nullable=False, comment="e-mail address of the investor who sent it"),
        sa.Column("message", sa.Text(), nullable=False, comment="the investor's message"),
        sa.Column(
            "zone_ids", sa.JSON(), nullable=False, comment="the shortlisted zones (IDs), in the investor's order"
        ),
        sa.Column("brief", sa.JSON(), server_default="{}", nullable=False, comment="the brief the shortlist came from"),
        sa.Column(
            "unreached", sa.JSON(), server_default="[]", nullable=False, comment="[zone, province] without a board"
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_sha256"),
        comment="Investors' inquiries about a shortlist of zones (one inquiry, many boards)",
    )
    op.create_table(
        "inquiry_recipients",
        sa.Column("inquiry_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Text(), nullable=False, comment="management board (bundled siting/boards.csv id)"),
        sa.Column("board_name", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False, comment="2025 province the board is the focal point of"),
        sa.Column("email", sa.Text(), server_default="", nullable=False, comment="board address when sent; '' = none"),
        sa.Column("zone_ids", sa.JSON(), nullable=False, comment="the inquiry's zones this board answers for"),
        sa.Column(
            "status",
            sa.Text(),
            server_default="received",
            nullable=False,
            comment="received/answered/site_visit/closed",
        ),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True, comment="when the status last changed"),
        sa.Column(
            "first_response_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="first change from received: response time",
        ),
        sa.Column(
            "note", sa.Text(), server_default="", nullable=False, comment="the board's note with its last status"
        ),
        sa.Column("updated_by", sa.Text(), server_default="", nullable=False, comment="who set the last status"),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("inquiry_id", "board_id"),
        comment="Each board an inquiry reached, with its own status and response time",
    )


def downgrade() -> None:
    op.drop_table("inquiry_recipients")
    op.drop_table("inquiries")
