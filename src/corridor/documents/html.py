"""A document as one self-contained HTML file: styles in the head, images inlined as data URIs, no CDN.

Every cited figure carries a note marker linking to its numbered source (title, address, as-of date) at the end.
"""

from __future__ import annotations

import base64
from html import escape

from corridor.documents.fonts import text_families
from corridor.documents.model import (
    Cited,
    Document,
    Figure,
    Inline,
    Paragraph,
    Section,
    Source,
    Table,
    nfc,
    numbered_sources,
)

__all__ = ["render_html"]

_STYLE = """
body { font-family: %(families)s, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1d1d1d; }
h1, h2, h3 { font-family: "Noto Serif", %(families)s, serif; line-height: 1.2; }
.cover { border-bottom: 3px solid #2f6f8f; margin-bottom: 2rem; padding-bottom: 1rem; }
.cover h1 { font-size: 2rem; margin-bottom: .3rem; }
.cover .subtitle { font-size: 1.2rem; color: #2f6f8f; }
nav.contents ol { list-style: none; padding-left: 1rem; }
table { border-collapse: collapse; width: 100%%; font-size: .9rem; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef3f6; }
td.num { text-align: right; white-space: nowrap; }
caption, figcaption { caption-side: top; text-align: left; font-weight: bold; margin: .4rem 0; }
figure { margin: 1rem 0 1.5rem; }
figure img { max-width: 100%%; height: auto; }
sup.note a { text-decoration: none; font-size: .75em; }
ol.sources { font-size: .85rem; }
ol.sources li { margin-bottom: .25rem; word-break: break-word; }
"""


_NUM = ' class="num"'


class _Counter:
    def __init__(self) -> None:
        self.figure = 0
        self.table = 0


def render_html(document: Document) -> str:
    """The whole document as an HTML page (UTF-8, NFC)."""
    numbers = numbered_sources(document)
    counter = _Counter()
    families = ", ".join(f'"{family}"' for family in text_families(document.lang))
    body = [
        _cover(document),
        _contents(document),
        *(_section(section, [i], numbers, counter, document) for i, section in enumerate(document.sections, 1)),
        _sources(document, numbers),
    ]
    page = (
        f'<!DOCTYPE html>\n<html lang="{document.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{_STYLE % {'families': families}}</style>\n</head>\n"
        f"<body>\n{''.join(body)}</body>\n</html>\n"
    )
    return nfc(page)


def _cover(document: Document) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in document.cover_lines)
    return (
        f'<header class="cover"><h1>{escape(document.title)}</h1>'
        f'<p class="subtitle">{escape(document.subtitle)}</p><p>{escape(document.date_text)}</p>{lines}</header>\n'
    )


def _contents(document: Document) -> str:
    def items(sections: tuple[Section, ...], prefix: list[int]) -> str:
        entries = []
        for i, section in enumerate(sections, 1):
            number = [*prefix, i]
            sub = items(section.subsections, number) if section.subsections else ""
            entries.append(
                f'<li><a href="#{_anchor(section, number)}">{_dotted(number)} {escape(section.title)}</a>{sub}</li>'
            )
        return f"<ol>{''.join(entries)}</ol>"

    return f'<nav class="contents"><h2>{escape(document.labels.contents)}</h2>{items(document.sections, [])}</nav>\n'


def _dotted(number: list[int]) -> str:
    return ".".join(str(n) for n in number) + "."


def _anchor(section: Section, number: list[int]) -> str:
    return section.key or "s-" + "-".join(str(n) for n in number)


def _section(section: Section, number: list[int], numbers: dict[Source, int], counter: _Counter, doc: Document) -> str:
    level = min(len(number) + 1, 4)
    parts = [
        f'<section id="{_anchor(section, number)}"><h{level}>{_dotted(number)} {escape(section.title)}</h{level}>\n'
    ]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{_inlines(block.parts, numbers)}</p>\n")
        elif isinstance(block, Table):
            counter.table += 1
            parts.append(_table(block, counter.table, numbers, doc))
        else:
            counter.figure += 1
            parts.append(_figure(block, counter.figure, numbers, doc))
    for i, sub in enumerate(section.subsections, 1):
        parts.append(_section(sub, [*number, i], numbers, counter, doc))
    parts.append("</section>\n")
    return "".join(parts)


def _notes(sources: tuple[Source, ...], numbers: dict[Source, int]) -> str:
    return "".join(f'<sup class="note"><a href="#src-{numbers[s]}">[{numbers[s]}]</a></sup>' for s in sources)


def _inlines(parts: tuple[Inline, ...], numbers: dict[Source, int]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Cited):
            out.append(f'<span class="fig">{escape(part.text)}{_notes(part.sources, numbers)}</span>')
        else:
            out.append(escape(part))
    return "".join(out)


def _table(table: Table, n: int, numbers: dict[Source, int], doc: Document) -> str:
    numeric = table.numeric or (False,) * len(table.header)
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    rows = []
    for row in table.rows:
        cells = "".join(
            f"<td{_NUM if numeric[i] else ''}>{_inlines((cell,), numbers)}</td>" for i, cell in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<table id="table-{n}"><caption>{escape(doc.labels.table)} {n}. {escape(table.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
    )


def _figure(figure: Figure, n: int, numbers: dict[Source, int], doc: Document) -> str:
    mime = "image/svg+xml" if figure.image.format == "svg" else "image/png"
    data = base64.b64encode(figure.image.data).decode("ascii")
    return (
        f'<figure id="figure-{n}"><figcaption>{escape(doc.labels.figure)} {n}. {escape(figure.caption)}'
        f"{_notes(figure.sources, numbers)}</figcaption>"
        f'<img src="data:{mime};base64,{data}" alt="{escape(figure.alt)}" width="{figure.image.width_px}" '
        f'height="{figure.image.height_px}"></figure>\n'
    )


def _sources(document: Document, numbers: dict[Source, int]) -> str:
    items = "".join(
        f'<li id="src-{n}" value="{n}">{escape(s.title)}. <a href="{escape(s.url)}">{escape(s.url)}</a>. '
        f"{escape(document.labels.source_as_of)} {escape(document.labels.as_of(s))}.</li>"
        for s, n in sorted(numbers.items(), key=lambda item: item[1])
    )
    return (
        f'<section id="sources"><h2>{escape(document.labels.sources)}</h2><ol class="sources">{items}</ol></section>\n'
    )
