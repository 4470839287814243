"""Tolls by vehicle class and year: the one in force, the latest when several are, unknown when none is."""

from __future__ import annotations

import pytest

from corridor.errors import CorridorError
from corridor.logistics.tolls import ClassToll, class_tolls_from_text, toll_in_year

TOLLS = (
    ClassToll("container", 600_000, 2015, 2015, "prorated", "docnhanh"),
    ClassToll("container", 760_000, 2016, None, "sourced", "VnExpress"),
    ClassToll("all", 0, 2022, 2022, "sourced", "free opening month"),
)


def test_the_toll_in_force_for_the_class_and_year() -> None:
    assert toll_in_year(TOLLS, "container", 2015).vnd == 600_000  # type: ignore[union-attr]
    assert toll_in_year(TOLLS, "container", 2030).vnd == 760_000  # type: ignore[union-attr]
    assert toll_in_year(TOLLS, "container", 2014) is None  # before any published toll: unknown
    assert toll_in_year(TOLLS, "car", 2022).vnd == 0  # type: ignore[union-attr]
    assert toll_in_year(TOLLS, "car", 2023) is None
    assert toll_in_year(TOLLS, None, 2030) is None  # a profile without a vehicle class pays no known toll


def test_the_table_column_is_read_or_refused_naming_the_link() -> None:
    text = '[{"class": "container", "vnd": 7204, "from": 2016, "to": null, "basis": "prorated", "source": "s"}]'
    (toll,) = class_tolls_from_text(text, "link E01")
    assert (toll.vehicle_class, toll.vnd, toll.to_year) == ("container", 7204.0, None)
    assert class_tolls_from_text("", "link E01") == ()
    with pytest.raises(CorridorError, match="link E01: the tolls are not readable"):
        class_tolls_from_text('[{"class": "container"}]', "link E01")
