"""POST /api/v1/sites/kit and the portal's kit links: a PDF or HTML file with its name, refusals that say why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BRIEF = json.loads((Path(__file__).parents[2] / "docs" / "examples" / "brief.json").read_text(encoding="utf-8"))


def test_the_api_returns_the_kit_as_a_pdf_file(client: Any) -> None:
    answer = client.post("/api/v1/sites/kit?lang=ja&format=pdf", json={"brief": BRIEF, "top": 2})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith('attachment; filename="corridor-kit-ja-')
    assert answer.headers["content-disposition"].endswith('.pdf"')
    assert answer.content.startswith(b"%PDF-") and b"pdfaid:part" in answer.content


def test_the_api_refuses_a_brief_no_zone_meets_and_a_bad_format(client: Any) -> None:
    brief = {"sector": "2610", "land_ha": 5, "excluded_localities": ["Hải Phòng", "Quảng Ninh", "Hưng Yên"]}
    brief["excluded_localities"] += ["Hà Nội", "Lào Cai", "Yunnan"]
    refused = client.post("/api/v1/sites/kit?lang=en", json={"brief": brief})
    assert refused.status_code == 422 and "No zone meets the brief" in refused.json()["error"]["message"]
    assert client.post("/api/v1/sites/kit?format=docx", json={"brief": BRIEF}).status_code in {400, 422}
    assert client.post("/api/v1/sites/kit", json={"brief": {"land_ha": 5}}).status_code == 400


def test_the_sites_page_links_the_kit_of_its_shortlist_in_its_language(client: Any) -> None:
    query = "sector=2610&land_ha=5&top=3"
    page = client.get(f"/sites?{query}&lang=ko")
    assert page.status_code == 200
    assert "/sites/kit.pdf?sector=2610&amp;land_ha=5&amp;top=4&amp;lang=ko" in page.text
    kit = client.get(f"/sites/kit.html?{query}&top=2&lang=ko")
    assert kit.status_code == 200 and kit.headers["content-type"].startswith("text/html")
    assert "공동 투자 유치 자료" in kit.text and 'filename="corridor-kit-ko-' in kit.headers["content-disposition"]
    assert client.get(f"/sites/kit.docx?{query}").status_code == 404


def test_the_chosen_zones_make_their_own_kit_from_the_api_and_the_page(client: Any) -> None:
    ranked = client.post("/api/v1/sites", json={"brief": BRIEF, "top": 6}).json()["results"]
    chosen = [ranked[4]["id"], ranked[0]["id"]]
    kit = client.post("/api/v1/sites/kit?lang=en&format=html", json={"brief": BRIEF, "zones": chosen})
    assert kit.status_code == 200, kit.text
    assert f'id="zone-{ranked[0]["id"]}"' in kit.text and f'id="zone-{ranked[4]["id"]}"' in kit.text
    assert f'id="zone-{ranked[1]["id"]}"' not in kit.text
    missing = client.post("/api/v1/sites/kit?lang=en", json={"brief": BRIEF, "zones": ["kcn-khong-co"]})
    assert missing.status_code == 404
    query = "sector=2610&land_ha=5&compare=" + ranked[0]["id"]
    page = client.get(f"/sites?{query}&lang=en")
    assert f"/sites/kit.pdf?sector=2610&amp;land_ha=5&amp;compare={ranked[0]['id']}&amp;lang=en" in page.text
