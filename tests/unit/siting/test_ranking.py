"""Ranking on hand-made zones whose right order is known; contributions; unknowns; infeasible briefs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from corridor.errors import InvalidInput
from corridor.i18n import Message
from corridor.siting.brief import brief_from_dict
from corridor.siting.criteria import CRITERION_IDS, weights_for
from corridor.siting.facts import ZoneFacts
from corridor.siting.filters import filter_reason
from corridor.siting.service import rank_facts

TODAY = dt.date(2026, 12, 1)


def make_zone(zone_id: str, **values: float | None) -> ZoneFacts:
    available = values.get("available_ha")
    zone = ZoneFacts(
        id=zone_id,
        name=zone_id.upper(),
        zone_type="KCN",
        status="operating",
        province="Hải Phòng",
        province_pre2025="Hải Phòng",
        localities=frozenset({"VN-31-2025", "VN-31"}),
        lat=20.8,
        lon=106.7,
        available_ha=available,
        available_basis="sourced" if available is not None else None,
        target_vsic=(),
        utilities={},
        eco=None,
    )
    zone.values = dict.fromkeys(CRITERION_IDS) | dict(values)
    return zone


def rank(zones: list[ZoneFacts], brief_data: dict | None = None, method: str = "weighted", **weights: float):
    brief = brief_from_dict({"sector": "26", "land_ha": 10} | (brief_data or {}))
    reasons = {z.id: filter_reason(brief, z, divisions=("26",), excluded=frozenset(), today=TODAY) for z in zones}
    chosen = dict.fromkeys(CRITERION_IDS, 0.0) | weights if weights else weights_for(brief)
    return rank_facts(brief, zones, reasons, chosen, method=method, top=10, draws=200).as_dict("en")


def test_a_zone_better_on_every_criterion_ranks_first_and_the_order_follows_the_weights() -> None:
    zones = [
        make_zone("near", port_time_h=1.0, available_ha=100.0, rent_usd_m2=80.0),
        make_zone("far", port_time_h=5.0, available_ha=20.0, rent_usd_m2=120.0),
        make_zone("middle", port_time_h=2.0, available_ha=60.0, rent_usd_m2=100.0),
    ]
    for method in ("weighted", "spotis"):
        result = rank(zones, method=method, port_time_h=2, available_ha=1, rent_usd_m2=1)
        assert [r["id"] for r in result["results"]] == ["near", "middle", "far"]
    # Only land matters: the zone with most land wins even though it is farther than... itself; cheap land wins on rent.
    by_rent = rank([make_zone("cheap", rent_usd_m2=50.0), make_zone("dear", rent_usd_m2=150.0)], rent_usd_m2=1)
    assert [r["id"] for r in by_rent["results"]] == ["cheap", "dear"]


@pytest.mark.parametrize("method", ["weighted", "spotis"])
def test_contributions_sum_to_the_score(method: str) -> None:
    rng = np.random.default_rng(3)
    zones = [
        make_zone(
            f"z{i}",
            port_time_h=float(rng.uniform(0.5, 8)),
            occupancy_pct=float(rng.uniform(0, 100)),
            sector_fit=None if i % 3 == 0 else float(rng.uniform(0, 1)),
            incentives=0.5,
        )
        for i in range(12)
    ]
    result = rank(zones, method=method)
    assert len(result["results"]) == 10
    for zone in result["results"]:
        assert sum(zone["contributions"].values()) == pytest.approx(zone["score"], abs=1e-5)


def test_unknown_is_shown_as_unknown_and_its_share_of_the_score_is_given() -> None:
    zones = [make_zone("known", port_time_h=2.0, occupancy_pct=50.0), make_zone("blank", port_time_h=3.0)]
    result = rank(zones, port_time_h=1, occupancy_pct=1)
    blank = next(r for r in result["results"] if r["id"] == "blank")
    occupancy = blank["criteria"]["occupancy_pct"]
    assert occupancy["known"] is False and occupancy["value"] is None and occupancy["shown"] == "no data"
    # Imputed at the neutral 0.5, never as 0: half a weight of 0.5 rests on it, of a score of 0.5.
    assert blank["contributions"]["occupancy_pct"] == pytest.approx(0.25)
    assert blank["unknown_share"] == pytest.approx(0.25 / blank["score"], abs=1e-4)
    assert "No data: occupancy" in blank["lacks"]
    known = next(r for r in result["results"] if r["id"] == "known")
    assert known["unknown_share"] == 0


def test_an_infeasible_brief_gives_an_empty_ranking_with_every_zones_reason() -> None:
    zones = [make_zone("small", available_ha=5.0), make_zone("tiny", available_ha=1.0)]
    planned = make_zone("later", available_ha=500.0)
    planned.status = "planned"
    result = rank([*zones, planned], {"land_ha": 50, "start_date": "2027-03-01"})
    assert result["results"] == []
    reasons = {z["id"]: z["filtered_out_reason"] for z in result["filtered_out"]}
    assert reasons == {
        "small": "5.0 ha still available; the project needs 50.0 ha at the start",
        "tiny": "1.0 ha still available; the project needs 50.0 ha at the start",
        "later": "Only planned: not expected to lease land within 36 months of the project's start",
    }
    assert all(z["rank"] is None and z["score"] is None for z in result["filtered_out"])


def test_filters_name_their_reason_in_vietnamese_and_unknown_never_filters() -> None:
    brief = brief_from_dict({"sector": "26", "land_ha": 10, "power_mw": 20, "green_required": True})
    weak = make_zone("weak")
    weak.utilities = {"power": "trạm biến áp 110 kV, 2 x 8 MVA"}
    reason = filter_reason(brief, weak, divisions=("26",), excluded=frozenset(), today=TODAY)
    assert isinstance(reason, Message)
    assert reason.render("en") == "Power supply of 16.0 MW stated; the project needs 20.0 MW"
    assert reason.render("vi").startswith("Nguồn điện")
    unknown = make_zone("unknown")  # no land figure, no utilities, eco unknown: stays in
    assert filter_reason(brief, unknown, divisions=("26",), excluded=frozenset(), today=TODAY) is None
    grey = make_zone("grey")
    grey.eco = False
    assert filter_reason(brief, grey, divisions=("26",), excluded=frozenset(), today=TODAY) == Message(
        "Not an eco-industrial park, and the brief requires one"
    )
    excluded = filter_reason(brief, unknown, divisions=("26",), excluded=frozenset({"VN-31"}), today=TODAY)
    assert excluded is not None and "VN-31" in excluded.render("en")


def test_phased_land_filters_on_the_first_phase_and_lists_the_shortfall() -> None:
    zone = make_zone("phased", available_ha=30.0, port_time_h=1.0)
    result = rank([zone], {"land_ha": 60, "phases": [{"land_ha": 25}, {"land_ha": 35, "start": "2029-01-01"}]})
    assert result["results"][0]["lacks"][0] == "30.0 ha available: not enough for all phases (60.0 ha)"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"land_ha": 5}, "'sector' is required"),
        ({"sector": "x", "land_ha": -1}, "Brief field 'land_ha': expected a number greater than 0"),
        ({"sector": "x", "land_ha": 5, "colour": "red"}, "unknown field(s): colour"),
        ({"sector": "x", "land_ha": 5, "start_date": "soon"}, "'start_date': expected a date YYYY-MM-DD"),
        ({"sector": "x", "land_ha": 5, "phases": [{"land_ha": 9}]}, "the phases add up to 9.0 ha"),
        ({"sector": "x", "land_ha": 5, "profile": "miner"}, "one of export_manufacturer"),
        ([1, 2], "A brief is a JSON object"),
    ],
)
def test_a_bad_brief_is_refused_naming_the_field(data: object, fragment: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        brief_from_dict(data)
    assert fragment in refused.value.render("en")


def test_weights_follow_the_brief_and_the_user() -> None:
    brief = brief_from_dict({"sector": "x", "land_ha": 5, "profile": "domestic_market", "china_trade": True})
    weights = weights_for(brief, {"green": 40})
    assert weights["border_time_h"] == 10 and weights["green"] == 40 and weights["preferred_locality"] == 0
    with pytest.raises(InvalidInput, match="Unknown criterion 'colour'"):
        weights_for(brief, {"colour": 1})


def test_a_rent_over_the_budget_sets_the_zone_aside_and_an_unknown_rent_does_not() -> None:
    from corridor.siting.facts import rent_for

    brief = brief_from_dict({"sector": "26", "land_ha": 5, "rent_budget_usd_m2": 90})
    zone = make_zone("kcn-vsip-hai-phong")
    zone.evidence["rent"], _ = rent_for("kcn-vsip-hai-phong", "Hải Phòng", "Hải Phòng")
    assert zone.evidence["rent"] is not None and zone.evidence["rent"].scope == "zone"  # 100-120 USD/m² (2025-10)
    reason = filter_reason(brief, zone, divisions=("26",), excluded=frozenset(), today=TODAY)
    assert reason is not None
    assert reason.render("en") == "Land rent from 100.0 USD/m² (zone figure), over the budget of 90.0 USD/m²"
    nowhere = make_zone("no-rent")
    nowhere.evidence["rent"], _ = rent_for("no-rent", "Lào Cai", "Lào Cai")
    assert nowhere.evidence["rent"] is None
    assert filter_reason(brief, nowhere, divisions=("26",), excluded=frozenset(), today=TODAY) is None


def test_a_former_hai_duong_zone_takes_hai_duong_s_rent_and_keeps_the_conflicting_figures() -> None:
    from corridor.siting.facts import rent_for

    chosen, others = rent_for("some-ccn", "Hải Phòng", "Hải Dương")
    assert chosen is not None and chosen.province_pre2025 == "Hải Dương" and chosen.as_of == "2021"
    assert {(o.low_usd_m2, o.as_of) for o in others} >= {(76.0, "2020"), (75.0, "2020")}  # both kept


def test_a_needed_utility_without_a_stated_capacity_is_listed_as_unknown() -> None:
    zone = make_zone("dry", port_time_h=1.0)
    zone.utilities = {"power": "2 x 63 MVA"}
    result = rank([zone], {"power_mw": 20, "water_m3_day": 500})
    lacks = result["results"][0]["lacks"]
    assert "No data: water supply capacity" in lacks
    assert not any("power supply" in item for item in lacks)
