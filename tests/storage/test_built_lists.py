"""Unfiltered lists come from a list built once per data version (corridor.registry.listings): every page must be
what the database gives for that page, and a write must show at the next request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.registry.queries import RecordQuery
from corridor.registry.service import ListFilters
from tests.factories import FIRM_HEADER, make_firm_row, write_csv


def _read_page(app: App, kind: str, sort: str | None, limit: int, offset: int) -> tuple[list[str], int]:
    """The page as the database gives it, with no built list in between."""
    rows, total, _ = app.store.page(kind, RecordQuery(sort=sort, limit=limit, offset=offset))
    return [row["id"] for row in rows], total


SORTS = {"zones": ["-area_ha", "status", "-name"], "firms": ["-employees", "role", "-name"], "nodes": ["status", "-id"]}


@pytest.mark.parametrize("kind", sorted(SORTS))
def test_every_page_is_the_databases_page(loaded_app: App, kind: str) -> None:
    for sort in (None, *SORTS[kind]):
        for offset in (0, 7, 100, 150, 400):
            filters = ListFilters(sort=sort, limit=50, offset=offset)
            page = loaded_app.registry.list_records(kind, filters)
            query = loaded_app.registry._query(kind, filters)[0]  # noqa: SLF001 - the same query, read directly
            expected = _read_page(loaded_app, kind, query.sort, 50, offset)
            assert ([item["id"] for item in page.items], page.total) == expected, (sort, offset)


def test_zones_on_each_side_of_the_merger_name_their_province_of_that_day(loaded_app: App) -> None:
    before = loaded_app.registry.list_records("zones", ListFilters(as_of=dt.date(2025, 6, 30), limit=5)).items
    after = loaded_app.registry.list_records("zones", ListFilters(as_of=dt.date(2025, 7, 1), limit=5)).items
    assert [z["province"] for z in before] == [z["province_pre2025"] for z in before]
    assert [z["province"] for z in after] == [z["province_2025"] for z in after]


def test_a_write_shows_at_the_next_request(loaded_app: App, tmp_path: Path) -> None:
    first = loaded_app.registry.list_records("firms", ListFilters(limit=1000))
    row = make_firm_row(name="Công ty Ả Mới")
    loaded_app.registry.import_file(write_csv(tmp_path / "f.csv", [row], FIRM_HEADER), "firms", "u")
    after = loaded_app.registry.list_records("firms", ListFilters(limit=1000))
    assert after.total == first.total + 1
    assert "Công ty Ả Mới" in [item["name"] for item in after.items]


def test_changing_a_page_does_not_change_the_next(loaded_app: App) -> None:
    page = loaded_app.registry.list_records("nodes", ListFilters(limit=3)).items
    page[0]["name"] = "changed"
    assert loaded_app.registry.list_records("nodes", ListFilters(limit=3)).items[0]["name"] != "changed"
