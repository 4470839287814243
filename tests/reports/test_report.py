"""The sub-regional report on the bundled data, generated once (Vietnamese) and read back from its HTML and PDF:
every section, a note on every figure, "chưa có số liệu" for unknown, fonts embedded, pages drawn."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corridor.documents import Document, render_html, render_pdf
from corridor.reports.report import build_report
from tests.conftest import Backend

SECTIONS = ("summary", "economy", "business", "infrastructure", "sustainability", "supply_chain", "methods")
TITLES_VI = ("Tóm tắt", "Kinh tế", "Môi trường kinh doanh", "Hạ tầng", "Phát triển bền vững",
             "Liên kết chuỗi cung ứng", "Phương pháp và nguồn")  # fmt: skip
ANSWERS_WITHOUT_A_FIGURE = {"chưa có số liệu", "không gộp", "không có tuyến", "chưa ghi nhận bằng chứng"}
YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Built:
    document: Document
    html: str
    pdf: Path
    pdf_text: str


@pytest.fixture(scope="module")
def built(sqlite_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    from corridor.bootstrap import open_app
    from corridor.matching.gaps import find_gaps
    from corridor.settings import Settings

    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="vi"))
    document = build_report(app, corridor="vehec", lang="vi", gaps=find_gaps(app.matching()))  # as `corridor report`
    pdf = tmp_path_factory.mktemp("report") / "report.pdf"
    pdf.write_bytes(render_pdf(document))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    yield Built(document, render_html(document), pdf, text)
    app.store.engine.dispose()


class _Cells(HTMLParser):
    """Numeric table cells and paragraph text outside cited figures, as a reader would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.numeric_cells: list[tuple[str, bool]] = []  # (text, has a note)
        self.bare_paragraph_text: list[str] = []
        self._cell: list[str] | None = None
        self._cell_noted = False
        self._in_p = 0
        self._in_fig = 0
        self._in_cover = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "td" and "num" in classes:
            self._cell, self._cell_noted = [], False
        if tag == "sup" and self._cell is not None:
            self._cell_noted = True
        if tag == "span" and "fig" in classes:
            self._in_fig += 1
        self._in_p += tag == "p"
        self._in_cover += tag == "header"

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.numeric_cells.append(("".join(self._cell).strip(), self._cell_noted))
            self._cell = None
        if tag == "span" and self._in_fig:
            self._in_fig -= 1
        self._in_p -= tag == "p"
        self._in_cover -= tag == "header"

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_p and not self._in_fig and not self._in_cover:
            self.bare_paragraph_text.append(data)


def test_every_section_is_there_in_html_and_pdf(built: Built) -> None:
    for key in SECTIONS:
        assert f'<section id="{key}">' in built.html
    for title in TITLES_VI:
        assert title in built.pdf_text, title
    assert "Mục lục" in built.pdf_text and "Nguồn" in built.pdf_text


def test_every_figure_in_a_table_has_a_note(built: Built) -> None:
    cells = _Cells()
    cells.feed(built.html)
    assert len(cells.numeric_cells) > 200
    for text, noted in cells.numeric_cells:
        assert noted or text in ANSWERS_WITHOUT_A_FIGURE, text
    assert any(noted for _, noted in cells.numeric_cells)


def test_running_text_has_no_figure_without_a_note(built: Built) -> None:
    cells = _Cells()
    cells.feed(built.html)
    for text in cells.bare_paragraph_text:
        without_years = YEAR.sub("", text).replace("CO2e", "").replace("pre-2025", "")
        assert not re.search(r"\d", without_years), text


def test_unknown_reads_no_data_never_zero_nan_or_none(built: Built) -> None:
    visible = re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]+"', "", built.html))
    for text in (visible, built.pdf_text):
        assert "chưa có số liệu" in text
        assert not re.search(r"\b(nan|NaN|None|null|no data|TODO)\b", text)
        assert not re.search(r"\{[a-z_]+\}", text)  # no unfilled placeholder
    assert unicodedata.is_normalized("NFC", built.html)


def test_sources_of_unknown_date_say_so_in_the_reader_language(built: Built) -> None:
    sources = built.pdf_text.split("Nguồn\n")[-1]
    assert "tính đến không rõ" in sources and "unknown" not in sources
    assert "corridor=." not in built.pdf_text  # every registry count cites the corridor's records


def test_supply_gaps_and_the_eco_park_checklist_read_in_the_reader_language(built: Built) -> None:
    chain = built.html.split('<section id="supply_chain">')[1].split("</section>")[0]
    assert "Khoảng trống cung ứng" in chain and "Stamped metal parts" in chain
    assert "Nhật Bản" in chain and "Hàn Quốc" in chain and ">Japan<" not in chain  # origins as known terms
    sustainability = built.html.split('<section id="sustainability">')[1].split("</section>")[0]
    for header in ("Tuân thủ pháp luật (3 năm)", "Dịch vụ cơ bản", "Dịch vụ hỗ trợ cộng sinh", "Sản xuất sạch hơn"):
        assert header in sustainability
    assert "Điều 37" in sustainability and "Khoản 5 Điều 2" in sustainability
    assert "basic services" not in sustainability and "Art. 37" not in sustainability
    # A shipment without a route says why (the bundled Móng Cái border gate has no known location)
    assert "Các lô hàng không có tuyến và lý do" in sustainability
    assert "chưa có vị trí nên không thể nối" in sustainability


def test_conflicting_figures_stand_side_by_side(built: Built) -> None:
    methods = built.html.split('<section id="methods">')[1]
    assert "Thái Bình" in methods and "119.200" in methods and "123.328" in methods


def test_merged_provinces_add_up_and_scores_are_not_combined(built: Built) -> None:
    summary = built.html.split('<section id="summary">')[1].split("</section>")[0]
    assert "658.381" in summary  # Hải Phòng 2024 = former Hải Phòng 445,995 + Hải Dương 212,386
    assert "không gộp" in summary  # the merged provinces' PCI


def test_pdf_fonts_embedded_and_pages_drawn(built: Built, tmp_path: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(built.pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("Noto" in row.split()[0] and row.split()[-5] == "yes" for row in rows)
    done = subprocess.run(["pdftoppm", "-r", "20", "-png", str(built.pdf), str(tmp_path / "p")],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert done.stderr == ""
    pages = len(list(tmp_path.glob("p-*.png")))
    assert pages >= 10
    assert re.search(rf"Trang {pages - 1}\b", built.pdf_text)  # the cover has no number; page 1 is the contents
    assert b"pdfaid:part" in built.pdf.read_bytes()


def test_html_is_one_self_contained_file(built: Built) -> None:
    assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(js|css|png|svg)', built.html)
    assert built.html.count('src="data:image/') >= 8  # charts and the three travel-time maps
