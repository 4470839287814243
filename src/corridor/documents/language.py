"""The words and numbers of a document in its reader's language: the layout's own words (contents, figure, page),
numbers in the language's format, messages with their placeholders filled. Shared by every document (the report,
the promotion kit)."""

from __future__ import annotations

from corridor.documents.model import Labels
from corridor.i18n import mark, translate

__all__ = ["layout_labels", "number", "t"]

# thousands separator, decimal point; the other languages write 12,345.6
_SEPARATORS = {"vi": (".", ",")}


def t(message: str, lang: str, **params: object) -> str:
    """`message` in `lang`, with its {placeholders} filled."""
    text = translate(message, lang)
    return text.format(**params) if params else text


def number(value: float, lang: str, digits: int = 2) -> str:
    """12345.678 -> '12.345,68' (vi) or '12,345.68'; trailing zeros of the fraction dropped."""
    whole, _, fraction = f"{value:,.{digits}f}".partition(".")
    fraction = fraction.rstrip("0")
    thousands, point = _SEPARATORS.get(lang, (",", "."))
    return whole.replace(",", thousands) + (point + fraction if fraction else "")


def layout_labels(lang: str) -> Labels:
    """The words the layout needs (contents, figure, table, sources, as of, page, an unknown date) in `lang`."""
    return Labels(
        t(mark("Contents"), lang), t(mark("Figure"), lang), t(mark("Table"), lang), t(mark("Sources"), lang),
        t(mark("as of"), lang), t(mark("Page"), lang), t(mark("unknown"), lang),
    )  # fmt: skip
