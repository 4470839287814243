"""Re-aggregation rules on hand-made series: additive sums, weighted growth, refused scores, conflicting figures."""

from __future__ import annotations

import pytest

from corridor.reports.indicators import (
    Fact,
    Merger,
    series_on_2025_boundaries,
    series_on_pre2025_boundaries,
)

MERGER = Merger({"HP-2025": ["HP", "HD"], "QN-2025": ["QN"]})


def fact(
    loc: str, year: int, indicator: str, value: float, unit: str, status: str | None = None, src: str = "S"
) -> Fact:
    return Fact(loc, year, indicator, value, unit, status, src, "https://example.org/" + src, "2025-01")


def point(points, loc, key, year):  # type: ignore[no-untyped-def]
    found = [p for p in points if (p.locality_id, p.indicator, p.year) == (loc, key, year)]
    assert len(found) == 1, found
    return found[0]


def test_additive_indicators_are_summed_in_one_unit() -> None:
    facts = [
        fact("HP", 2024, "Exports", 33.25, "billion USD"),  # normalised to million USD before summing
        fact("HD", 2024, "Exports", 1200.0, "million USD"),
        fact("HP", 2024, "GRDP current prices", 445995, "billion VND"),
        fact("HD", 2024, "GRDP current prices", 180000, "billion VND"),
    ]
    points = series_on_2025_boundaries(facts, MERGER)
    exports = point(points, "HP-2025", "exports", 2024)
    assert exports.method == "sum" and exports.value == pytest.approx(34450.0) and exports.unit == "million USD"
    assert {f.locality_id for f in exports.used} == {"HP", "HD"}
    assert point(points, "HP-2025", "grdp_current", 2024).value == pytest.approx(625995)


def test_a_sum_with_a_missing_part_is_not_given() -> None:
    points = series_on_2025_boundaries([fact("HP", 2023, "FDI registered", 3000, "million USD")], MERGER)
    fdi = point(points, "HP-2025", "fdi_registered", 2023)
    assert fdi.value is None and fdi.method == "incomplete"
    assert "HD" in fdi.reason.render("en")
    assert [f.locality_id for f in fdi.parts] == ["HP"]


def test_growth_is_weighted_by_the_previous_year_grdp() -> None:
    facts = [
        fact("HP", 2024, "GRDP growth", 10.0, "%"),
        fact("HD", 2024, "GRDP growth", 6.0, "%"),
        fact("HP", 2023, "GRDP current prices", 300, "billion VND"),
        fact("HD", 2023, "GRDP current prices", 100, "billion VND"),
    ]
    growth = point(series_on_2025_boundaries(facts, MERGER), "HP-2025", "grdp_growth", 2024)
    assert growth.method == "weighted"
    assert growth.value == pytest.approx(9.0)  # (10 x 300 + 6 x 100) / 400
    assert {(f.locality_id, f.year) for f in growth.weights} == {("HP", 2023), ("HD", 2023)}


def test_growth_without_weights_is_refused_and_shows_its_parts() -> None:
    facts = [fact("HP", 2024, "GRDP growth", 10.0, "%"), fact("HD", 2024, "GRDP growth", 6.0, "%")]
    growth = point(series_on_2025_boundaries(facts, MERGER), "HP-2025", "grdp_growth", 2024)
    assert growth.value is None and growth.method == "refused"
    assert "weights" in growth.reason.render("en")
    assert sorted(f.value for f in growth.parts) == [6.0, 10.0]


SCORES = [
    ("PCI", "points", "pci"),
    ("PCI rank", "rank of 63", "pci_rank"),
    ("PCI: Entry costs", "points", "PCI: Entry costs [points]"),
]


@pytest.mark.parametrize(("name", "unit", "key"), SCORES)
def test_scores_and_ranks_of_merged_provinces_are_refused(name: str, unit: str, key: str) -> None:
    facts = [fact("HP", 2022, name, 70.76, unit), fact("HD", 2022, name, 65.0, unit)]
    score = point(series_on_2025_boundaries(facts, MERGER), "HP-2025", key, 2022)
    assert score.value is None and score.method == "refused"
    assert score.reason.render("en").startswith("Not combined:")
    assert len(score.parts) == 2


def test_a_province_left_whole_keeps_even_its_scores() -> None:
    points = series_on_2025_boundaries([fact("QN", 2023, "PCI", 71.25, "points")], MERGER)
    assert point(points, "QN-2025", "pci", 2023).value == 71.25


def test_conflicting_figures_use_the_most_final_and_keep_the_other() -> None:
    facts = [
        fact("QN", 2023, "GRDP current prices", 123328, "billion VND", "estimate (statistics office)", "A"),
        fact("QN", 2023, "GRDP current prices", 119200, "billion VND", "preliminary (GSO, as cited)", "B"),
    ]
    for points in (series_on_2025_boundaries(facts, MERGER), series_on_pre2025_boundaries(facts)):
        loc = "QN-2025" if any(p.locality_id == "QN-2025" for p in points) else "QN"
        grdp = point(points, loc, "grdp_current", 2023)
        assert grdp.value == 119200 and grdp.used[0].source_title == "B"
        assert [f.value for f in grdp.alternatives] == [123328]


def test_old_boundaries_never_mix_localities() -> None:
    facts = [fact("HP", 2024, "GRDP growth", 10.0, "%"), fact("HD", 2024, "GRDP growth", 6.0, "%")]
    points = series_on_pre2025_boundaries(facts)
    assert sorted((p.locality_id, p.value) for p in points) == [("HD", 6.0), ("HP", 10.0)]
