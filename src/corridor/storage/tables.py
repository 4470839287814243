"""The database schema as SQLAlchemy Core tables; Alembic migrations create it (see migrations/versions).

Design (docs/adr/0002-observations-and-views.md): every imported row is kept as an *observation* (one source's
statement about one record). The `zones`, `firms` and `nodes` tables are the current view, rebuilt from the
observations after every write, so conflicting figures from different sources all survive. Every write also
appends to `write_log` in its own transaction (docs/adr/0004-write-log.md).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

_TEXT = sa.Text


def _provenance_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), comment="preferred source of the view"),
        sa.Column("as_of", _TEXT, nullable=False, server_default="unknown", comment="as-of date of that source"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="when the view was rebuilt"),
        sa.Column("updated_by", _TEXT, nullable=False, comment="user whose write rebuilt it"),
        sa.Column(
            "sources",
            sa.JSON,
            nullable=False,
            server_default="[]",
            comment="every source's statement and the fields it supplies now, listed when the view is rebuilt",
        ),
    ]


sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", _TEXT, nullable=False, comment="title of the page, document or dataset"),
    sa.Column("url", _TEXT, nullable=False, server_default="", comment="address or document reference"),
    sa.Column("as_of", _TEXT, nullable=False, server_default="unknown", comment="date the source speaks for"),
    sa.Column("first_loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("loaded_by", _TEXT, nullable=False),
    sa.UniqueConstraint("title", "url", "as_of", name="uq_sources_title_url_as_of"),
    comment="Every cited source; each fact points at one",
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", _TEXT, nullable=False, comment="zones, firms, nodes or indicators"),
    sa.Column("file_name", _TEXT, nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("added_count", sa.Integer, nullable=False, comment="observations that were new"),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("loaded_by", _TEXT, nullable=False),
    comment="Audit log of every import",
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", _TEXT, nullable=False, comment="zones, firms or nodes"),
    sa.Column("record_id", _TEXT, nullable=False, comment="stable public ID of the record described"),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("fields", sa.JSON, nullable=False, comment="what this source states: column -> value"),
    sa.Column("fields_hash", _TEXT, nullable=False, comment="sha256 of the fields, for idempotent re-import"),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("loaded_by", _TEXT, nullable=False),
    sa.UniqueConstraint("kind", "record_id", "source_id", "fields_hash", name="uq_observations_statement"),
    sa.Index("ix_observations_record", "kind", "record_id"),
    comment="One source's statement about one record; never overwritten",
)

admin_units = sa.Table(
    "admin_units",
    metadata,
    sa.Column("id", _TEXT, primary_key=True, comment="VN-31 (pre-2025), VN-31-2025 (from 2025-07-01), CN-YN"),
    sa.Column("code", _TEXT, nullable=False, comment="GSO code (Vietnam) or ISO 3166-2 (elsewhere)"),
    sa.Column("name", _TEXT, nullable=False, comment="short name, e.g. Hải Phòng"),
    sa.Column("official_name", _TEXT, nullable=False, comment="e.g. Thành phố Hải Phòng"),
    sa.Column("name_en", _TEXT, nullable=False),
    sa.Column("name_folded", _TEXT, nullable=False, comment="lower-case, no diacritics, for search"),
    sa.Column("level", _TEXT, nullable=False, comment="province or commune"),
    sa.Column("country", _TEXT, nullable=False, comment="ISO 3166-1 alpha-2"),
    sa.Column("parent_id", _TEXT, sa.ForeignKey("admin_units.id"), comment="province of a commune"),
    sa.Column("valid_from", sa.Date, comment="null: before the records start"),
    sa.Column("valid_to", sa.Date, comment="null: still valid"),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Index("ix_admin_units_folded", "level", "name_folded"),
    comment="Provinces and communes, each version valid over a period",
)

admin_successions = sa.Table(
    "admin_successions",
    metadata,
    sa.Column("old_id", _TEXT, sa.ForeignKey("admin_units.id"), primary_key=True),
    sa.Column("new_id", _TEXT, sa.ForeignKey("admin_units.id"), primary_key=True),
    sa.Column("effective", sa.Date, nullable=False, comment="first day of the new unit"),
    sa.Column("whole", sa.Boolean, nullable=False, comment="the whole old unit went to the new one"),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    comment="Old unit -> new unit (the 1 July 2025 merger)",
)

corridors = sa.Table(
    "corridors",
    metadata,
    sa.Column("id", _TEXT, primary_key=True),
    sa.Column("name_vi", _TEXT, nullable=False),
    sa.Column("name_en", _TEXT, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    comment="Named groups of localities",
)

corridor_members = sa.Table(
    "corridor_members",
    metadata,
    sa.Column("corridor_id", _TEXT, sa.ForeignKey("corridors.id"), primary_key=True),
    sa.Column("unit_id", _TEXT, sa.ForeignKey("admin_units.id"), primary_key=True),
    sa.Column("valid_from", sa.Date),
    sa.Column("valid_to", sa.Date),
    comment="Which localities a corridor holds, over time",
)

zones = sa.Table(
    "zones",
    metadata,
    sa.Column("id", _TEXT, primary_key=True, comment="stable public ID (slug of the first name)"),
    sa.Column("name_vi", _TEXT, nullable=False),
    sa.Column("name_en", _TEXT),
    sa.Column("name_folded", _TEXT, nullable=False, comment="folded vi and en names, for search"),
    sa.Column("zone_type", _TEXT, nullable=False, comment="KCN industrial park, KKT economic zone, CCN cluster"),
    sa.Column("kkt_kind", _TEXT, comment="coastal or border_gate, for KKT"),
    sa.Column("is_high_tech", sa.Boolean),
    sa.Column("is_specialised", sa.Boolean),
    sa.Column("is_eco", sa.Boolean, comment="eco-industrial park; null: unknown"),
    sa.Column("parent_id", _TEXT, comment="economic zone this park lies in"),
    sa.Column("province_id", _TEXT, sa.ForeignKey("admin_units.id"), comment="province from 2025-07-01"),
    sa.Column("province_pre2025_id", _TEXT, sa.ForeignKey("admin_units.id"), comment="province before"),
    sa.Column("address", _TEXT),
    sa.Column("status", _TEXT, nullable=False, comment="planned, under_construction, operating, unknown"),
    sa.Column("status_note", _TEXT, comment="status as the source words it"),
    sa.Column("developer", _TEXT),
    sa.Column("established", _TEXT),
    sa.Column("target_industries", _TEXT),
    sa.Column("target_vsic", _TEXT, comment="VSIC codes, ;-separated"),
    sa.Column("area_ha", sa.Float, comment="total area"),
    sa.Column("area_ha_max", sa.Float),
    sa.Column("industrial_area_ha", sa.Float),
    sa.Column("leasable_ha", sa.Float),
    sa.Column("occupancy_pct", sa.Float),
    sa.Column("leased_ha", sa.Float, comment="land already leased, as a source states it"),
    sa.Column("available_ha", sa.Float, comment="land still free to lease; null: unknown"),
    sa.Column("available_basis", _TEXT, comment="sourced, or derived (from leasable_ha and occupancy_pct)"),
    sa.Column("available_derivation", _TEXT, comment="how a derived available_ha was computed"),
    sa.Column("power_supply", _TEXT),
    sa.Column("water_supply", _TEXT),
    sa.Column("wastewater", _TEXT),
    sa.Column("board_contact", _TEXT, comment="management board (one-stop focal point)"),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("polygon_geojson", _TEXT, comment="boundary as GeoJSON, when known"),
    sa.Column("precision", _TEXT, nullable=False, comment="site, approximate, ward, district, province, unknown"),
    sa.Column("location_note", _TEXT),
    sa.Column("notes", _TEXT),
    *_provenance_columns(),
    sa.Index("ix_zones_province", "province_id"),
    sa.Index("ix_zones_province_pre2025", "province_pre2025_id"),
    comment="Current view of industrial parks, economic zones and clusters",
)

firms = sa.Table(
    "firms",
    metadata,
    sa.Column("id", _TEXT, primary_key=True),
    sa.Column("name", _TEXT, nullable=False),
    sa.Column("name_folded", _TEXT, nullable=False),
    sa.Column("tax_code", _TEXT, comment="Vietnamese MST, validated"),
    sa.Column("origin_country", _TEXT),
    sa.Column("province_id", _TEXT, sa.ForeignKey("admin_units.id")),
    sa.Column("zone_id", _TEXT),
    sa.Column("address", _TEXT),
    sa.Column("role", _TEXT, nullable=False, comment="lead_firm, supplier, logistics_provider, developer"),
    sa.Column("sector", _TEXT),
    sa.Column("vsic", _TEXT),
    sa.Column("products_vi", _TEXT),
    sa.Column("products_en", _TEXT),
    sa.Column("hs_codes", _TEXT),
    sa.Column("certifications", _TEXT),
    sa.Column("employees", sa.Integer),
    sa.Column("investment_usd", sa.Float),
    sa.Column("year", sa.Integer),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("notes", _TEXT),
    *_provenance_columns(),
    sa.Index("ix_firms_zone", "zone_id"),
    sa.Index("ix_firms_tax_code", "tax_code"),
    comment="Current view of firms",
)

nodes = sa.Table(
    "nodes",
    metadata,
    sa.Column("id", _TEXT, primary_key=True),
    sa.Column("name", _TEXT, nullable=False),
    sa.Column("name_folded", _TEXT, nullable=False),
    sa.Column("node_type", _TEXT, nullable=False, comment="seaport, seaport_terminal, berth, airport, ..."),
    sa.Column("status", _TEXT, nullable=False),
    sa.Column("province_id", _TEXT, sa.ForeignKey("admin_units.id")),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("precision", _TEXT, nullable=False),
    sa.Column("attributes", _TEXT, comment="key=value pairs from the source"),
    sa.Column("notes", _TEXT),
    *_provenance_columns(),
    comment="Current view of infrastructure nodes",
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("locality_id", _TEXT, sa.ForeignKey("admin_units.id"), nullable=False),
    sa.Column("locality_label", _TEXT, nullable=False, comment="locality as the source names it"),
    sa.Column("year", sa.Integer, comment="null: the source gives no year"),
    sa.Column("indicator", _TEXT, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", _TEXT, nullable=False),
    sa.Column("note", _TEXT),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("loaded_by", _TEXT, nullable=False),
    sa.Column("status", _TEXT, comment="how final the figure is, as its source says (estimate, preliminary...)"),
    sa.UniqueConstraint("locality_id", "year", "indicator", "source_id", "value", name="uq_indicator_fact"),
    comment="Locality x year x indicator facts; each source's figure is kept",
)


def _exchange_table(name: str, comment: str, *extra: sa.Column[object]) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("id", _TEXT, primary_key=True),
        sa.Column("firm_id", _TEXT, nullable=False, comment="firm that posts it"),
        sa.Column("text_vi", _TEXT),
        sa.Column("text_en", _TEXT),
        sa.Column("text_folded", _TEXT, nullable=False, comment="folded vi and en text, for search"),
        sa.Column("category", _TEXT, comment="part, material, process, service, goods"),
        sa.Column("hs_codes", _TEXT),
        sa.Column("vsic", _TEXT),
        sa.Column("quantity", sa.Float),
        sa.Column("unit", _TEXT),
        sa.Column("certifications", _TEXT, comment="required (needs) or held (offers)"),
        sa.Column("place_id", _TEXT, sa.ForeignKey("admin_units.id"), comment="delivery or supply province"),
        *extra,
        sa.Column("notes", _TEXT),
        *_provenance_columns(),
        sa.Index(f"ix_{name}_firm", "firm_id"),
        comment=comment,
    )


needs = _exchange_table(
    "needs", "What firms buy (parts, materials, processes, services, goods)", sa.Column("deadline", _TEXT)
)
offers = _exchange_table(
    "offers",
    "What firms supply, with capacity and lead time",
    sa.Column("capacity", sa.Float),
    sa.Column("lead_time_days", sa.Integer),
)

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("name", _TEXT, primary_key=True),
    sa.Column("definition", sa.JSON, nullable=False, comment="description, year and changes (see docs/logistics.md)"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", _TEXT, nullable=False),
    comment="Named freight-network scenarios",
)

write_log = sa.Table(
    "write_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, comment="grows with every write; the largest is the data version"),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, comment="when the write happened (UTC)"),
    sa.Column("actor", _TEXT, nullable=False, comment="who wrote: CORRIDOR_USER or the X-Corridor-User header"),
    sa.Column("action", _TEXT, nullable=False, comment="import, scenario_save, scenario_delete or reference_load"),
    sa.Column("kind", _TEXT, nullable=False, comment="what was written: zones, firms, ..., scenarios, reference"),
    sa.Column("record_count", sa.Integer, nullable=False, comment="records touched, listed in write_log_records"),
    sa.Column("detail", sa.JSON, nullable=False, comment="short facts: file name, rows read, statements added"),
    sqlite_autoincrement=True,  # never reuse an ID, so the data version only grows
    comment="Append-only log of every write, written in the write's own transaction; triggers refuse changes",
)

write_log_records = sa.Table(
    "write_log_records",
    metadata,
    sa.Column("write_id", sa.Integer, sa.ForeignKey("write_log.id"), primary_key=True),
    sa.Column("kind", _TEXT, primary_key=True, comment="kind of the record touched"),
    sa.Column("record_id", _TEXT, primary_key=True, comment="public ID of the record (a scenario's name)"),
    sa.Index("ix_write_log_records_record", "kind", "record_id"),
    comment="Which records each write touched, indexed for a record's history; append-only too",
)

hs_codes = sa.Table(
    "hs_codes",
    metadata,
    sa.Column("code", _TEXT, primary_key=True),
    sa.Column("level", sa.Integer, nullable=False),
    sa.Column("parent", _TEXT),
    sa.Column("section", _TEXT),
    sa.Column("description_en", _TEXT, nullable=False),
    comment="HS 2022 chapters, headings and subheadings",
)

vsic_codes = sa.Table(
    "vsic_codes",
    metadata,
    sa.Column("code", _TEXT, primary_key=True),
    sa.Column("level", sa.Integer, nullable=False),
    sa.Column("parent", _TEXT),
    sa.Column("section", _TEXT),
    sa.Column("name_vi", _TEXT, nullable=False),
    comment="VSIC industry codes (partial list, see SOURCES.md)",
)


# Accounts, contribution and moderation (docs/adr/0007-accounts-and-policy.md). Users hold grants: a role over a
# scope (the whole corridor, a locality as its admin unit ID, one zone or one firm). Secrets are stored hashed.

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", _TEXT, nullable=False, unique=True, comment="lower-case; the sign-in name"),
    sa.Column("display_name", _TEXT, nullable=False, comment="shown beside the changes the user makes"),
    sa.Column("password_hash", _TEXT, comment="argon2id hash; null: no password yet (set through a reset)"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", _TEXT, nullable=False),
    sa.Column("disabled_at", sa.DateTime(timezone=True), comment="null: active"),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0", comment="since the last success"),
    sa.Column("locked_until", sa.DateTime(timezone=True), comment="sign-in refused until then (too many failures)"),
    sa.Column("last_login_at", sa.DateTime(timezone=True)),
    comment="People and machines that sign in; the public needs no account",
)

grants = sa.Table(
    "grants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("role", _TEXT, nullable=False, comment="investor, firm, zone_manager, agency, admin"),
    sa.Column("scope", _TEXT, nullable=False, comment="'*' (whole corridor), locality:VN-30, zone:ID or firm:ID"),
    sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("granted_by", _TEXT, nullable=False),
    sa.UniqueConstraint("user_id", "role", "scope", name="uq_grants_user_role_scope"),
    comment="Role x scope held by each user; the policy table decides what each role may do in its scope",
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id_hash", _TEXT, primary_key=True, comment="sha256 of the cookie value; the value is never stored"),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("csrf_token", _TEXT, nullable=False, comment="echoed by every form of the session"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_sessions_user", "user_id"),
    comment="Signed-in browser sessions",
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("name", _TEXT, nullable=False, server_default="", comment="what the token is for"),
    sa.Column("token_hash", _TEXT, nullable=False, unique=True, comment="sha256 of the token; shown once"),
    sa.Column("actions", sa.JSON, nullable=False, comment="actions the token may do (within its user's rights)"),
    sa.Column("localities", sa.JSON, nullable=False, comment="admin unit IDs it is limited to; [] = its user's"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", _TEXT, nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    sa.Column("revoked_by", _TEXT),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
    comment="API tokens for machines: scoped, expiring, revocable",
)

password_resets = sa.Table(
    "password_resets",
    metadata,
    sa.Column("token_hash", _TEXT, primary_key=True, comment="sha256 of the one-time token mailed to the user"),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True), comment="null: not used yet; a token works once"),
    comment="One-time password reset tokens",
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", _TEXT, nullable=False, comment="as typed, lower-cased"),
    sa.Column("remote", _TEXT, nullable=False, server_default="", comment="client address"),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("succeeded", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempts_email_at", "email", "at"),
    sa.Index("ix_login_attempts_remote_at", "remote", "at"),
    comment="Sign-in attempts, for rate limiting and lockout",
)

proposals = sa.Table(
    "proposals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", _TEXT, nullable=False, comment="zones, firms, needs or offers"),
    sa.Column("record_id", _TEXT, comment="record changed; null: a new record is proposed"),
    sa.Column("fields", sa.JSON, nullable=False, comment="column -> proposed value"),
    sa.Column("source_title", _TEXT, nullable=False),
    sa.Column("source_url", _TEXT, nullable=False, server_default=""),
    sa.Column("as_of", _TEXT, nullable=False),
    sa.Column("proposed_by", _TEXT, nullable=False),
    sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", _TEXT, nullable=False, server_default="pending", comment="pending, published or rejected"),
    sa.Column("decided_by", _TEXT),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("reason", _TEXT, comment="why it was rejected; shown to the contributor"),
    sa.Column("write_id", sa.Integer, sa.ForeignKey("write_log.id"), comment="the write that published it"),
    sa.Index("ix_proposals_status", "status"),
    comment="Moderation queue: changes by anyone but a record's owner or an administrator",
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("firm_id", _TEXT, nullable=False),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("evidence", _TEXT, nullable=False, comment="why the claimant speaks for the firm"),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", _TEXT, nullable=False, server_default="pending", comment="pending, approved or rejected"),
    sa.Column("decided_by", _TEXT),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("reason", _TEXT),
    comment="Firms' claims of their profiles; an approved claim grants the firm role on the firm",
)

withdrawals = sa.Table(
    "withdrawals",
    metadata,
    sa.Column("observation_id", sa.Integer, sa.ForeignKey("observations.id"), primary_key=True),
    sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("withdrawn_by", _TEXT, nullable=False),
    sa.Column("reason", _TEXT, nullable=False),
    sa.Column("write_id", sa.Integer, sa.ForeignKey("write_log.id"), nullable=False),
    comment="Statements no longer used by the views (kept, so history shows them); a revert withdraws",
)

merges = sa.Table(
    "merges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", _TEXT, nullable=False),
    sa.Column("kept_id", _TEXT, nullable=False, comment="the record that stays"),
    sa.Column("merged_id", _TEXT, nullable=False, comment="the duplicate folded into it"),
    sa.Column("score", sa.Float, comment="resolution score; null: merged by hand"),
    sa.Column("method", _TEXT, nullable=False, comment="automatic or reviewed"),
    sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("merged_by", _TEXT, nullable=False),
    sa.Column("write_id", sa.Integer, sa.ForeignKey("write_log.id"), nullable=False),
    sa.Column("undone_at", sa.DateTime(timezone=True)),
    sa.Column("undone_by", _TEXT),
    sa.Column("undo_write_id", sa.Integer, sa.ForeignKey("write_log.id")),
    sa.Index("ix_merges_kind_merged", "kind", "merged_id"),
    comment="Duplicates merged by entity resolution or by hand; an unmerge is recorded, never deleted",
)

contact_consents = sa.Table(
    "contact_consents",
    metadata,
    sa.Column("need_id", _TEXT, primary_key=True),
    sa.Column("offer_id", _TEXT, primary_key=True),
    sa.Column("firm_id", _TEXT, primary_key=True, comment="the side that accepted"),
    sa.Column("accepted_by", _TEXT, nullable=False),
    sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
    comment="Accepted matches: contact details are shown once both firms of a need-offer pair accept",
)

inquiries = sa.Table(
    "inquiries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_sha256", _TEXT, nullable=False, unique=True, comment="SHA-256 of the investor's private link"),
    sa.Column("investor", _TEXT, nullable=False, comment="e-mail address of the investor who sent it"),
    sa.Column("message", _TEXT, nullable=False, comment="the investor's message"),
    sa.Column("zone_ids", sa.JSON, nullable=False, comment="the shortlisted zones (IDs), in the investor's order"),
    sa.Column("brief", sa.JSON, nullable=False, server_default="{}", comment="the brief the shortlist came from"),
    sa.Column("unreached", sa.JSON, nullable=False, server_default="[]", comment="[zone, province] without a board"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    comment="Investors' inquiries about a shortlist of zones (one inquiry, many boards)",
)

inquiry_recipients = sa.Table(
    "inquiry_recipients",
    metadata,
    sa.Column("inquiry_id", sa.Integer, sa.ForeignKey("inquiries.id"), primary_key=True),
    sa.Column("board_id", _TEXT, primary_key=True, comment="management board (bundled siting/boards.csv id)"),
    sa.Column("board_name", _TEXT, nullable=False),
    sa.Column("province", _TEXT, nullable=False, comment="2025 province the board is the focal point of"),
    sa.Column("email", _TEXT, nullable=False, server_default="", comment="board address when sent; '' = none"),
    sa.Column("zone_ids", sa.JSON, nullable=False, comment="the inquiry's zones this board answers for"),
    sa.Column(
        "status", _TEXT, nullable=False, server_default="received", comment="received/answered/site_visit/closed"
    ),
    sa.Column("status_at", sa.DateTime(timezone=True), comment="when the status last changed"),
    sa.Column("first_response_at", sa.DateTime(timezone=True), comment="first change from received: response time"),
    sa.Column("note", _TEXT, nullable=False, server_default="", comment="the board's note with its last status"),
    sa.Column("updated_by", _TEXT, nullable=False, server_default="", comment="who set the last status"),
    comment="Each board an inquiry reached, with its own status and response time",
)

# Forums (docs/adr/0019-forums-on-the-portal.md): an event with its programme, the call for papers, registrations
# of registry firms or organisations, B2B meeting requests and the scheduled meetings with their outcomes.

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", _TEXT, primary_key=True, comment="slug of the name unless the event file gives one"),
    sa.Column("name", _TEXT, nullable=False),
    sa.Column("starts_on", _TEXT, nullable=False, comment="first day, YYYY-MM-DD"),
    sa.Column("definition", sa.JSON, nullable=False, comment="venue, organisers, languages, slots, sessions, booths"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", _TEXT, nullable=False),
    comment="Forums: the corridor's events with their programme and B2B meeting slots",
)

event_registrations = sa.Table(
    "event_registrations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", _TEXT, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("organisation", _TEXT, nullable=False, comment="the firm or organisation as registered"),
    sa.Column("person", _TEXT, nullable=False),
    sa.Column("role", _TEXT, nullable=False, server_default="", comment="the person's position"),
    sa.Column("languages", sa.JSON, nullable=False, comment="vi and/or en; the first is the agenda's"),
    sa.Column("email", _TEXT, nullable=False, comment="lower-case; one registration per person and event"),
    sa.Column("firm_id", _TEXT, comment="the registry firm; null while its proposal waits for moderation"),
    sa.Column("proposal_id", sa.Integer, sa.ForeignKey("proposals.id"), comment="the new organisation proposed"),
    sa.Column("sessions", sa.JSON, nullable=False, comment="programme sessions attended: no meeting then"),
    sa.Column("status", _TEXT, nullable=False, server_default="pending", comment="pending, approved or rejected"),
    sa.Column("registered_by", _TEXT, nullable=False),
    sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("decided_by", _TEXT),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("checked_in_at", sa.DateTime(timezone=True), comment="arrival on the day; null: not (yet) arrived"),
    sa.UniqueConstraint("event_id", "email", name="uq_event_registrations_event_email"),
    sa.Index("ix_event_registrations_firm", "firm_id"),
    comment="Participants of an event: a person of a registry firm or organisation; organisers approve",
)

event_requests = sa.Table(
    "event_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", _TEXT, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("from_id", sa.Integer, sa.ForeignKey("event_registrations.id"), nullable=False),
    sa.Column("to_id", sa.Integer, sa.ForeignKey("event_registrations.id"), nullable=False),
    sa.Column("priority", sa.Integer, nullable=False, comment="1 (low) to 5 (high)"),
    sa.Column("value", sa.Float, nullable=False, comment="match score 0..1 when suggested by matching"),
    sa.Column("reasons", sa.JSON, nullable=False, comment="why the partner was suggested"),
    sa.Column("status", _TEXT, nullable=False, comment="pending, accepted, declined or cancelled"),
    sa.Column("requested_by", _TEXT, nullable=False),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("answered_by", _TEXT),
    sa.Column("answered_at", sa.DateTime(timezone=True)),
    sa.UniqueConstraint("event_id", "from_id", "to_id", name="uq_event_requests_pair"),
    comment="B2B meeting requests between two participants of an event",
)

event_meetings = sa.Table(
    "event_meetings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", _TEXT, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("request_id", sa.Integer, sa.ForeignKey("event_requests.id"), nullable=False),
    sa.Column("slot_id", _TEXT, nullable=False),
    sa.Column("table_no", sa.Integer, nullable=False),
    sa.Column("status", _TEXT, nullable=False, comment="confirmed (re-plans keep it) or cancelled"),
    sa.Column("attendance", _TEXT, comment="held or no-show; null: not recorded"),
    sa.Column("follow_up", _TEXT, comment="nothing, contact made, quote sent or contract; null: not recorded"),
    sa.Column("note", _TEXT, nullable=False, server_default=""),
    sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", _TEXT, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_event_meetings_event", "event_id"),
    comment="Meetings placed by the scheduler, and what became of them",
)

event_papers = sa.Table(
    "event_papers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", _TEXT, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("title", _TEXT, nullable=False),
    sa.Column("abstract", _TEXT, nullable=False),
    sa.Column("author", _TEXT, nullable=False),
    sa.Column("author_organisation", _TEXT, nullable=False),
    sa.Column("file_name", _TEXT, nullable=False),
    sa.Column("pdf", sa.LargeBinary, nullable=False, comment="the paper as submitted (checked to be a PDF)"),
    sa.Column("size_bytes", sa.Integer, nullable=False),
    sa.Column("status", _TEXT, nullable=False, comment="submitted, accepted or rejected"),
    sa.Column("submitted_by", _TEXT, nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("decided_by", _TEXT),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    comment="Call for papers: submissions, their decision; accepted ones form the proceedings",
)

event_reviews = sa.Table(
    "event_reviews",
    metadata,
    sa.Column("paper_id", sa.Integer, sa.ForeignKey("event_papers.id"), primary_key=True),
    sa.Column("reviewer", _TEXT, primary_key=True, comment="e-mail address of the assigned reviewer"),
    sa.Column("assigned_by", _TEXT, nullable=False),
    sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("score", sa.Integer, comment="1 to 5; null: not reviewed yet"),
    sa.Column("comment", _TEXT, nullable=False, server_default=""),
    sa.Column("reviewed_at", sa.DateTime(timezone=True)),
    comment="Reviewers assigned to papers, with their scores and comments",
)
