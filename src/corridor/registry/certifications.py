"""Known certifications and the ways firms write them; others are kept as declared, marked unverified.

The list (`data/codes/certifications.csv`, kept by hand) names each certification once, with its aliases:
"ISO 27001" is ISO/IEC 27001, "IRIS" is ISO/TS 22163. A name not on the list is not refused: a firm may hold a
certification we have not listed, so it is stored as written and shown as "declared, unverified".
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from corridor.reference.names import fold_name

__all__ = ["canonical_certification", "known_certifications", "unverified_certifications"]


@functools.cache
def _table() -> tuple[tuple[str, ...], dict[str, str]]:
    text = (resources.files("corridor") / "data" / "codes" / "certifications.csv").read_text(encoding="utf-8")
    names: list[str] = []
    by_key: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        names.append(row["name"])
        for written in (row["name"], *row["aliases"].split(";")):
            if written.strip():
                by_key[_key(written)] = row["name"]
    return tuple(names), by_key


def _key(name: str) -> str:
    """'ISO/IEC 27001', 'iso 27001' and 'ISPM-15' vs 'ISPM 15': case, spaces and hyphens do not matter."""
    return fold_name(name).replace(" ", "").replace("-", "")


def known_certifications() -> tuple[str, ...]:
    return _table()[0]


def canonical_certification(written: str) -> str | None:
    """The listed name of a certification as written, or None when it is not on the list."""
    return _table()[1].get(_key(written))


def unverified_certifications(names: list[str]) -> list[str]:
    """Those of `names` that are not on the list: declared by the firm, not checked against any list."""
    return [name for name in names if canonical_certification(name) is None]
