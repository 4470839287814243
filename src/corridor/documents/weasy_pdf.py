"""The same document printed by WeasyPrint from its HTML: kept to measure the two engines (ADR 0016).

typst is the engine `render_pdf` uses; this one is a dev dependency that `benchmarks/report.py` times against it.
"""

from __future__ import annotations

from corridor.documents.fonts import bundled_font_dir
from corridor.documents.html import render_html
from corridor.documents.model import Document

__all__ = ["render_pdf_weasyprint"]

_PRINT_CSS = """
@font-face { font-family: "Noto Sans"; src: url("%(dir)s/NotoSans-Regular.ttf"); }
@font-face { font-family: "Noto Sans"; font-weight: bold; src: url("%(dir)s/NotoSans-Bold.ttf"); }
@font-face { font-family: "Noto Sans"; font-style: italic; src: url("%(dir)s/NotoSans-Italic.ttf"); }
@font-face { font-family: "Noto Serif"; src: url("%(dir)s/NotoSerif-Regular.ttf"); }
@font-face { font-family: "Noto Serif"; font-weight: bold; src: url("%(dir)s/NotoSerif-Bold.ttf"); }
@page { size: A4; margin: 2.2cm 2cm; @bottom-center { content: counter(page); font-size: 8pt; } }
@page :first { @bottom-center { content: none; } }
body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
.cover { page-break-after: always; height: 24cm; border: none; padding-top: 5cm; }
nav.contents { page-break-after: always; }
nav.contents a::after { content: leader('.') target-counter(attr(href), page); }
section > h2 { page-break-before: always; }
table, figure { page-break-inside: avoid; }
"""


def render_pdf_weasyprint(document: Document) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(string=_PRINT_CSS % {"dir": bundled_font_dir().as_uri()}, font_config=fonts)
    pdf = HTML(string=render_html(document)).write_pdf(stylesheets=[css], font_config=fonts, pdf_variant="pdf/a-2b")
    if not isinstance(pdf, bytes):
        raise TypeError("WeasyPrint returned no PDF bytes")
    return pdf
