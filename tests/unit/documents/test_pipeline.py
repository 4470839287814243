"""The document pipeline on a hand-made document: self-contained HTML, and a PDF whose text, fonts and pages
come back intact through poppler (pdftotext, pdffonts, pdftoppm)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corridor.documents import Cited, Document, Paragraph, Section, render_html, render_pdf
from corridor.errors import Unavailable
from tests.unit.documents.sample import LABELS_VI, NFD_TITLE, sample_document


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.srcs: list[str] = []
        self.hrefs: list[str] = []
        self.fig_spans = 0
        self.notes = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag in {"img", "script"} and attributes.get("src"):
            self.srcs.append(attributes["src"] or "")
        if tag == "link":
            self.hrefs.append(attributes.get("href") or "")
        if tag == "span" and attributes.get("class") == "fig":
            self.fig_spans += 1
        if tag == "sup" and attributes.get("class") == "note":
            self.notes += 1


def _poppler(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60)


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("doc") / "sample.pdf"
    path.write_bytes(render_pdf(sample_document()))
    return path


def test_html_is_self_contained_nfc_and_every_figure_has_a_note() -> None:
    page = render_html(sample_document())
    parsed = _Collect()
    parsed.feed(page)
    assert parsed.srcs and all(src.startswith("data:image/") for src in parsed.srcs)
    assert parsed.hrefs == []  # no stylesheet from anywhere
    assert "script" not in parsed.tags
    assert unicodedata.is_normalized("NFC", page)
    assert unicodedata.normalize("NFC", NFD_TITLE) in page
    assert parsed.fig_spans == 3  # two in the text, one in the table
    assert parsed.notes >= parsed.fig_spans
    sources = re.findall(r'<li id="src-(\d+)"', page)
    assert sources == ["1", "2"]
    assert "số liệu tại 2025-02" in page


def test_pdf_text_comes_back_with_its_marks_and_notes(pdf_path: Path) -> None:
    text = _poppler("pdftotext", "-layout", str(pdf_path), "-").stdout
    assert unicodedata.normalize("NFC", NFD_TITLE) in text
    assert "Đường cao tốc phía Đông: ổn định, ẫ ặ ỡ." in text
    assert "347.000 tỷ đồng[1]" in text
    assert "8,42 %[1][2]" in text
    assert "Mục lục" in text and "Bảng 1" in text and "Hình 2" in text
    assert "Trang 2" in text  # page numbers in the footer
    for word in ("nan", "None"):
        assert not re.search(rf"\b{word}\b", text)


def test_pdf_embeds_only_noto_fonts(pdf_path: Path) -> None:
    rows = _poppler("pdffonts", str(pdf_path)).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, embedded = row.split()[0], row.split()[-5]
        assert "Noto" in name, row
        assert embedded == "yes", row


def test_pdf_renders_to_pixels_without_complaint(pdf_path: Path, tmp_path: Path) -> None:
    done = _poppler("pdftoppm", "-r", "40", "-png", str(pdf_path), str(tmp_path / "page"))
    assert done.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) >= 4


def test_pdf_declares_pdf_a(pdf_path: Path) -> None:
    assert b"pdfaid:part" in pdf_path.read_bytes()


@pytest.mark.parametrize(("lang", "text"), [("ko", "한국어 보고서"), ("ja", "日本語の報告書"), ("zh", "中文报告")])
def test_cjk_documents_keep_every_glyph(lang: str, text: str, tmp_path: Path) -> None:
    section = Section(text, (Paragraph.of(text + " — Hải Dương ", Cited("12,5", ())),))
    document = Document(text, "Hành lang", lang, "2026", LABELS_VI, (section,))
    path = tmp_path / "cjk.pdf"
    path.write_bytes(render_pdf(document))
    extracted = _poppler("pdftotext", str(path), "-").stdout
    assert f"{text} — Hải Dương 12,5" in extracted
    assert "CJK" in _poppler("pdffonts", str(path)).stdout


def test_a_character_no_font_draws_is_refused_not_drawn_as_a_box() -> None:
    with pytest.raises(Unavailable) as caught:
        render_pdf(sample_document(extra_text="\U0001d11e"))  # musical G clef: not in Noto Sans nor CJK
    assert "\U0001d11e" in str(caught.value)


def test_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    hostile = 'KCN "Số 5" #set page(width: 1cm) [x] *y* _z_ $a$ <b> \\ @c = d // e'
    section = Section(hostile, (Paragraph.of(hostile, Cited(hostile, ())),))
    document = Document(hostile, hostile, "vi", hostile, LABELS_VI, (section,))
    path = tmp_path / "hostile.pdf"
    path.write_bytes(render_pdf(document))
    text = " ".join(_poppler("pdftotext", str(path), "-").stdout.split())
    assert text.count(" ".join(hostile.split())) >= 3
    assert "&lt;b&gt;" in render_html(document) and "<b>" not in render_html(document).split("<body>")[1]


@pytest.mark.parametrize("lang, label", [("ko", "백만 달러"), ("ja", "百万ドル"), ("zh", "百万美元")])
def test_a_chart_in_a_cjk_language_draws_its_labels_and_the_vietnamese_names(lang: str, label: str) -> None:
    from corridor.documents import line_chart

    # a missing glyph is a warning from matplotlib, an error under this suite's filterwarnings
    image = line_chart({"Hải Phòng": [(2023, 1.0), (2024, 2.0)]}, label, lang)
    assert image.format == "svg" and b"<svg" in image.data
