"""The bundled freight network and saved scenarios, on every backend."""

from __future__ import annotations

import json

import pytest

from corridor.bootstrap import App, open_app
from corridor.errors import CorridorError, NoRoute, NotFound
from corridor.logistics import scenario_from_dict
from corridor.registry.service import ListFilters
from corridor.settings import Settings


def test_ha_noi_to_hai_phong_runs_on_the_expressway_between_its_interchanges(loaded_app: App) -> None:
    route = loaded_app.logistics().route("Hà Nội", "Hải Phòng", profile="truck", optimize="time")
    on_ct04 = {leg.link_id: leg for leg in route.legs if (leg.link_name or "").startswith("CT.04")}
    assert list(on_ct04) == ["E01", "E02", "E03"]  # Vành đai 3 – QL39 – QL10 – ĐT353, then into the city
    assert (on_ct04["E01"].distance_km, on_ct04["E01"].basis) == (21.5, "derived")  # from km posts
    assert (on_ct04["E02"].distance_km, on_ct04["E02"].basis) == (52.5, "sourced")
    assert "thoidai" in (on_ct04["E02"].source or "")
    # The container toll of the whole route (760,000 VND, 2016) is shared by length: known on both legs.
    assert all(leg.toll_known for leg in on_ct04.values())


def test_a_zone_reaches_yunnan_by_rail_through_the_lao_cai_gate(loaded_app: App) -> None:
    route = loaded_app.logistics().route("KCN Tràng Duệ", "Yunnan", profile="rail")
    kinds = [leg.kind for leg in route.legs]
    assert kinds[0] == "access" and kinds[-1] == "border" and kinds.count("transfer") == 2
    assert any(leg.mode == "rail/metre gauge" for leg in route.legs)
    assert route.destination["id"] == "BG_LC"


def test_the_standard_gauge_railway_counts_only_once_open(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    before = logistics.route("KCN Tằng Loỏng", "PT_LH34", profile="multimodal", optimize="cost", year=2026)
    after = logistics.route("KCN Tằng Loỏng", "PT_LH34", profile="multimodal", optimize="cost", year=2031)
    assert not any("standard gauge" in leg.mode for leg in before.legs)
    assert any("standard gauge" in leg.mode for leg in after.legs)
    assert after.total("cost_vnd") < before.total("cost_vnd")


def test_nearest_hubs_of_every_located_zone(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    zones = [n.id for n in logistics.base.nodes.values() if n.kind == "zone" and n.located]
    hubs = logistics.nearest_hubs(zones)
    assert len(hubs) == len(zones) > 60
    trang_due = hubs["kcn-trang-due"]
    assert trang_due["airport"]["id"] == "AP_HPH" and trang_due["rail_terminal"]["id"] == "RS_HPG"
    # Beyond the border the bundled network has no roads yet: only zones in Vietnam must reach a deep-sea port.
    yunnan = {z["id"] for z in loaded_app.registry.list_records("zones", ListFilters(province="Yunnan")).items}
    assert yunnan and "kcn-tang-loong" not in yunnan
    assert all(h["deep_sea_port"] is not None for zone, h in hubs.items() if zone not in yunnan)


def test_a_scenario_is_saved_listed_and_compared(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    closed = scenario_from_dict(
        {"name": "CT.04 closed", "description": "expressway works", "changes": [{"kind": "close", "link": "E02"}]},
        "test",
    )
    logistics.save_scenario(closed, "planner")
    assert [s.name for s in logistics.scenarios.list_scenarios()] == ["CT.04 closed"]  # type: ignore[union-attr]
    (pair,) = logistics.diff("CT.04 closed", [("Hà Nội", "Hải Phòng")])
    row = pair.as_dict()
    assert row["baseline"]["duration_h"] < row["scenario"]["duration_h"]  # round the closed QL39 – QL10 section
    assert row["change"]["duration_h"] > 0
    with pytest.raises(CorridorError, match="no link 'L999'"):
        logistics.save_scenario(
            scenario_from_dict({"name": "bad", "changes": [{"kind": "close", "link": "L999"}]}, "test"), "planner"
        )
    with pytest.raises(NotFound, match="No scenario 'nope'"):
        logistics.route("Hà Nội", "Hải Phòng", scenario="nope")


def test_places_that_cannot_be_routed_say_why(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    with pytest.raises(NoRoute, match="KCN Phố Nối A has no known location"):
        logistics.route("KCN Phố Nối A", "Hải Phòng")
    with pytest.raises(NotFound, match="matches several places"):
        logistics.route("Lạch Huyện", "Hà Nội")


def test_scenario_diff_refuses_a_bogus_optimisation(loaded_app: App) -> None:
    closed = {"name": "closed", "changes": [{"kind": "close", "link": "E02"}]}
    logistics = loaded_app.logistics()
    logistics.save_scenario(scenario_from_dict(closed, "test"), "planner")
    with pytest.raises(CorridorError, match="Cannot optimise 'bogus'") as refused:
        logistics.diff("closed", [("Hà Nội", "Hải Phòng")], optimize="bogus")
    assert refused.value.exit_code == 1
    (pair,) = logistics.diff("closed", [("Hà Nội", "Hải Phòng")], profile="coastal")
    assert pair.as_dict()["no_route"]["baseline"].startswith("No coastal ship route from Hà Nội to Hải Phòng")


def test_scenario_diff_on_the_command_line_exits_1_on_a_bogus_optimisation(sqlite_loaded_url: str) -> None:
    """The command line only (SQLite: its app is not disposed by the command, which PostGIS would flag)."""
    from typer.testing import CliRunner

    from corridor.cli.main import app

    runner = CliRunner()
    scenario = {"name": "closed", "changes": [{"kind": "close", "link": "E02"}]}
    corridor = open_app(Settings(db_url=sqlite_loaded_url, lang="en", user="planner"))
    corridor.logistics().save_scenario(scenario_from_dict(scenario, "test"), "planner")
    corridor.store.engine.dispose()
    args = ["--db", sqlite_loaded_url, "--lang", "en", "scenario", "diff", "closed", "--pair", "Hà Nội:Hải Phòng"]
    refused = runner.invoke(app, [*args, "--optimize", "bogus"])
    assert refused.exit_code == 1 and "Cannot optimise 'bogus'; choose one of time" in refused.stderr
    assert refused.stdout == ""
    coastal = runner.invoke(app, [*args, "--profile", "coastal"])
    (row,) = json.loads(coastal.stdout)
    assert coastal.exit_code == 0 and row["baseline"] is None
    assert row["no_route"]["baseline"].startswith("No coastal ship route from Hà Nội to Hải Phòng")


def test_a_zone_half_way_along_ql5_enters_the_road_at_its_nearest_point(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    route = logistics.route("KCN Thăng Long II", "AP_HAN", profile="truck", optimize="time")
    first, second = route.legs[0], route.legs[1]
    assert first.kind == "access" and first.note is not None
    assert first.note.params["straight_km"] < 5  # not an end of QL5 (Hà Nội or Hải Phòng, 20+ km away)
    assert second.link_name == "Quốc lộ 5" and second.basis == "measured" and second.geometry == "linework"
    assert route.total("distance_km") < 100  # the schematic network went round by Chí Linh and Hải Phòng: 280 km
    assert route.attribution == logistics.attribution and "OpenStreetMap" in route.attribution
