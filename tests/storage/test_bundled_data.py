"""The bundled corridor dataset, as loaded by `corridor init`, on every backend."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
import sqlalchemy as sa

from corridor.bootstrap import App
from corridor.registry.service import ListFilters
from corridor.storage import tables as t

BEFORE = dt.date(2024, 6, 1)
AFTER = dt.date(2025, 8, 1)


def _ids(app: App, kind: str = "zones", **filters: object) -> set[str]:
    return {r["id"] for r in app.registry.list_records(kind, ListFilters(**filters)).items}  # type: ignore[arg-type]


def test_pho_noi_a_has_its_sourced_area_in_hung_yen(loaded_app: App) -> None:
    zone = loaded_app.registry.show("zones", "KCN Phố Nối A")
    assert zone["area_ha"] == 688.94
    assert zone["province"]["name"] == "Hưng Yên"
    area_source = next(s for s in zone["sources"] if "area_ha" in s["current_for"])
    assert area_source["url"].startswith("http://banqlkcn.hungyen.gov.vn/")


def test_hai_duong_parks_move_to_hai_phong_with_the_merger(loaded_app: App) -> None:
    hai_duong_2024 = _ids(loaded_app, province="Hải Dương", as_of=BEFORE)
    hai_phong_2024 = _ids(loaded_app, province="Hải Phòng", as_of=BEFORE)
    hai_phong_2025 = _ids(loaded_app, province="Hải Phòng", as_of=AFTER)
    assert "kcn-dai-an" in hai_duong_2024
    assert len(hai_duong_2024) >= 15
    assert not hai_duong_2024 & hai_phong_2024
    assert hai_duong_2024 | hai_phong_2024 <= hai_phong_2025
    # Named after the merger, Hải Dương still means its former territory, with a note saying so.
    page = loaded_app.registry.list_records("zones", ListFilters(province="hai duong", as_of=AFTER))
    assert {r["id"] for r in page.items} == hai_duong_2024
    assert page.notes and "Hải Phòng" in page.notes[0].render("vi")


def test_the_province_shown_follows_the_as_of_date(loaded_app: App) -> None:
    zone_2024 = loaded_app.registry.show("zones", "kcn-dai-an", as_of=BEFORE)
    zone_2025 = loaded_app.registry.show("zones", "kcn-dai-an", as_of=AFTER)
    assert zone_2024["province"]["name"] == "Hải Dương"
    assert zone_2025["province"]["name"] == "Hải Phòng"


def test_thai_binh_and_yen_bai_merge_into_hung_yen_and_lao_cai(loaded_app: App) -> None:
    admin = loaded_app.store.admin_index()
    assert [admin.units[s].name for s in admin.successors["VN-34"]] == ["Hưng Yên"]
    assert [admin.units[s].name for s in admin.successors["VN-15"]] == ["Lào Cai"]
    assert len([u for u in admin.units.values() if u.is_pre2025]) == 63
    assert len([u for u in admin.units.values() if not u.is_pre2025 and u.country == "VN"]) == 34


def test_vehec_has_four_localities_before_the_merger_and_three_after(loaded_app: App) -> None:
    assert len(loaded_app.store.corridor_units("vehec", BEFORE)) == 4
    assert len(loaded_app.store.corridor_units("vehec", AFTER)) == 3
    assert "CN-YN" in loaded_app.store.corridor_units("kunming-lao-cai-hai-phong", AFTER)
    vehec_zones = _ids(loaded_app, corridor="vehec", as_of=AFTER)
    assert "kcn-tang-loong" not in vehec_zones  # Lào Cai is not in VEHEC
    assert "kcn-pho-noi-a" in vehec_zones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pho noi", "kcn-pho-noi-a"),
        ("PHỐ NỐI", "kcn-pho-noi-a"),
        ("dinh vu", "kkt-dinh-vu-cat-hai"),
        ("ĐÌNH VŨ", "kkt-dinh-vu-cat-hai"),
        ("Dinh Vu", "kcn-dinh-vu-deep-c-hai-phong-i"),
        ("trang due", "kcn-trang-due"),
    ],
)
def test_search_ignores_case_and_diacritics(loaded_app: App, text: str, expected: str) -> None:
    assert expected in _ids(loaded_app, search=text)


def test_search_for_an_absent_name_finds_nothing(loaded_app: App) -> None:
    assert _ids(loaded_app, search="khong co khu nay") == set()


def test_conflicting_figures_are_all_kept_and_the_newest_shown(loaded_app: App) -> None:
    zone = loaded_app.registry.show("zones", "kcn-hoang-dieu")
    areas = {s["states"].get("area_ha") for s in zone["sources"]}
    assert {245.03, 245.0} <= areas
    assert zone["area_ha"] == 245.03  # Báo Hải Phòng 2025-07-20 is newer than NNA 2025-07-10


def test_filters_by_type_status_and_leasable_land(loaded_app: App) -> None:
    kkt = _ids(loaded_app, zone_type="KKT")
    assert "kkt-van-don" in kkt and "kcn-pho-noi-a" not in kkt
    big = loaded_app.registry.list_records("zones", ListFilters(min_leasable_ha=400)).items
    assert big and all(z["leasable_ha"] >= 400 for z in big)
    operating = loaded_app.registry.list_records("zones", ListFilters(status="operating")).items
    assert operating and all(z["status"] == "operating" for z in operating)


def test_parks_inside_an_economic_zone_point_to_it(loaded_app: App) -> None:
    assert loaded_app.registry.show("zones", "kcn-trang-due")["parent_zone"] == "kkt-dinh-vu-cat-hai"


def test_lead_firms_sit_in_their_parks(loaded_app: App) -> None:
    zone = loaded_app.registry.show("zones", "kcn-trang-due")
    names = {f["name"] for f in zone["firms"]}
    assert {"LG Display Vietnam Hai Phong", "LG Innotek Vietnam Hai Phong"} <= names
    firm = loaded_app.registry.show("firms", "LG Display Vietnam Hai Phong")
    assert firm["origin_country"] == "South Korea" and firm["role"] == "lead_firm"


def test_nodes_include_ports_airports_and_border_gates(loaded_app: App) -> None:
    types = {r["type"] for r in loaded_app.registry.list_records("nodes", ListFilters()).items}
    assert {"seaport_terminal", "airport", "border_gate", "rail_station", "berth"} <= types
    gate = loaded_app.registry.show("nodes", "BG_HN")
    assert gate["location"]["lat"] == pytest.approx(21.97639)


def test_every_record_has_a_source_and_an_as_of_date(loaded_app: App) -> None:
    with loaded_app.store.connection() as conn:
        for table in (t.zones, t.firms, t.nodes):
            missing = conn.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(sa.or_(table.c.source_id.is_(None), table.c.as_of.is_(None)))
            ).scalar()
            assert missing == 0
        # 24 locality indicators, 77 provincial series rows, 229 PCI/PGI scores and ranks (Round 5)
        assert conn.execute(sa.select(sa.func.count()).select_from(t.indicators)).scalar() == 330
        statuses = conn.execute(sa.select(t.indicators.c.status).where(t.indicators.c.status.is_not(None))).scalars()
        assert "preliminary (GSO, as cited)" in set(statuses)


def test_unknown_figures_stay_unknown(loaded_app: App) -> None:
    zone = loaded_app.registry.show("zones", "KCN Thổ Hoàng")
    assert zone["leasable_ha"] is None and zone["occupancy_pct"] is None
    assert zone["location"]["lat"] is None and zone["location"]["precision"] == "province"


def test_schema_matches_the_migrations(loaded_app: App) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with loaded_app.store.connection() as conn, warnings.catch_warnings():
        # SQLAlchemy cannot reflect PostGIS's geometry type without GeoAlchemy; that column is checked below.
        warnings.filterwarnings("ignore", message="Did not recognize type 'geometry'", category=sa.exc.SAWarning)
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
    # PostGIS adds geom columns and spatial indexes (and its own tables) that the portable metadata omits.
    relevant = [d for d in diff if "geom" not in repr(d) and "spatial_ref_sys" not in repr(d)]
    assert relevant == []
    if loaded_app.store.engine.dialect.name == "postgresql":
        with loaded_app.store.connection() as conn:
            query = "SELECT count(*) FROM zones WHERE ST_Within(geom, ST_MakeEnvelope(105, 20, 108, 22, 4326))"
            inside = conn.execute(sa.text(query)).scalar()
        assert inside and inside > 50


def test_the_merger_day_is_the_first_day_of_the_new_provinces(loaded_app: App) -> None:
    last_old_day, merger_day = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    assert len(loaded_app.store.corridor_units("vehec", last_old_day)) == 4
    assert len(loaded_app.store.corridor_units("vehec", merger_day)) == 3
    hai_phong_before = _ids(loaded_app, province="Hải Phòng", as_of=last_old_day)
    hai_phong_on = _ids(loaded_app, province="Hải Phòng", as_of=merger_day)
    assert "kcn-dai-an" not in hai_phong_before and "kcn-dai-an" in hai_phong_on
    assert loaded_app.registry.show("zones", "kcn-dai-an", as_of=last_old_day)["province"]["name"] == "Hải Dương"
    assert loaded_app.registry.show("zones", "kcn-dai-an", as_of=merger_day)["province"]["name"] == "Hải Phòng"
    vehec_before = _ids(loaded_app, corridor="vehec", as_of=last_old_day)
    vehec_on = _ids(loaded_app, corridor="vehec", as_of=merger_day)
    # Hải Dương is in VEHEC on both days; former Thái Bình joins it with Hưng Yên on the merger day.
    assert "kcn-dai-an" in vehec_before and vehec_before < vehec_on
    assert "kcn-lien-ha-thai-green-ip-1" in vehec_on - vehec_before
