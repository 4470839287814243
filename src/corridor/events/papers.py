"""The call for papers (tham luận): a submitted file must be a readable PDF within the upload limit; accepted papers
form the proceedings, a ZIP of their PDFs with a table of contents (index.html and index.csv)."""

from __future__ import annotations

import csv
import html
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corridor.errors import InvalidInput, UnsupportedContent, UploadTooLarge
from corridor.events.models import EventDefinition, Paper
from corridor.i18n import mark, translate
from corridor.reference.names import slugify

__all__ = ["PaperFile", "check_paper_pdf", "proceedings_zip"]

NOT_A_PDF = mark("{file}: not a PDF file (it does not start with %PDF-)")
UNREADABLE_PDF = mark("{file}: the PDF cannot be read ({reason})")
ENCRYPTED_PDF = mark("{file}: the PDF is password-protected; submit it without a password")
PDF_TOO_LARGE = mark("{file}: the file is larger than the limit of {max_mb} MB")
NEEDS_TEXT = mark("'{field}' is needed")
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # ZIP entries carry this date: the same papers give the same bytes


@dataclass(frozen=True)
class PaperFile:
    file_name: str
    pdf: bytes
    pages: int


def check_paper_pdf(file_name: str, data: bytes, max_bytes: int) -> PaperFile:
    """The file, if it is a PDF pypdf can open, without a password, of at most `max_bytes`."""
    if len(data) > max_bytes:
        raise UploadTooLarge(PDF_TOO_LARGE, file=file_name, max_mb=round(max_bytes / 1024 / 1024, 2))
    if not data.startswith(b"%PDF-"):
        raise UnsupportedContent(NOT_A_PDF, file=file_name)
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnsupportedContent(ENCRYPTED_PDF, file=file_name)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:  # pypdf's parse errors on damaged files
        raise UnsupportedContent(UNREADABLE_PDF, file=file_name, reason=str(error)[:200]) from error
    return PaperFile(file_name, data, pages)


def check_paper_fields(title: str, abstract: str, author: str, organisation: str) -> None:
    for name, value in (("title", title), ("abstract", abstract), ("author", author), ("organisation", organisation)):
        if not value.strip():
            raise InvalidInput(NEEDS_TEXT, field=name)


def proceedings_zip(
    event: EventDefinition, papers: Sequence[Paper], pdf_of: Callable[[int], bytes], lang: str
) -> bytes:
    """The accepted papers in submission order, numbered, with index.html and index.csv as the table of contents."""
    accepted = [p for p in papers if p.status == "accepted"]
    names = [f"{n:02d}-{slugify(p.title)[:60] or 'paper'}.pdf" for n, p in enumerate(accepted, start=1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, paper in zip(names, accepted, strict=True):
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), pdf_of(paper.id))
        archive.writestr(zipfile.ZipInfo("index.csv", FIXED_DATE), _index_csv(accepted, names))
        archive.writestr(zipfile.ZipInfo("index.html", FIXED_DATE), _index_html(event, accepted, names, lang))
    return buffer.getvalue()


def _index_csv(papers: Sequence[Paper], names: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["number", "title", "author", "organisation", "file"])
    for n, (paper, name) in enumerate(zip(papers, names, strict=True), start=1):
        writer.writerow([n, paper.title, paper.author, paper.author_organisation, name])
    return out.getvalue()


def _index_html(event: EventDefinition, papers: Sequence[Paper], names: Sequence[str], lang: str) -> str:
    proceedings, contents = translate("Proceedings", lang), translate("Contents", lang)
    title = html.escape(f"{proceedings}: {event.name}")
    items = "".join(
        f'<li><a href="{name}">{html.escape(p.title)}</a> — {html.escape(p.author)}, '
        f"{html.escape(p.author_organisation)}</li>"
        for p, name in zip(papers, names, strict=True)
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>{html.escape(event.venue)}, {event.starts_on.isoformat()}</p>"
        f"<h2>{html.escape(contents)}</h2><ol>{items}</ol></body></html>"
    )
