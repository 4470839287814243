""" "No route" is an answer (422, exit 4) with its reason; bad input (an option, a parameter, a place) is an error."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest

from corridor.errors import CorridorError, InvalidInput, NoRoute, NotFound
from corridor.logistics import LogisticsService, Node, load_parameters
from corridor.logistics.parameters import DEFAULT_FILE
from corridor.logistics.routing import Note
from corridor.logistics.scenarios import Scenario, scenario_from_dict

PARAMS = load_parameters()


class _Scenarios:
    def __init__(self, *scenarios: Scenario) -> None:
        self.saved = {s.name: s for s in scenarios}

    def save_scenario(self, scenario: Scenario, user: str) -> None:
        self.saved[scenario.name] = scenario

    def get_scenario(self, name: str) -> Scenario | None:
        return self.saved.get(name)

    def list_scenarios(self) -> list[Scenario]:
        return list(self.saved.values())

    def delete_scenario(self, name: str) -> bool:
        return self.saved.pop(name, None) is not None


def _road_only(**params: object) -> LogisticsService:
    """Two towns on one road, a zone beside it; nothing for barges (no sea or waterway link at all)."""
    nodes = [
        Node("HAN", "Hà Nội", "city", 21.0, 105.8),
        Node("HPG", "Hải Phòng", "city", 20.86, 106.68),
        Node("kcn-a", "KCN A", "zone", 20.9, 106.6),
        Node("far", "Far away", "city", 8.5, 104.0),
    ]
    row = {"id": "L1", "from_node": "HAN", "to_node": "HPG", "mode": "road", "link_class": "expressway"}
    closed = scenario_from_dict({"name": "closed", "changes": [{"kind": "close", "link": "L1"}]}, "test")
    return LogisticsService(
        nodes,
        [{**row, "length_km": "105.5", "status": "open"}],
        dataclasses.replace(PARAMS, **params) if params else PARAMS,
        _Scenarios(closed),
    )


@pytest.mark.parametrize("origin", ["kcn-a", "KCN A", "HAN", "Ha Noi", "20.95,106.2"])
@pytest.mark.parametrize("optimize", ["time", "cost", "co2", "distance"])
def test_a_profile_without_a_usable_link_is_no_route(origin: str, optimize: str) -> None:
    with pytest.raises(
        NoRoute, match=r"No barge or coastal ship route in \d+: the network has no open link for its modes"
    ) as found:
        _road_only().route(origin, "Hải Phòng", profile="barge", optimize=optimize)
    assert (found.value.http_status, found.value.exit_code) == (422, 4)
    assert "sea, waterway" in found.value.render("en")
    assert np.isnan(_road_only().matrix(["HAN"], ["HPG"], profile="barge").values).all()


def test_places_the_network_does_not_join_are_no_route() -> None:
    with pytest.raises(NoRoute, match="No container truck route from Hà Nội to Far away"):
        _road_only().route("Hà Nội", "far")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"optimize": "bogus"}, "Cannot optimise 'bogus'"),
        ({"profile": "plane"}, "Unknown profile 'plane'"),
        ({"cargo_t": -1.0}, "Cargo must weigh"),
    ],
)
def test_invalid_choices_are_invalid_input_not_no_route(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(CorridorError, match=message) as found:
        _road_only().route("Hà Nội", "far", **kwargs)  # type: ignore[arg-type]
    assert not isinstance(found.value, NoRoute) and found.value.exit_code == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"optimize": "bogus"}, "Cannot optimise 'bogus'"), ({"profile": "plane"}, "Unknown profile 'plane'")],
)
def test_a_scenario_comparison_refuses_invalid_choices(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(CorridorError, match=message) as found:
        _road_only().diff("closed", [("Hà Nội", "Hải Phòng")], **kwargs)  # type: ignore[arg-type]
    assert found.value.exit_code == 1


def test_a_scenario_comparison_refuses_unknown_places_and_scenarios() -> None:
    with pytest.raises(NotFound, match="No place 'Atlantis'"):
        _road_only().diff("closed", [("Atlantis", "Hải Phòng")])
    with pytest.raises(NotFound, match="No scenario 'open'"):
        _road_only().diff("open", [("Hà Nội", "Hải Phòng")])


def test_a_scenario_comparison_says_per_pair_why_there_is_no_route() -> None:
    (pair,) = _road_only().diff("closed", [("Hà Nội", "Hải Phòng")])
    row = pair.as_dict("en")
    assert row["baseline"]["distance_km"] == 105.5 and row["scenario"] is None and row["change"] is None
    assert row["no_route"]["baseline"] is None
    assert row["no_route"]["scenario"].startswith("No container truck route from Hà Nội to Hải Phòng in")
    assert pair.as_dict("vi")["no_route"]["scenario"] != row["no_route"]["scenario"]


def test_parameters_that_are_not_finite_numbers_are_refused(tmp_path: Path) -> None:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "p.toml"
    for old, new in [("road = 1500.0", "road = nan"), ("dwell_h = 12.0", "dwell_h = inf")]:
        bad.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(CorridorError, match=re.escape(f"is {float(new.split()[-1])!r}")):
            load_parameters(bad)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_scenario_values_that_are_not_finite_numbers_are_refused(value: float) -> None:
    with pytest.raises(CorridorError, match="'kph' must be a positive number"):
        scenario_from_dict({"name": "s", "changes": [{"kind": "speed", "link": "L1", "kph": value}]}, "s.toml")


def test_weights_too_large_for_the_engine_are_invalid_input_not_a_crash() -> None:
    costly = _road_only(cost_vnd_per_tkm={**PARAMS.cost_vnd_per_tkm, "road": 1e12})
    with pytest.raises(InvalidInput, match="The weights of 'cost' must be"):
        costly.route("Hà Nội", "Hải Phòng")


def test_route_notes_are_message_ids_rendered_in_the_readers_language() -> None:
    route = _road_only().route("Hà Nội", "Hải Phòng")
    assert all(isinstance(note, Note) for note in route.notes)
    english, vietnamese = route.as_dict("en")["notes"], route.as_dict("vi")["notes"]
    assert any(n.startswith("tolls unknown on 1 expressway leg(s)") for n in english)
    assert len(vietnamese) == len(english) and set(vietnamese).isdisjoint(english)
    assert route.as_dict()["notes"] == english  # the JSON default stays English


def test_the_profile_is_named_in_the_reader_s_language() -> None:
    from corridor.i18n import Message
    from corridor.logistics.labels import profile_noun

    said = Message("No {profile} route from {origin} to {destination} in {year}; the network does not join them")
    said.params.update(profile=profile_noun("truck"), origin="A", destination="B", year=2026)
    assert said.render("vi").startswith("Không có tuyến xe container từ A")
    assert profile_noun("river_ferry") == "river_ferry"
