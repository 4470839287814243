"""accounts, moderation, history

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Adds users and their grants (role x scope), browser sessions, API tokens, password resets and sign-in attempts;
the moderation queue (proposals) and firms' claims; withdrawn statements; merges of duplicate records; and
contact consents of matched firms. Nothing existing changes. Generated from corridor.storage.tables, then kept
as written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES_CHILDREN_FIRST = (
    "withdrawals",
    "sessions",
    "proposals",
    "password_resets",
    "merges",
    "grants",
    "claims",
    "api_tokens",
    "users",
    "login_attempts",
    "contact_consents",
)


def upgrade() -> None:
    op.create_table(
        "contact_consents",
        sa.Column("need_id", sa.Text(), nullable=False),
        sa.Column("offer_id", sa.Text(), nullable=False),
        sa.Column("firm_id", sa.Text(), nullable=False, comment="the side that accepted"),
        sa.Column("accepted_by", sa.Text(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("need_id", "offer_id", "firm_id"),
        comment="Accepted matches: contact details are shown once both firms of a need-offer pair accept",
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False, comment="as typed, lower-cased"),
        sa.Column("remote", sa.Text(), server_default="", nullable=False, comment="client address"),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        comment="Sign-in attempts, for rate limiting and lockout",
    )
    op.create_index("ix_login_attempts_email_at", "login_attempts", ["email", "at"], unique=False)
    op.create_index("ix_login_attempts_remote_at", "login_attempts", ["remote", "at"], unique=False)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False, comment="lower-case; the sign-in name"),
        sa.Column("display_name", sa.Text(), nullable=False, comment="shown beside the changes the user makes"),
        sa.Column(
            "password_hash",
            sa.Text(),
            nullable=True,
            comment="argon2id hash; null: no password yet (set through a reset)",
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True, comment="null: active"),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False, comment="since the last success"),
        sa.Column(
            "locked_until",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="sign-in refused until then (too many failures)",
        ),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        comment="People and machines that sign in; the public needs no account",
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), server_default="", nullable=False, comment="what the token is for"),
        sa.Column("token_hash", sa.Text(), nullable=False, comment="sha256 of the token; shown once"),
        sa.Column("actions", sa.JSON(), nullable=False, comment="actions the token may do (within its user's rights)"),
        sa.Column("localities", sa.JSON(), nullable=False, comment="admin unit IDs it is limited to; [] = its user's"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Text(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
        comment="API tokens for machines: scoped, expiring, revocable",
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("firm_id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False, comment="why the claimant speaks for the firm"),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status", sa.Text(), server_default="pending", nullable=False, comment="pending, approved or rejected"
        ),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Firms' claims of their profiles; an approved claim grants the firm role on the firm",
    )
    op.create_table(
        "grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False, comment="investor, firm, zone_manager, agency, admin"),
        sa.Column(
            "scope", sa.Text(), nullable=False, comment="'*' (whole corridor), locality:VN-30, zone:ID or firm:ID"
        ),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "role", "scope", name="uq_grants_user_role_scope"),
        comment="Role x scope held by each user; the policy table decides what each role may do in its scope",
    )
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("kept_id", sa.Text(), nullable=False, comment="the record that stays"),
        sa.Column("merged_id", sa.Text(), nullable=False, comment="the duplicate folded into it"),
        sa.Column("score", sa.Float(), nullable=True, comment="resolution score; null: merged by hand"),
        sa.Column("method", sa.Text(), nullable=False, comment="automatic or reviewed"),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("merged_by", sa.Text(), nullable=False),
        sa.Column("write_id", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.Text(), nullable=True),
        sa.Column("undo_write_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["undo_write_id"],
            ["write_log.id"],
        ),
        sa.ForeignKeyConstraint(
            ["write_id"],
            ["write_log.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Duplicates merged by entity resolution or by hand; an unmerge is recorded, never deleted",
    )
    op.create_index("ix_merges_kind_merged", "merges", ["kind", "merged_id"], unique=False)
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.Text(), nullable=False, comment="sha256 of the one-time token mailed to the user"),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "used_at", sa.DateTime(timezone=True), nullable=True, comment="null: not used yet; a token works once"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("token_hash"),
        comment="One-time password reset tokens",
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False, comment="zones, firms, needs or offers"),
        sa.Column("record_id", sa.Text(), nullable=True, comment="record changed; null: a new record is proposed"),
        sa.Column("fields", sa.JSON(), nullable=False, comment="column -> proposed value"),
        sa.Column("source_title", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), server_default="", nullable=False),
        sa.Column("as_of", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.Text(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status", sa.Text(), server_default="pending", nullable=False, comment="pending, published or rejected"
        ),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True, comment="why it was rejected; shown to the contributor"),
        sa.Column("write_id", sa.Integer(), nullable=True, comment="the write that published it"),
        sa.ForeignKeyConstraint(
            ["write_id"],
            ["write_log.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Moderation queue: changes by anyone but a record's owner or an administrator",
    )
    op.create_index("ix_proposals_status", "proposals", ["status"], unique=False)
    op.create_table(
        "sessions",
        sa.Column(
            "id_hash", sa.Text(), nullable=False, comment="sha256 of the cookie value; the value is never stored"
        ),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.Text(), nullable=False, comment="echoed by every form of the session"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id_hash"),
        comment="Signed-in browser sessions",
    )
    op.create_index("ix_sessions_user", "sessions", ["user_id"], unique=False)
    op.create_table(
        "withdrawals",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("write_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
        ),
        sa.ForeignKeyConstraint(
            ["write_id"],
            ["write_log.id"],
        ),
        sa.PrimaryKeyConstraint("observation_id"),
        comment="Statements no longer used by the views (kept, so history shows them); a revert withdraws",
    )


def downgrade() -> None:
    for table in TABLES_CHILDREN_FIRST:
        op.drop_table(table)
