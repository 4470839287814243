"""The API response cache answers repeated requests and forgets them when the data changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from corridor.bootstrap import App
from corridor.http.lang import request_lang
from corridor.logistics.scenarios import scenario_from_dict
from corridor.server.app import create_app
from corridor.server.cache import ResponseCache
from tests.factories import FIRM_HEADER, make_firm_row, write_csv

ROUTE = {"from": "Hà Nội", "to": "Hải Phòng", "scenario": "works"}


def test_cached_answers_follow_writes(loaded_app: App, tmp_path: Path) -> None:
    with TestClient(create_app(loaded_app, cache_check_s=0.0)) as client:
        first = client.get("/api/v1/firms", params={"limit": 1}).json()
        assert client.get("/api/v1/firms", params={"limit": 1}).json() == first
        loaded_app.registry.import_file(write_csv(tmp_path / "f.csv", [make_firm_row()], FIRM_HEADER), "firms", "u")
        after = client.get("/api/v1/firms", params={"limit": 1}).json()
        assert after["total"] == first["total"] + 1


def _save_works(app: App, changes: list[dict[str, str]]) -> None:
    scenario = scenario_from_dict({"name": "works", "changes": changes}, "test")
    app.logistics().save_scenario(scenario, "planner")


def test_a_cached_route_follows_saved_and_deleted_scenarios(loaded_app: App) -> None:
    with TestClient(create_app(loaded_app, cache_check_s=0.0)) as client:
        _save_works(loaded_app, [])
        open_h = client.get("/api/v1/route", params=ROUTE).json()["totals"]["duration_h"]
        _save_works(loaded_app, [{"kind": "close", "link": "E02"}])  # the expressway's QL39 – QL10 section
        # slower without it (QL5 along its linework is shorter, but slower, than the expressway)
        assert client.get("/api/v1/route", params=ROUTE).json()["totals"]["duration_h"] > open_h
        loaded_app.logistics().scenarios.delete_scenario("works")  # type: ignore[union-attr]
        assert client.get("/api/v1/route", params=ROUTE).status_code == 404


async def _answer_in_the_asked_language(scope: Scope, receive: Receive, send: Send) -> None:
    """Like an API answer with translated text: the body depends on the language only."""
    body = request_lang(Request(scope)).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})


def test_the_cache_keys_on_accept_language() -> None:
    cache = ResponseCache(_answer_in_the_asked_language, data_version=lambda: 1)
    client = TestClient(cache)  # no `with`: the bare ASGI function has no lifespan
    assert client.get("/api/v1/zones", headers={"accept-language": "vi"}).text == "vi"
    assert client.get("/api/v1/zones", headers={"accept-language": "en-GB,en;q=0.8"}).text == "en"
    assert client.get("/api/v1/zones", headers={"accept-language": "vi"}).text == "vi"
    assert (cache.hits, cache.misses) == (1, 2)


def test_the_cache_keys_on_the_language_cookie() -> None:
    client = TestClient(ResponseCache(_answer_in_the_asked_language, data_version=lambda: 1))
    client.cookies.set("corridor_lang", "en")
    assert client.get("/api/v1/zones").text == "en"
    client.cookies.set("corridor_lang", "vi")
    assert client.get("/api/v1/zones").text == "vi"


def test_the_cache_can_be_turned_off(loaded_app: App) -> None:
    app = create_app(replace(loaded_app, settings=replace(loaded_app.settings, api_cache=False)))
    assert not any(middleware.cls is ResponseCache for middleware in app.user_middleware)
    assert any(middleware.cls is ResponseCache for middleware in create_app(loaded_app).user_middleware)


def test_the_freight_network_follows_new_zones(loaded_app: App, tmp_path: Path) -> None:
    before = loaded_app.logistics()
    zone = {
        "name_vi": "KCN Mới Thử",
        "zone_type": "KCN",
        "province": "Hải Phòng",
        "lat": "20.9",
        "lon": "106.6",
        "precision": "site",
    }
    loaded_app.registry.import_file(write_csv(tmp_path / "z.csv", [zone]), "zones", "u")
    after = loaded_app.logistics()
    assert after is not before and "kcn-moi-thu" in after.base.nodes
    assert after.route("KCN Mới Thử", "Hải Phòng").legs


def test_a_cached_answer_carries_the_security_headers(loaded_app: App) -> None:
    app = create_app(loaded_app)
    cache = next(m for m in app.user_middleware if m.cls is ResponseCache)
    assert app.user_middleware[0] is cache  # outermost: a hit runs no other middleware
    with TestClient(app) as client:
        first, hit = (client.get("/api/v1/nodes", params={"limit": 2}) for _ in range(2))
    assert hit.content == first.content
    assert hit.headers["x-frame-options"] == first.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" in hit.headers


async def _answer_for_the_token(scope: Scope, receive: Receive, send: Send) -> None:
    """Like an answer that only a token holder may read (the moderation queue, an inquiry dashboard)."""
    token = dict(scope["headers"]).get(b"authorization", b"anonymous")
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": token})


def test_an_answer_to_a_token_holder_is_never_served_to_anyone_else() -> None:
    cache = ResponseCache(_answer_for_the_token, data_version=lambda: 1)
    client = TestClient(cache)
    assert client.get("/api/v1/proposals", headers={"authorization": "Bearer admin"}).text == "Bearer admin"
    assert client.get("/api/v1/proposals").text == "anonymous"
    assert client.get("/api/v1/proposals", headers={"authorization": "Bearer other"}).text == "Bearer other"
