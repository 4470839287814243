"""The hot read routes write their JSON without checking it against their models (corridor.api.openapi.trusted_json):
here every answer they give on the bundled data must be byte for byte what the declared model would write."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter
from starlette.testclient import TestClient

from corridor.api import schemas

LISTS = {"zones": schemas.ZonePage, "firms": schemas.FirmPage, "nodes": schemas.NodePage}
DETAILS = {"zones": schemas.ZoneDetail, "firms": schemas.FirmDetail, "nodes": schemas.NodeDetail}


def _as_model_writes_it(model: Any, body: bytes) -> bytes:
    adapter = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_json(body), by_alias=True)


@pytest.mark.parametrize("kind", sorted(LISTS))
@pytest.mark.parametrize("as_of", [None, dt.date(2024, 1, 1)])
def test_every_page_is_what_its_model_writes(client: TestClient, kind: str, as_of: dt.date | None) -> None:
    dated = f"&as_of={as_of}" if as_of else ""
    answer = client.get(f"/api/v1/{kind}?limit=1000&lang=en{dated}")
    assert answer.status_code == 200
    assert answer.json()["items"]
    assert answer.content == _as_model_writes_it(LISTS[kind], answer.content)


@pytest.mark.parametrize("kind", sorted(DETAILS))
def test_every_record_is_what_its_model_writes(client: TestClient, kind: str) -> None:
    ids = [item["id"] for item in client.get(f"/api/v1/{kind}?limit=1000").json()["items"]]
    assert ids
    for record_id in ids:
        answer = client.get(f"/api/v1/{kind}/{record_id}")
        assert answer.status_code == 200
        assert answer.content == _as_model_writes_it(DETAILS[kind], answer.content), record_id


def test_indicators_are_what_their_model_writes(client: TestClient) -> None:
    answer = client.get("/api/v1/indicators")
    assert answer.json()["items"]
    assert answer.content == _as_model_writes_it(schemas.Indicators, answer.content)
