"""How a zone's free land is chosen: a source's figure, else leasable × (1 − occupancy), else unknown."""

from __future__ import annotations

from corridor.registry.records import DERIVED_AVAILABLE, available_land


def test_unknown_stays_unknown_never_zero() -> None:
    assert available_land({"leasable_ha": 120.0})["available_ha"] is None
    assert available_land({"occupancy_pct": 100.0})["available_ha"] is None


def test_a_full_park_has_no_free_land_even_when_leasable_land_is_large() -> None:
    derived = available_land({"leasable_ha": 500.0, "occupancy_pct": 100.0})
    assert derived == {"available_ha": 0.0, "available_basis": "derived", "available_derivation": DERIVED_AVAILABLE}


def test_a_stated_figure_wins_unless_a_newer_occupancy_outdates_it() -> None:
    fields = {"leasable_ha": 100.0, "occupancy_pct": 100.0, "available_ha": 40.0}
    assert available_land(fields)["available_basis"] == "sourced"
    assert available_land(fields, occupancy_is_newer=True)["available_ha"] == 0.0
