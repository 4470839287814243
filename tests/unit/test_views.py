import datetime as dt

from corridor.registry.models import Observation, SourceRef
from corridor.registry.views import merge_observations

LOADED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _obs(fields: dict[str, object], as_of: str, order: int) -> Observation:
    return Observation("z", fields, SourceRef(f"source {order}", "", as_of), order, LOADED, "u", order)


def test_newest_source_wins_field_by_field_and_older_values_fill_gaps() -> None:
    old = _obs({"area_ha": 245.0, "developer": "Hòa Phát"}, "2025-07-10", 1)
    new = _obs({"area_ha": 245.03}, "2025-07-20", 2)
    merged = merge_observations([old, new])
    assert merged.fields == {"area_ha": 245.03, "developer": "Hòa Phát"}
    assert merged.field_sources["area_ha"] is new
    assert merged.field_sources["developer"] is old
    assert merged.observations == [new, old]


def test_undated_sources_rank_below_dated_ones() -> None:
    undated = _obs({"area_ha": 250.0}, "unknown", 2)
    dated = _obs({"area_ha": 200.0}, "2024-06-20", 1)
    assert merge_observations([undated, dated]).fields["area_ha"] == 200.0


def test_a_point_and_its_precision_come_from_one_source() -> None:
    newer = _obs({"lat": 21.0, "lon": 106.5, "location_note": "district centroid"}, "2025", 2)
    older = _obs({"lat": 20.9, "lon": 106.1, "precision": "ward", "location_note": "ward"}, "2024", 1)
    merged = merge_observations([newer, older])
    assert (merged.fields["lat"], merged.fields.get("precision")) == (21.0, None)
    assert merged.field_sources["precision"] is newer


def test_a_source_with_a_point_beats_a_newer_one_without() -> None:
    newer = _obs({"precision": "province"}, "2025", 2)
    older = _obs({"lat": 20.9, "lon": 106.1, "precision": "ward"}, "2024", 1)
    merged = merge_observations([newer, older])
    assert (merged.fields["lat"], merged.fields["precision"]) == (20.9, "ward")
