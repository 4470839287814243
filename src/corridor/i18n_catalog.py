"""Finding every user-facing message in the source (Babel extraction), to keep the catalogs complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file

__all__ = ["INVESTOR_SOURCES", "KEYWORDS", "extract_investor_messages", "extract_messages"]

# The functions whose string argument is a message shown to people, and which argument it is.
KEYWORDS = {
    "translate": (1,),
    "mark": (1,),
    "Message": (1,),
    "CorridorError": (1,),
    "InvalidInput": (1,),
    "NotFound": (1,),
    "NoRoute": (1,),
    "Unavailable": (1,),
    "reject": (3,),
    "RowError": (5,),
}


# Python source, and the portal's Jinja2 templates (where `_()` marks text).
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]


def extract_messages(source_dir: Path) -> Catalog:
    catalog = Catalog(project="corridor")
    found = extract_from_dir(str(source_dir), method_map=METHOD_MAP, keywords={**KEYWORDS, "_": (1,)})
    for _file, _line, message, _comments, _context in found:
        if isinstance(message, str) and message:
            catalog.add(message)
    return catalog


# The investor pages (home, directory, zone page, compare, matching, site selection, the inquiry follow page and the
# indicators) and the code whose messages they show: these messages must be translated in every language (ko, ja and
# zh too); see docs/adr/0018-five-languages.md. A new page for investors joins by adding its template and modules here.
# The boards' inbox and the administrators' dashboard stay in vi/en.
INVESTOR_SOURCES = (
    "web/templates/base.html",
    "web/templates/_macros.html",
    "web/templates/_record_fields.html",
    "web/templates/error.html",
    "web/templates/home.html",
    "web/templates/zones.html",
    "web/templates/zone.html",
    "web/templates/compare.html",
    "web/templates/matching.html",
    "web/templates/sites.html",
    "web/templates/inquiry.html",
    "web/templates/indicators.html",
    "web/pages.py",
    "web/forms.py",
    "registry/labels.py",
    "registry/terms.py",
    "registry/filters.py",
    "registry/service.py",
    "matching/ranking.py",
    "matching/service.py",
    "web/sites_pages.py",
    "siting/brief.py",
    "siting/criteria.py",
    "siting/explain.py",
    "siting/filters.py",
    "siting/incentives.py",
    "siting/inquiries.py",
    "siting/sector.py",
    "siting/service.py",
    # `corridor sites` and `corridor match` in ko, ja and zh (corridor.cli.context.INVESTOR_COMMANDS)
    "cli/siting.py",
    "cli/matching.py",
    "cli/_why_empty.py",
    "cli/files.py",
    "web/indicator_page.py",
    "reports/_text.py",
    "reports/exports.py",
    "reports/indicators.py",
    "reports/service.py",
    "errors.py",
    # the promotion kit (docs/adr/0020): its own words, and the ranking's words it shows
    "siting/kit.py",
    "documents/language.py",
    "siting/criteria.py",
    "siting/explain.py",
    "siting/incentives.py",
)


def extract_investor_messages(source_dir: Path) -> Catalog:
    """The messages of the investor pages (INVESTOR_SOURCES), which ko/ja/zh must translate."""
    catalog = Catalog(project="corridor")
    keywords = {**KEYWORDS, "_": (1,)}
    for relative in INVESTOR_SOURCES:
        method = "jinja2" if relative.endswith(".html") else "python"
        for _line, message, _comments, _context in extract_from_file(method, str(source_dir / relative), keywords):
            if isinstance(message, str) and message:
                catalog.add(message)
    return catalog
