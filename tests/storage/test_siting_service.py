"""The siting service on the bundled data (SQLite and PostGIS): merger-aware localities, network travel times,
Round 7 rents and land as criteria, and an infeasible brief."""

from __future__ import annotations

import pytest

from corridor.bootstrap import App
from corridor.errors import InvalidInput
from corridor.siting import brief_from_dict


def _rank(app: App, **brief: object) -> dict:  # type: ignore[type-arg]
    ranking = app.siting().rank(brief_from_dict({"sector": "2610", "land_ha": 5, **brief}), top=200, draws=100)
    return ranking.as_dict("en")


def test_the_ranking_rests_on_the_network_and_round_7_data(loaded_app: App) -> None:
    result = _rank(loaded_app, export_deep_sea=True)
    by_id = {z["id"]: z for z in result["results"]}
    hubs = loaded_app.logistics().nearest_hubs(["kcn-trang-due"])["kcn-trang-due"]
    port = by_id["kcn-trang-due"]["criteria"]["port_time_h"]
    assert (
        port["value"] == hubs["deep_sea_port"]["duration_h"] and port["evidence"]["id"] == hubs["deep_sea_port"]["id"]
    )
    rent = by_id["kcn-trang-due"]["criteria"]["rent_usd_m2"]
    assert (rent["value"], rent["evidence"]["scope"]) == (112.5, "zone")  # 85-140 USD/m² (kimthanhip.com, 2025-10)
    assert by_id["kcn-dai-an"]["criteria"]["available_ha"]["known"] is True
    unplaced = [z for z in result["results"] if z["location"]["lat"] is None]
    assert unplaced and all(not z["criteria"]["port_time_h"]["known"] for z in unplaced)


def test_excluding_a_former_province_excludes_only_its_territory(loaded_app: App) -> None:
    former = _rank(loaded_app, excluded_localities=["Hải Dương"])
    set_aside = {z["id"]: z["filtered_out_reason"] for z in former["filtered_out"]}
    assert set_aside.get("kcn-dai-an", "").startswith("In an excluded locality (Hải Dương")
    assert "kcn-trang-due" not in set_aside  # Hải Phòng proper
    today = _rank(loaded_app, excluded_localities=["Hải Phòng"])
    assert {"kcn-trang-due", "kcn-dai-an"} <= {z["id"] for z in today["filtered_out"]}
    with pytest.raises(InvalidInput, match="Atlantis"):
        _rank(loaded_app, preferred_localities=["Atlantis"])


def test_an_impossible_brief_sets_every_zone_aside(loaded_app: App) -> None:
    result = _rank(
        loaded_app, excluded_localities=["Hải Phòng", "Quảng Ninh", "Hưng Yên", "Hà Nội", "Lào Cai", "Yunnan"]
    )
    assert result["results"] == [] and len(result["filtered_out"]) == 162
