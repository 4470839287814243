"""The promotion kit on the bundled data, read back: the PDF's text (pdftotext) holds every shortlisted zone's
name with its Vietnamese marks, the fonts are embedded, the HTML has a section per zone with unknown written as
unknown; a Chinese kit carries translated headings; a brief no zone meets gets a clear refusal."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from corridor.bootstrap import App
from corridor.documents import Document, render_html, render_pdf
from corridor.errors import NotApplicable, NotFound
from corridor.siting import brief_from_dict
from corridor.siting.explain import Ranking
from corridor.siting.kit import build_kit, kit_document
from tests.conftest import Backend

BRIEF = json.loads((Path(__file__).parents[3] / "docs" / "examples" / "brief.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Kit:
    app: App
    ranking: Ranking
    document: Document
    html: str
    pdf: Path


@pytest.fixture(scope="module")
def kit(sqlite_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    from corridor.bootstrap import open_app
    from corridor.settings import Settings

    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="vi"))
    ranking = app.siting().rank(brief_from_dict(BRIEF), top=4, draws=0)
    document = kit_document(app.siting(), ranking, lang="vi")
    pdf = tmp_path_factory.mktemp("kit") / "kit.pdf"
    pdf.write_bytes(render_pdf(document))
    yield Kit(app, ranking, document, render_html(document), pdf)
    app.store.engine.dispose()


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pdf_text_holds_every_zone_name_with_its_marks(kit: Kit) -> None:
    names = [zone["name"] for zone in kit.ranking.results]
    assert len(names) == 4 and any(ch in "".join(names) for ch in "ềệạảấầ")
    text = unicodedata.normalize("NFC", " ".join(_pdftotext(kit.pdf).split()))
    for name in names:
        assert unicodedata.normalize("NFC", name) in text
    assert "Bộ tài liệu xúc tiến đầu tư chung" in text and "Ban quản lý" in text


def test_the_pdf_embeds_its_fonts_and_declares_pdf_a(kit: Kit) -> None:
    fonts = subprocess.run(["pdffonts", str(kit.pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("Noto" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)  # the "emb" column
    assert b"pdfaid:part" in kit.pdf.read_bytes()


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.ids.append(dict(attrs).get("id") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_has_a_section_per_zone_and_writes_unknown_as_unknown(kit: Kit) -> None:
    parsed = _Sections()
    parsed.feed(kit.html)
    assert {f"zone-{z['id']}" for z in kit.ranking.results} <= set(parsed.ids)
    assert {"overview", "about", "sources"} <= set(parsed.ids)
    text = " ".join(parsed.text)
    assert not re.search(r"\b(nan|None|null|NaN)\b", text)
    assert not re.search(r"\{[a-z_]+\}", text)  # no placeholder left unfilled
    assert "không rõ" in text  # the bundled data lacks many figures: they read as unknown
    assert "tính đến không rõ" in text and "tính đến unknown" not in text  # sources of unknown date, in Vietnamese
    assert unicodedata.is_normalized("NFC", kit.html)


def test_a_chinese_kit_translates_its_headings(kit: Kit, tmp_path: Path) -> None:
    document = kit_document(kit.app.siting(), kit.ranking, lang="zh")
    path = tmp_path / "kit-zh.pdf"
    path.write_bytes(render_pdf(document))
    text = " ".join(_pdftotext(path).split())
    assert "联合投资促进资料" in text and "管理委员会" in text
    assert kit.ranking.results[0]["name"] in unicodedata.normalize("NFC", text)


def test_a_brief_no_zone_meets_gets_no_kit_but_a_clear_reason(kit: Kit) -> None:
    brief: dict[str, Any] = {"sector": "2610", "land_ha": 5, "excluded_localities": ["Hải Phòng", "Quảng Ninh"]}
    brief["excluded_localities"] += ["Hưng Yên", "Hà Nội", "Lào Cai", "Yunnan"]
    with pytest.raises(NotApplicable) as refused:
        build_kit(kit.app.siting(), brief_from_dict(brief), lang="en")
    assert "No zone meets the brief" in refused.value.render("en") and "162" in refused.value.render("en")


def test_a_kit_of_the_zones_the_investor_chose_holds_those_in_rank_order(kit: Kit) -> None:
    siting = kit.app.siting()
    full = siting.rank(brief_from_dict(BRIEF), top=200, draws=0)
    chosen = [full.results[5]["id"], full.results[1]["id"]]  # beyond the top four, and given out of order
    document = build_kit(siting, brief_from_dict(BRIEF), lang="en", zones=chosen)
    parsed = _Sections()
    parsed.feed(render_html(document))
    zone_sections = [key for key in parsed.ids if key.startswith("zone-")]
    assert zone_sections == [f"zone-{full.results[1]['id']}", f"zone-{full.results[5]['id']}"]


def test_a_chosen_zone_the_brief_sets_aside_or_that_does_not_exist_is_refused(kit: Kit) -> None:
    siting = kit.app.siting()
    full = siting.rank(brief_from_dict(BRIEF), top=200, draws=0)
    aside = full.filtered[0][0].id
    with pytest.raises(NotApplicable) as refused:
        build_kit(siting, brief_from_dict(BRIEF), lang="vi", zones=[full.results[0]["id"], aside])
    assert f"Khu '{aside}' bị loại theo yêu cầu dự án này: " in refused.value.render("vi")
    with pytest.raises(NotFound):
        build_kit(siting, brief_from_dict(BRIEF), lang="en", zones=["kcn-khong-co"])
