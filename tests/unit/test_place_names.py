"""The names investors use for places: every one sourced, and read into the Vietnamese names the data knows."""

from __future__ import annotations

import csv

from corridor.reference.loading import DATA
from corridor.reference.place_names import place_names, place_target, with_vietnamese_names


def test_every_name_has_a_language_a_source_and_a_place_the_data_knows() -> None:
    with (DATA / "registry" / "nodes.csv").open(encoding="utf-8") as handle:
        node_ids = {row["id"] for row in csv.DictReader(handle)}
    names = place_names()
    assert {n.lang for n in names} == {"ko", "ja", "zh-Hans", "zh-Hant"}
    for name in names:
        assert name.source_url.startswith("https://") and name.source_title and name.source_date == "2026-12-01"
        assert not name.target or name.target in node_ids, name
    assert sum(1 for n in names if n.seen_at) >= 40


def test_names_are_read_longest_first_and_inside_a_text() -> None:
    assert place_target("海防港") == "PT_HD" and place_target("海防") == "HPG"
    assert place_target(" 하롱 ") == "HLG" and place_target("广宁省") == "Quảng Ninh"
    assert with_vietnamese_names("VSIP 海防") == "VSIP Hải Phòng"
    assert with_vietnamese_names("Đình Vũ") is None
