"""One rendering pipeline for every document (the sub-regional report, the promotion kit): HTML and PDF.

A domain builds a `Document` (sections, paragraphs, numbered tables and figures, cited figures) in the reader's
language; `render_html` gives one self-contained HTML file, `render_pdf` an A4 PDF/A with the fonts embedded.
"""

from __future__ import annotations

from corridor.documents.charts import MapPoint, bar_chart, line_chart, point_map
from corridor.documents.html import render_html
from corridor.documents.language import layout_labels, number, t
from corridor.documents.model import (
    Block,
    Cited,
    Document,
    Figure,
    Image,
    Inline,
    Labels,
    Paragraph,
    Section,
    Source,
    Table,
    nfc,
    numbered_sources,
)
from corridor.documents.typst_pdf import render_pdf_typst

__all__ = [
    "Block",
    "Cited",
    "Document",
    "Figure",
    "Image",
    "Inline",
    "Labels",
    "MapPoint",
    "Paragraph",
    "Section",
    "Source",
    "Table",
    "bar_chart",
    "layout_labels",
    "line_chart",
    "nfc",
    "number",
    "numbered_sources",
    "point_map",
    "render_html",
    "render_pdf",
    "t",
]


def render_pdf(document: Document) -> bytes:
    """The A4 PDF/A-2b of `document` (typst; ADR 0016 says why not WeasyPrint)."""
    return render_pdf_typst(document)
