"""The document model: sections of paragraphs, numbered tables and figures, and cited figures with their sources.

A document arrives here already written in its language: the domain that builds it (the report, the promotion
kit) translates and formats; the renderers only lay it out. Every figure a reader sees in the text or a table
is a `Cited` run that names its sources, so each one gets a note with the source's title and as-of date.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "Cited",
    "Document",
    "Figure",
    "Image",
    "Inline",
    "Labels",
    "Paragraph",
    "Section",
    "Source",
    "Table",
    "document_text",
    "nfc",
    "numbered_sources",
]

LANGUAGES = ("vi", "en", "ko", "ja", "zh")


def nfc(text: str) -> str:
    """Vietnamese marks in one canonical form (precomposed), whatever the source typed."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: the page's title, its address and the date the figure stands at."""

    title: str
    url: str
    as_of: str


@dataclass(frozen=True)
class Cited:
    """A figure in running text or a table cell, with the sources it rests on (one note each)."""

    text: str
    sources: tuple[Source, ...]


Inline = str | Cited


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]

    @classmethod
    def of(cls, *parts: Inline) -> Paragraph:
        return cls(tuple(parts))


@dataclass(frozen=True)
class Table:
    """A numbered table; `numeric` marks the columns to align right."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    numeric: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Image:
    """Image bytes drawn offline (charts as SVG, maps as PNG)."""

    data: bytes
    format: str  # "svg" or "png"
    width_px: int
    height_px: int


@dataclass(frozen=True)
class Figure:
    """A numbered figure: a chart or a static map, its caption, alternative text and sources."""

    caption: str
    image: Image
    alt: str
    sources: tuple[Source, ...] = ()


Block = Paragraph | Table | Figure


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()
    key: str = ""  # a stable anchor (e.g. "economy"), the same in every language


@dataclass(frozen=True)
class Labels:
    """The words the layout itself needs, in the document's language."""

    contents: str
    figure: str
    table: str
    sources: str
    source_as_of: str  # e.g. "as of" / "số liệu tại"
    page: str
    unknown_date: str = "unknown"  # shown for a source whose as-of date is "unknown" (the data's word for it)

    def as_of(self, source: Source) -> str:
        return self.unknown_date if source.as_of == "unknown" else source.as_of


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    lang: str
    date_text: str
    labels: Labels
    sections: tuple[Section, ...]
    cover_lines: tuple[str, ...] = ()
    extra_sources: tuple[Source, ...] = field(default=())  # cited by the document as a whole (e.g. boundaries)

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unsupported document language {self.lang!r}; choose one of {', '.join(LANGUAGES)}")


def numbered_sources(document: Document) -> dict[Source, int]:
    """Every source the document cites, numbered in the order a reader first meets it."""
    numbers: dict[Source, int] = {}

    def add(sources: tuple[Source, ...]) -> None:
        for source in sources:
            numbers.setdefault(source, len(numbers) + 1)

    def walk(section: Section) -> None:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                add(tuple(s for part in block.parts if isinstance(part, Cited) for s in part.sources))
            elif isinstance(block, Table):
                add(tuple(s for row in block.rows for cell in row if isinstance(cell, Cited) for s in cell.sources))
            else:
                add(block.sources)
        for sub in section.subsections:
            walk(sub)

    for section in document.sections:
        walk(section)
    add(document.extra_sources)
    return numbers


def document_text(document: Document) -> str:
    """Every piece of text the document shows, joined (to check that the fonts draw all of it)."""
    texts = [document.title, document.subtitle, document.date_text, *document.cover_lines]
    texts.extend(str(value) for value in vars(document.labels).values())

    def inline(part: Inline) -> str:
        return part.text if isinstance(part, Cited) else part

    def walk(section: Section) -> None:
        texts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.extend(inline(p) for p in block.parts)
            elif isinstance(block, Table):
                texts.extend([block.caption, *block.header, *(inline(c) for row in block.rows for c in row)])
            else:
                texts.extend([block.caption, block.alt])
        for sub in section.subsections:
            walk(sub)

    for section in document.sections:
        walk(section)
    texts.extend([f"{s.title} {s.url} {document.labels.as_of(s)}" for s in numbered_sources(document)])
    return nfc("\n".join(texts))
