"""A document as an A4 PDF/A-2b through typst (the `typst` PyPI package): cover, contents, page numbers.

Text goes into the typst source as string literals (`#"..."`), never as markup, so nothing a record holds can be
read as a typst command. Fonts are only ours (ignore_system_fonts): Noto Sans/Serif from the package and Noto
CJK from the system, so typst's bundled fonts, whose bold misplaces some Vietnamese marks, are never used.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from corridor.documents.fonts import font_dirs, text_families, uncovered_characters
from corridor.documents.model import (
    Cited,
    Document,
    Figure,
    Inline,
    Labels,
    Paragraph,
    Section,
    Source,
    Table,
    document_text,
    nfc,
    numbered_sources,
)
from corridor.errors import Unavailable

__all__ = ["render_pdf_typst", "typst_source"]

_PDF_STANDARD: Literal["a-2b"] = "a-2b"


def render_pdf_typst(document: Document) -> bytes:
    """The PDF bytes of `document`."""
    import typst

    missing = uncovered_characters(document_text(document), document.lang)
    if missing:
        raise Unavailable("No font of this document draws these characters: {characters}", characters=missing)
    with tempfile.TemporaryDirectory(prefix="corridor-doc-") as tmp:
        root = Path(tmp)
        main = root / "main.typ"
        main.write_text(typst_source(document, root), encoding="utf-8")
        fonts = [str(d) for d in font_dirs(document.lang)]
        pdf = typst.compile(
            str(main), root=str(root), font_paths=fonts, ignore_system_fonts=True, pdf_standards=_PDF_STANDARD
        )
    if not isinstance(pdf, bytes):
        raise TypeError("typst returned no PDF bytes")
    return pdf


def _s(text: str) -> str:
    """A typst string literal of `text` (NFC), to splice into markup as `#"..."`."""
    escaped = nfc(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")
    return f'"{escaped}"'


def _families(families: list[str]) -> str:
    return "(" + ", ".join(_s(f) for f in families) + ",)"


def typst_source(document: Document, image_dir: Path) -> str:
    """The typst markup of `document`; images are written into `image_dir` beside it."""
    numbers = numbered_sources(document)
    out = [_preamble(document), _cover(document)]
    counter = [0]
    for section in document.sections:
        out.append(_section(section, 1, numbers, image_dir, counter, document.labels))
    out.append(_sources(document, numbers))
    return "\n".join(out)


def _preamble(document: Document) -> str:
    body = _families(text_families(document.lang))
    heading = _families(text_families(document.lang, heading=True))
    return f"""#set document(title: {_s(document.title)})
#set text(font: {body}, lang: {_s(document.lang)}, size: 10pt)
#set par(justify: false, leading: 0.62em)
#set heading(numbering: "1.1")
#show heading: set text(font: {heading})
#show heading.where(level: 1): it => {{ pagebreak(weak: true); it; v(0.3em) }}
#set figure(gap: 0.6em)
#show figure: set block(breakable: true)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.caption: it => align(left, strong(it))
#set table(stroke: (x, y) => if y == 0 {{ (bottom: 0.7pt) }} else {{ (bottom: 0.3pt + luma(200)) }}, inset: 4pt,
  align: left)
#set page(paper: "a4", margin: (x: 2cm, y: 2.2cm))
"""


def _cover(document: Document) -> str:
    page = f'#{_s(document.labels.page)} #counter(page).display("1")'
    lines = "\n".join(f"#text(size: 11pt)[#{_s(line)}]\n" for line in document.cover_lines)
    return f"""#page(numbering: none)[
#v(5cm)
#text(size: 26pt, weight: "bold", font: {_families(text_families(document.lang, heading=True))})[#{_s(document.title)}]
#v(0.6cm)
#text(size: 15pt, fill: rgb("#2f6f8f"))[#{_s(document.subtitle)}]
#v(0.6cm)
#text(size: 11pt)[#{_s(document.date_text)}]
#v(1fr)
{lines}
]
#set page(numbering: "1", footer: context align(center, text(size: 8pt)[{page}]))
#counter(page).update(1)
#outline(title: [#{_s(document.labels.contents)}], depth: 2)
"""


def _notes(sources: tuple[Source, ...], numbers: dict[Source, int]) -> str:
    return "".join(f"#super[#{_s(f'[{numbers[s]}]')}]" for s in sources)


def _inlines(parts: tuple[Inline, ...], numbers: dict[Source, int]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Cited):
            out.append(f"#{_s(part.text)}{_notes(part.sources, numbers)}")
        elif part:
            out.append(f"#{_s(part)}")
    return "".join(out)


def _section(
    section: Section, level: int, numbers: dict[Source, int], image_dir: Path, counter: list[int], labels: Labels
) -> str:
    out = [f"#heading(level: {level})[#{_s(section.title)}]\n"]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            out.append(_inlines(block.parts, numbers) + "\n")
        elif isinstance(block, Table):
            out.append(_table(block, numbers, labels))
        else:
            counter[0] += 1
            out.append(_figure(block, numbers, image_dir, counter[0], labels))
    out.extend(_section(sub, level + 1, numbers, image_dir, counter, labels) for sub in section.subsections)
    return "\n".join(out)


def _cell(cell: Inline, numbers: dict[Source, int], right: bool) -> str:
    text = f"[{_inlines((cell,), numbers)}]"
    return f"table.cell(align: right)[{text[1:-1]}]" if right else text


def _table(table: Table, numbers: dict[Source, int], labels: Labels) -> str:
    numeric = table.numeric or (False,) * len(table.header)
    head = ", ".join(f"[*#{_s(h)}*]" for h in table.header)
    rows = ",\n  ".join(", ".join(_cell(c, numbers, numeric[i]) for i, c in enumerate(row)) for row in table.rows)
    columns = ", ".join("auto" for _ in numeric)
    return (
        f"#figure(kind: table, supplement: [#{_s(labels.table)}], caption: [#{_s(table.caption)}],\n"
        f" text(size: 8.5pt, table(columns: ({columns},), table.header({head}),\n  {rows}\n)))\n"
    )


def _figure(figure: Figure, numbers: dict[Source, int], image_dir: Path, n: int, labels: Labels) -> str:
    name = f"figure-{n}.{figure.image.format}"
    (image_dir / name).write_bytes(figure.image.data)
    caption = f"#{_s(figure.caption)}{_notes(figure.sources, numbers)}"
    image = f"image({_s(name)}, width: 100%, alt: {_s(figure.alt)})"
    return f"#figure({image}, kind: image, supplement: [#{_s(labels.figure)}],\n caption: [{caption}])\n"


def _sources(document: Document, numbers: dict[Source, int]) -> str:
    items = []
    for source, n in sorted(numbers.items(), key=lambda item: item[1]):
        url = f"#link({_s(source.url)})[#{_s(source.url)}]" if source.url.startswith("http") else f"#{_s(source.url)}"
        items.append(
            f"#block(spacing: 0.45em)[#{_s(f'[{n}] ')}#{_s(source.title)}. {url}. "
            f"#{_s(document.labels.source_as_of)} #{_s(document.labels.as_of(source))}.]"
        )
    return (
        f"#heading(level: 1, numbering: none)[#{_s(document.labels.sources)}]\n#text(size: 8pt)[\n"
        + "\n".join(items)
        + "\n]\n"
    )
