"""Codes and the sources' English words have labels in the reader's language; unknown values stay as written."""

from __future__ import annotations

import csv

import pytest

from corridor.reference.loading import DATA
from corridor.registry.columns import (
    EXCHANGE_CATEGORIES,
    KKT_KINDS,
    NODE_TYPES,
    PRECISIONS,
    ROLES,
    STATUSES,
    ZONE_TYPES,
)
from corridor.registry.labels import code_label, leg_mode_label
from corridor.registry.terms import term_label

CODES = {
    "status": STATUSES,
    "precision": PRECISIONS,
    "zone_type": ZONE_TYPES,
    "kkt_kind": KKT_KINDS,
    "node_type": NODE_TYPES,
    "role": ROLES,
    "category": EXCHANGE_CATEGORIES,
}


@pytest.mark.parametrize("field", CODES)
def test_every_code_has_a_vietnamese_and_an_english_label(field: str) -> None:
    for code in CODES[field]:
        vietnamese, english = code_label(field, code, "vi"), code_label(field, code, "en")
        assert vietnamese != english, (field, code)
        assert "_" not in english and "_" not in vietnamese, (field, code)


def test_precision_province_is_not_the_column_label() -> None:
    from corridor.i18n import translate

    assert code_label("precision", "province", "vi") != translate("province", "vi")
    assert "không có tọa độ" in code_label("precision", "province", "vi")


def _bundled(kind: str, column: str) -> set[str]:
    with (DATA / "registry" / f"{kind}.csv").open(encoding="utf-8") as handle:
        return {row[column] for row in csv.DictReader(handle) if row[column]}


@pytest.mark.parametrize(("kind", "column"), [("firms", "origin_country"), ("indicators", "indicator")])
def test_every_bundled_country_and_indicator_reads_in_vietnamese(kind: str, column: str) -> None:
    unlabelled = [v for v in _bundled(kind, column) if term_label(v, "vi") == v and v not in {"Samoa", "Singapore"}]
    assert unlabelled == []


def test_bundled_units_and_sectors_read_in_vietnamese() -> None:
    assert term_label("billion VND", "vi") == "tỷ đồng"
    assert term_label("Japan / Vietnam", "vi") == "Nhật Bản / Việt Nam"
    assert term_label("China (Hong Kong investor)", "vi") == "Trung Quốc (nhà đầu tư Hồng Kông)"
    assert term_label("electronics / EMS", "vi") == "điện tử / dịch vụ sản xuất điện tử (EMS)"


def test_a_value_not_in_the_glossary_is_never_guessed() -> None:
    assert term_label("electronics / quantum widgets", "vi") == "electronics / quantum widgets"
    assert term_label("Japan", "en") == "Japan"


def test_route_leg_modes_read_in_vietnamese() -> None:
    assert leg_mode_label("road/national road", "vi") == "đường bộ / quốc lộ"
    assert leg_mode_label("road->rail", "vi") == "đường bộ → đường sắt"
