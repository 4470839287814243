"""POST /api/v1/sites and /api/v1/inquiries over HTTP: answers, refusals, and the inquiry flow with tokens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corridor.bootstrap import App
from tests.factories import make_token

BRIEF = json.loads((Path(__file__).parents[2] / "docs" / "examples" / "brief.json").read_text(encoding="utf-8"))
HEZA = "ban-quan-ly-khu-kinh-te-hai-phong"


def test_a_brief_gives_an_explained_ranking(client: Any) -> None:
    answer = client.post("/api/v1/sites?lang=en", json={"brief": BRIEF, "top": 5, "method": "spotis"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["method"] == "spotis" and len(body["results"]) == 5
    assert [z["rank"] for z in body["results"]] == [1, 2, 3, 4, 5]
    for zone in body["results"]:
        assert sum(zone["contributions"].values()) == pytest.approx(zone["score"], abs=1e-4)
        assert 0 <= zone["robustness"]["top_three_share"] <= 1
    reasons = {z["filtered_out_reason"] for z in body["filtered_out"]}
    assert any("excluded locality (Lào Cai)" in r for r in reasons)  # the brief excludes Lào Cai
    assert body["feasible"] + len(body["filtered_out"]) == 162
    assert len(body["robustness"]["reorder_top_three"]) == len(body["criteria"])


def test_an_infeasible_brief_is_an_empty_ranking_not_an_error(client: Any) -> None:
    brief = {"sector": "2610", "land_ha": 5, "excluded_localities": ["Hải Phòng", "Quảng Ninh", "Hưng Yên", "Hà Nội"]}
    brief["excluded_localities"] += ["Lào Cai", "Yunnan"]
    body = client.post("/api/v1/sites", json={"brief": brief}).json()
    assert body["results"] == [] and len(body["filtered_out"]) == 162


def test_the_reasons_read_in_the_investor_s_language(client: Any) -> None:
    ja = client.post("/api/v1/sites?lang=ja", json={"brief": BRIEF, "top": 3}).json()
    assert any("除外した地域にある（Lào Cai）" in z["filtered_out_reason"] for z in ja["filtered_out"])
    assert {c["label"] for c in ja["criteria"]} >= {"土地賃料", "入居率"}
    bad = {"brief": {"sector": "x", "land_ha": -1}}
    zh = client.post("/api/v1/sites", json=bad, headers={"Accept-Language": "zh-TW"})
    assert zh.status_code == 400 and "应为大于 0 的数字" in zh.text


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"brief": {"land_ha": 5}}, "Trường 'sector' của bản mô tả dự án là bắt buộc"),
        ({"brief": {"sector": "x", "land_ha": "much"}}, "'land_ha'"),
        ({"brief": {"sector": "x", "land_ha": 5}, "weights": {"colour": 1}}, "colour"),
        ({"brief": {"sector": "00123", "land_ha": 5}}, "00123"),
        ({"brief": {"sector": "x", "land_ha": 5, "excluded_localities": ["Atlantis"]}}, "Atlantis"),
    ],
)
def test_a_bad_brief_is_a_400_naming_the_field(client: Any, body: dict[str, Any], fragment: str) -> None:
    answer = client.post("/api/v1/sites?lang=vi", json=body)
    assert answer.status_code == 400, answer.text
    assert fragment in answer.json()["error"]["message"]


def test_one_inquiry_reaches_the_boards_and_each_board_answers(client: Any, loaded_app: App) -> None:
    investor = make_token(loaded_app, "investor", actions=("inquiry.create",), email="buyer@example.jp")
    body = {"zones": ["kcn-binh-giang", "kcn-cai-lan"], "message": "20 ha, 2027", "brief": BRIEF}
    assert client.post("/api/v1/inquiries", json=body).status_code == 401
    sent = client.post("/api/v1/inquiries?lang=en", json=body, headers=investor)
    assert sent.status_code == 200, sent.text
    token, inquiry_id = sent.json()["token"], sent.json()["id"]
    assert sent.json()["link"].endswith(f"/inquiries/{token}")
    followed = client.get(f"/api/v1/inquiries/{token}").json()
    assert {r["board_id"]: r["status"] for r in followed["recipients"]} == {
        HEZA: "received",
        "ban-quan-ly-khu-kinh-te-tinh-quang-ninh": "received",
    }
    assert client.get("/api/v1/inquiries/not-a-token").status_code == 404
    manager = make_token(loaded_app, "zone_manager", ("zone:kcn-binh-giang",), actions=("inquiry.answer",))
    other = make_token(loaded_app, "zone_manager", ("zone:kcn-cai-lan",), actions=("inquiry.answer",))
    path = f"/api/v1/inquiries/{inquiry_id}/boards/{HEZA}/status"
    assert client.post(path, json={"status": "answered"}, headers=other).status_code == 403
    assert client.post(path, json={"status": "lost"}, headers=manager).status_code == 400
    answered = client.post(path, json={"status": "answered", "note": "Xin gửi hồ sơ"}, headers=manager)
    assert answered.status_code == 200, answered.text
    heza = next(r for r in answered.json()["recipients"] if r["board_id"] == HEZA)
    assert heza["status"] == "answered" and heza["response_hours"] is not None
    admin = make_token(loaded_app, "admin", actions=("inquiry.dashboard",))
    dashboard = client.get("/api/v1/inquiries/dashboard", headers=admin).json()
    assert {b["board_id"] for b in dashboard["boards"]} >= {HEZA}
    assert client.get("/api/v1/inquiries/dashboard", headers=investor).status_code == 403
    assert client.get("/api/v1/inquiries/dashboard").status_code == 401
