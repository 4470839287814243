"""The research links on the bundled network, on every backend: the Tân Vũ – Lạch Huyện bridge, the expressways
between their interchanges with their opening years and tolls, the Hải Phòng – Hà Nội waterway, and Kunming."""

from __future__ import annotations

from corridor.bootstrap import App


def test_dinh_vu_reaches_lach_huyen_over_the_tan_vu_bridge_within_the_hour(loaded_app: App) -> None:
    route = loaded_app.logistics().route("KCN Đình Vũ", "PT_LH34", profile="truck", year=2026)
    assert "E04" in [leg.link_id for leg in route.legs]
    assert route.total("distance_km") < 25 and route.total("duration_h") < 1.0
    before = loaded_app.logistics().route("KCN Đình Vũ", "PT_LH34", profile="truck", year=2016)
    assert "E04" not in [leg.link_id for leg in before.legs]  # the bridge opened on 2017-09-02


def test_a_container_truck_pays_the_published_toll_and_unknown_tolls_are_named(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    ha_noi = logistics.route("Hà Nội", "Hải Phòng", profile="truck", year=2026)
    tolled = [leg for leg in ha_noi.legs if leg.link_id in {"E01", "E02", "E03", "E12"}]
    assert tolled and all(leg.toll_known for leg in tolled)
    closed = logistics.route("Hà Nội", "Hải Phòng", profile="truck", optimize="distance", year=2014)
    assert not {"E01", "E02", "E03", "E12"} & {leg.link_id for leg in closed.legs}  # CT.04 opened in 2015
    mong_cai = logistics.route("HLG", "MCA", profile="truck", year=2026)
    assert {"E06", "E07", "E13"} <= {leg.link_id for leg in mong_cai.legs}
    notes = " ".join(note.render("en") for note in mong_cai.notes)
    assert "tolls unknown on 3 expressway leg(s)" in notes  # no container toll published: not counted as 0
    opening_year = logistics.route("HLG", "MCA", profile="truck", year=2022)
    free = [leg for leg in opening_year.legs if leg.link_id in {"E07", "E13"}]
    assert free and all(leg.toll_known for leg in free)  # free for all vehicles in its opening month (2022)


def test_a_barge_goes_from_hai_phong_to_ha_noi_by_river(loaded_app: App) -> None:
    route = loaded_app.logistics().route("Hải Phòng", "Hà Nội", profile="barge")
    river = [leg for leg in route.legs if leg.mode == "waterway/river"]
    assert [leg.link_id for leg in river] == ["W01"] and river[0].basis == "estimated"
    assert any(leg.kind == "transfer" for leg in route.legs)


def test_kunming_is_a_place_and_a_zone_reaches_it_by_standard_gauge_rail(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    assert logistics.places.resolve("Côn Minh").node_id == "KMG"
    route = logistics.route("KCN Tràng Duệ", "Kunming", profile="rail")
    assert route.destination["id"] == "KMG"
    assert [leg.link_id for leg in route.legs if leg.mode == "rail/standard gauge"] == ["Y02", "Y03", "Y04"]
    border = [leg for leg in route.legs if leg.kind == "border"]
    assert len(border) == 1 and border[0].duration_h == logistics.params.border_dwell_h  # a stated assumption
    by_road = logistics.route("KCN Tràng Duệ", "Kunming", profile="truck")
    assert "Y05" in [leg.link_id for leg in by_road.legs]  # G8011 Kaiyuan – Hekou
