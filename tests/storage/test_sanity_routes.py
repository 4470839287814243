"""Sanity routes: distances and times of routes over the bundled network against independent published figures
(tests/data/sanity_routes.csv: encyclopaedia, ministry and news pages; each row names its source).

A row's `needs_links` names the hand-made links (research/transport/links.csv) its route rests on: a test checks
they are in the bundled network, so a route that lost its expressway or bridge fails there, by name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.bootstrap import open_app
from corridor.logistics import LogisticsService
from corridor.settings import Settings
from tests.conftest import Backend

ROWS = list(csv.DictReader((Path(__file__).parents[1] / "data" / "sanity_routes.csv").read_text("utf-8").splitlines()))


@pytest.fixture(scope="module")
def logistics(sqlite_backend: Backend) -> Iterator[LogisticsService]:
    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="en"))
    yield app.logistics()
    app.store.engine.dispose()


def _has_links(logistics: LogisticsService, row: dict[str, str]) -> bool:
    needed = [name.strip() for name in row["needs_links"].split(";") if name.strip()]
    names = [link.name for link in logistics.base.links if link.length_basis == "sourced"]
    return all(any(name in found for found in names) for name in needed)


def test_every_link_a_sanity_route_rests_on_is_in_the_network(logistics: LogisticsService) -> None:
    missing = [(r["origin"], r["destination"], r["needs_links"]) for r in ROWS if not _has_links(logistics, r)]
    assert missing == []
    assert all(row["source_title"] and row["source_date"] for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['origin']}-{r['destination']}-{r['profile']}" for r in ROWS])
def test_a_sanity_route_lies_in_its_published_range(logistics: LogisticsService, row: dict[str, str]) -> None:
    route = logistics.route(row["origin"], row["destination"], profile=row["profile"], optimize="time")
    distance_km, duration_h = route.total("distance_km"), route.total("duration_h")
    assert float(row["distance_min_km"]) <= distance_km <= float(row["distance_max_km"]), distance_km
    if row["duration_min_h"]:
        assert float(row["duration_min_h"]) <= duration_h <= float(row["duration_max_h"]), duration_h
