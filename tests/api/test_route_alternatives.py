"""GET /api/v1/route/alternatives: the time-, cost- and CO2e-optimal routes side by side."""

from __future__ import annotations

from typing import Any

from corridor.logistics.routing import Route
from corridor.logistics.service import Alternatives


def test_the_three_optimal_routes_come_side_by_side(client: Any) -> None:
    answer = client.get(
        "/api/v1/route/alternatives", params={"from": "KCN Tằng Loỏng", "to": "PT_LH34", "profile": "multimodal"}
    )
    assert answer.status_code == 200
    body = answer.json()
    by_objective = {a["optimize"]: a["route"]["totals"] for a in body["alternatives"]}
    assert set(by_objective) == {"time", "cost", "co2"}
    assert by_objective["time"]["duration_h"] <= min(t["duration_h"] for t in by_objective.values())
    assert by_objective["cost"]["cost_vnd"] <= min(t["cost_vnd"] for t in by_objective.values())
    assert by_objective["co2"]["co2e_kg"] <= min(t["co2e_kg"] for t in by_objective.values())
    assert body["dominant"] is None  # rail is cheaper and cleaner, the truck faster: a trade-off
    assert not any(a["dominates"] for a in body["alternatives"])


def test_an_unknown_place_is_404_and_no_route_is_422(client: Any) -> None:
    unknown = client.get("/api/v1/route/alternatives", params={"from": "Atlantis", "to": "HPG"})
    assert unknown.status_code == 404
    no_route = client.get("/api/v1/route/alternatives", params={"from": "HAN", "to": "HPG", "profile": "coastal"})
    assert no_route.status_code == 422 and no_route.json()["error"]["message"]


def _route(hours: float, vnd: float, kg: float) -> Route:
    from corridor.logistics.routing import Leg

    route = Route({}, {}, "truck", "time", 2026, 20.0, None)
    route.legs.append(Leg("link", "road/x", "A", "A", "B", "B", 10.0, hours, vnd, kg, "sourced", "L"))
    return route


def test_a_route_dominates_when_no_worse_on_all_three_and_better_on_one() -> None:
    better = Alternatives({"time": _route(1, 100, 5), "cost": _route(1, 120, 5), "co2": _route(1, 100, 5)})
    assert better.dominant() == "time"
    trade_off = Alternatives({"time": _route(1, 200, 5), "cost": _route(2, 100, 5), "co2": _route(2, 100, 4)})
    assert trade_off.dominant() is None
    same = Alternatives({"time": _route(1, 100, 5), "cost": _route(1, 100, 5), "co2": _route(1, 100, 5)})
    assert same.dominant() is None and same.as_dict()["same_route"]
