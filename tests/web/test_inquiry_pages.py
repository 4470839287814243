"""The inquiry pages through their forms: an investor sends one inquiry from /sites, follows it from the private
link; the board's zone manager sets its status from her inbox; the administrators' dashboard counts it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corridor.accounts import Grant
from corridor.bootstrap import App
from corridor.server.app import create_app
from tests.api.test_sign_in import _hidden, _sign_in

PASSWORD = "một mật khẩu đủ dài"
HEZA = "ban-quan-ly-khu-kinh-te-hai-phong"
BRIEF = "sector=electronics&land_ha=5&lang=en"


@pytest.fixture
def people(loaded_app: App) -> App:
    accounts = loaded_app.accounts
    accounts.add_user("investor@example.kr", [Grant("investor")], "test", password=PASSWORD)
    accounts.add_user("manager@example.vn", [Grant("zone_manager", "zone:kcn-trang-due")], "test", password=PASSWORD)
    accounts.add_user("other@example.vn", [Grant("zone_manager", "zone:kcn-cai-lan")], "test", password=PASSWORD)
    accounts.add_user("admin@example.vn", [Grant("admin")], "test", password=PASSWORD)
    return loaded_app


def _client(app: App) -> TestClient:
    return TestClient(create_app(app), base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture
def investor(people: App) -> Iterator[Any]:
    with _client(people) as client:
        assert _sign_in(client, "investor@example.kr", PASSWORD).status_code == 303
        yield client


def _send(client: Any, zones: list[str]) -> str:
    page = client.get(f"/sites?{BRIEF}").text
    form = page[page.index('class="inquiry-form"') :]
    data = {"csrf_token": _hidden(form, "csrf_token"), "zones": zones, "message": "Xin thông tin", "brief": "{}"}
    sent = client.post("/sites/inquiry", data=data, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    return str(sent.headers["location"])


def test_an_investor_sends_one_inquiry_and_follows_it(investor: Any, people: App) -> None:
    anonymous = _client(people)
    assert "/login?next=" in anonymous.get(f"/sites?{BRIEF}").text  # no inquiry form without an account
    link = _send(investor, ["kcn-trang-due", "kcn-cai-lan", "kcn-noi-bai"])
    assert re.fullmatch(r"/inquiries/[A-Za-z0-9_-]{40,}\?sent=2", link)
    page = anonymous.get(f"{link}&lang=en")  # the link alone opens it, signed in or not
    assert page.status_code == 200 and page.headers["x-robots-tag"] == "noindex"
    assert page.text.count('data-status="received"') == 2
    assert 'data-not-reached="kcn-noi-bai"' in page.text
    assert anonymous.get("/inquiries/wrong-token?lang=en").status_code == 404


def test_the_board_sets_its_status_and_the_investor_sees_it(investor: Any, people: App) -> None:
    link = _send(investor, ["kcn-trang-due", "kcn-cai-lan"])
    with _client(people) as other:
        _sign_in(other, "other@example.vn", PASSWORD)
        assert f'data-board="{HEZA}"' not in other.get("/inquiries/board?lang=en").text  # not her board
    with _client(people) as manager:
        _sign_in(manager, "manager@example.vn", PASSWORD)
        inbox = manager.get("/inquiries/board?lang=en").text
        form = inbox[inbox.index(f'data-board="{HEZA}"') :]
        action = re.search(rf'action="(/inquiries/\d+/boards/{HEZA}/status)"', inbox)
        assert action is not None
        data = {"csrf_token": _hidden(form, "csrf_token"), "status": "site_visit", "note": "Thứ Ba, 9 giờ"}
        assert manager.post(action.group(1), data=data, follow_redirects=False).status_code == 303
        assert manager.post(action.group(1), data={**data, "csrf_token": "x"}).status_code == 403
    followed = investor.get(f"{link}&lang=vi").text
    assert f'data-board="{HEZA}" data-status="site_visit"' in followed and "Thứ Ba, 9 giờ" in followed
    with _client(people) as admin:
        _sign_in(admin, "admin@example.vn", PASSWORD)
        dashboard = admin.get("/inquiries/dashboard?lang=en")
        assert dashboard.status_code == 200 and f'data-board="{HEZA}"' in dashboard.text
    assert investor.get("/inquiries/dashboard?lang=en").status_code == 403
