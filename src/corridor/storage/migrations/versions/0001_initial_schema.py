"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24

On PostgreSQL it also enables PostGIS and adds a generated point geometry (EPSG:4326) with a GiST index
to zones and nodes, computed from lat/lon, so spatial SQL works there while SQLite keeps plain lat/lon.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hs_codes",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("parent", sa.Text(), nullable=True),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
        comment="HS 2022 chapters, headings and subheadings",
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False, comment="zones, firms, nodes or indicators"),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("added_count", sa.Integer(), nullable=False, comment="observations that were new"),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        comment="Audit log of every import",
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False, comment="title of the page, document or dataset"),
        sa.Column("url", sa.Text(), server_default="", nullable=False, comment="address or document reference"),
        sa.Column("as_of", sa.Text(), server_default="unknown", nullable=False, comment="date the source speaks for"),
        sa.Column("first_loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("title", "url", "as_of", name="uq_sources_title_url_as_of"),
        comment="Every cited source; each fact points at one",
    )
    op.create_table(
        "vsic_codes",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("parent", sa.Text(), nullable=True),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("name_vi", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
        comment="VSIC industry codes (partial list, see SOURCES.md)",
    )
    op.create_table(
        "admin_units",
        sa.Column("id", sa.Text(), nullable=False, comment="VN-31 (pre-2025), VN-31-2025 (from 2025-07-01), CN-YN"),
        sa.Column("code", sa.Text(), nullable=False, comment="GSO code (Vietnam) or ISO 3166-2 (elsewhere)"),
        sa.Column("name", sa.Text(), nullable=False, comment="short name, e.g. Hải Phòng"),
        sa.Column("official_name", sa.Text(), nullable=False, comment="e.g. Thành phố Hải Phòng"),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False, comment="lower-case, no diacritics, for search"),
        sa.Column("level", sa.Text(), nullable=False, comment="province or commune"),
        sa.Column("country", sa.Text(), nullable=False, comment="ISO 3166-1 alpha-2"),
        sa.Column("parent_id", sa.Text(), nullable=True, comment="province of a commune"),
        sa.Column("valid_from", sa.Date(), nullable=True, comment="null: before the records start"),
        sa.Column("valid_to", sa.Date(), nullable=True, comment="null: still valid"),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Provinces and communes, each version valid over a period",
    )
    with op.batch_alter_table("admin_units", schema=None) as batch_op:
        batch_op.create_index("ix_admin_units_folded", ["level", "name_folded"], unique=False)

    op.create_table(
        "corridors",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name_vi", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Named groups of localities",
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False, comment="zones, firms or nodes"),
        sa.Column("record_id", sa.Text(), nullable=False, comment="stable public ID of the record described"),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False, comment="what this source states: column -> value"),
        sa.Column("fields_hash", sa.Text(), nullable=False, comment="sha256 of the fields, for idempotent re-import"),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "record_id", "source_id", "fields_hash", name="uq_observations_statement"),
        comment="One source's statement about one record; never overwritten",
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index("ix_observations_record", ["kind", "record_id"], unique=False)

    op.create_table(
        "admin_successions",
        sa.Column("old_id", sa.Text(), nullable=False),
        sa.Column("new_id", sa.Text(), nullable=False),
        sa.Column("effective", sa.Date(), nullable=False, comment="first day of the new unit"),
        sa.Column("whole", sa.Boolean(), nullable=False, comment="the whole old unit went to the new one"),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["new_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["old_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("old_id", "new_id"),
        comment="Old unit -> new unit (the 1 July 2025 merger)",
    )
    op.create_table(
        "corridor_members",
        sa.Column("corridor_id", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corridor_id"],
            ["corridors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["admin_units.id"],
        ),
        sa.PrimaryKeyConstraint("corridor_id", "unit_id"),
        comment="Which localities a corridor holds, over time",
    )
    op.create_table(
        "firms",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("tax_code", sa.Text(), nullable=True, comment="Vietnamese MST, validated"),
        sa.Column("origin_country", sa.Text(), nullable=True),
        sa.Column("province_id", sa.Text(), nullable=True),
        sa.Column("zone_id", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=False, comment="lead_firm, supplier, logistics_provider, developer"),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("vsic", sa.Text(), nullable=True),
        sa.Column("products_vi", sa.Text(), nullable=True),
        sa.Column("products_en", sa.Text(), nullable=True),
        sa.Column("hs_codes", sa.Text(), nullable=True),
        sa.Column("certifications", sa.Text(), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("investment_usd", sa.Float(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True, comment="preferred source of the view"),
        sa.Column("as_of", sa.Text(), server_default="unknown", nullable=False, comment="as-of date of that source"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="when the view was rebuilt"),
        sa.Column("updated_by", sa.Text(), nullable=False, comment="user whose write rebuilt it"),
        sa.ForeignKeyConstraint(
            ["province_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Current view of firms",
    )
    with op.batch_alter_table("firms", schema=None) as batch_op:
        batch_op.create_index("ix_firms_tax_code", ["tax_code"], unique=False)
        batch_op.create_index("ix_firms_zone", ["zone_id"], unique=False)

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Text(), nullable=False),
        sa.Column("locality_label", sa.Text(), nullable=False, comment="locality as the source names it"),
        sa.Column("year", sa.Integer(), nullable=True, comment="null: the source gives no year"),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("locality_id", "year", "indicator", "source_id", "value", name="uq_indicator_fact"),
        comment="Locality x year x indicator facts; each source's figure is kept",
    )
    op.create_table(
        "nodes",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("node_type", sa.Text(), nullable=False, comment="seaport, seaport_terminal, berth, airport, ..."),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("province_id", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("precision", sa.Text(), nullable=False),
        sa.Column("attributes", sa.Text(), nullable=True, comment="key=value pairs from the source"),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True, comment="preferred source of the view"),
        sa.Column("as_of", sa.Text(), server_default="unknown", nullable=False, comment="as-of date of that source"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="when the view was rebuilt"),
        sa.Column("updated_by", sa.Text(), nullable=False, comment="user whose write rebuilt it"),
        sa.ForeignKeyConstraint(
            ["province_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Current view of infrastructure nodes",
    )
    op.create_table(
        "zones",
        sa.Column("id", sa.Text(), nullable=False, comment="stable public ID (slug of the first name)"),
        sa.Column("name_vi", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("name_folded", sa.Text(), nullable=False, comment="folded vi and en names, for search"),
        sa.Column(
            "zone_type",
            sa.Text(),
            nullable=False,
            comment="KCN industrial park, KKT economic zone, CCN cluster",
        ),
        sa.Column("kkt_kind", sa.Text(), nullable=True, comment="coastal or border_gate, for KKT"),
        sa.Column("is_high_tech", sa.Boolean(), nullable=True),
        sa.Column("is_specialised", sa.Boolean(), nullable=True),
        sa.Column("is_eco", sa.Boolean(), nullable=True, comment="eco-industrial park; null: unknown"),
        sa.Column("parent_id", sa.Text(), nullable=True, comment="economic zone this park lies in"),
        sa.Column("province_id", sa.Text(), nullable=True, comment="province from 2025-07-01"),
        sa.Column("province_pre2025_id", sa.Text(), nullable=True, comment="province before"),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False, comment="planned, under_construction, operating, unknown"),
        sa.Column("status_note", sa.Text(), nullable=True, comment="status as the source words it"),
        sa.Column("developer", sa.Text(), nullable=True),
        sa.Column("established", sa.Text(), nullable=True),
        sa.Column("target_industries", sa.Text(), nullable=True),
        sa.Column("target_vsic", sa.Text(), nullable=True, comment="VSIC codes, ;-separated"),
        sa.Column("area_ha", sa.Float(), nullable=True, comment="total area"),
        sa.Column("area_ha_max", sa.Float(), nullable=True),
        sa.Column("industrial_area_ha", sa.Float(), nullable=True),
        sa.Column("leasable_ha", sa.Float(), nullable=True),
        sa.Column("occupancy_pct", sa.Float(), nullable=True),
        sa.Column("power_supply", sa.Text(), nullable=True),
        sa.Column("water_supply", sa.Text(), nullable=True),
        sa.Column("wastewater", sa.Text(), nullable=True),
        sa.Column("board_contact", sa.Text(), nullable=True, comment="management board (one-stop focal point)"),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("polygon_geojson", sa.Text(), nullable=True, comment="boundary as GeoJSON, when known"),
        sa.Column(
            "precision",
            sa.Text(),
            nullable=False,
            comment="site, approximate, ward, district, province, unknown",
        ),
        sa.Column("location_note", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True, comment="preferred source of the view"),
        sa.Column("as_of", sa.Text(), server_default="unknown", nullable=False, comment="as-of date of that source"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, comment="when the view was rebuilt"),
        sa.Column("updated_by", sa.Text(), nullable=False, comment="user whose write rebuilt it"),
        sa.ForeignKeyConstraint(
            ["province_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["province_pre2025_id"],
            ["admin_units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        comment="Current view of industrial parks, economic zones and clusters",
    )
    with op.batch_alter_table("zones", schema=None) as batch_op:
        batch_op.create_index("ix_zones_province", ["province_id"], unique=False)
        batch_op.create_index("ix_zones_province_pre2025", ["province_pre2025_id"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        _add_postgis_geometry()


SPATIAL_TABLES = ("zones", "nodes")


def _add_postgis_geometry() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table in SPATIAL_TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN geom geometry(Point, 4326) GENERATED ALWAYS AS "
            "(CASE WHEN lat IS NULL OR lon IS NULL THEN NULL "
            "ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED"
        )
        op.execute(f"COMMENT ON COLUMN {table}.geom IS 'point from lat/lon (PostGIS only)'")
        op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING gist (geom)")


def downgrade() -> None:
    with op.batch_alter_table("zones", schema=None) as batch_op:
        batch_op.drop_index("ix_zones_province_pre2025")
        batch_op.drop_index("ix_zones_province")

    op.drop_table("zones")
    op.drop_table("nodes")
    op.drop_table("indicators")
    with op.batch_alter_table("firms", schema=None) as batch_op:
        batch_op.drop_index("ix_firms_zone")
        batch_op.drop_index("ix_firms_tax_code")

    op.drop_table("firms")
    op.drop_table("corridor_members")
    op.drop_table("admin_successions")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_record")

    op.drop_table("observations")
    op.drop_table("corridors")
    with op.batch_alter_table("admin_units", schema=None) as batch_op:
        batch_op.drop_index("ix_admin_units_folded")

    op.drop_table("admin_units")
    op.drop_table("vsic_codes")
    op.drop_table("sources")
    op.drop_table("imports")
    op.drop_table("hs_codes")
