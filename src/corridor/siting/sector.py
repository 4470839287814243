"""The brief's sector: a VSIC code, or free text in any language matched with the multilingual encoder.

Free text is matched twice: to a VSIC division (2 digits) of the industrial sections (C manufacturing, D energy,
E water and waste, H transport and storage), by the Vietnamese names of the bundled list (a division scores the
best of its own name and its groups' names: "Sản xuất linh kiện điện tử" is nearer to an electronics brief than
the division's long title), and to the sector labels the registry's firms carry (their first part, e.g.
'electronics'), which sector fit and suppliers use. Accuracy on labelled briefs in five languages:
tests/data/siting_sector_briefs.csv, figures in docs/siting.md (benchmarks/siting_sector.py measures them).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from corridor.errors import InvalidInput
from corridor.i18n import mark
from corridor.matching.encoder import TextEncoder

__all__ = ["INDUSTRIAL_DIVISIONS", "SectorMatch", "SectorResolver", "vsic_divisions"]

UNKNOWN_VSIC = mark("Unknown VSIC code '{code}': its division is not in the VSIC list")
# Divisions an industrial zone hosts: sections C, D, E and H of VSIC 2018.
INDUSTRIAL_DIVISIONS = tuple(f"{d:02d}" for d in (*range(10, 34), *range(35, 40), *range(49, 54)))
VSIC_CODE = re.compile(r"\d{2,5}")


@dataclass(frozen=True)
class SectorMatch:
    text: str
    division: str  # VSIC division code
    division_name: str
    firm_sector: str | None  # the registry label nearest to the brief (None: no firm sectors recorded)
    similarity: float | None  # cosine similarity of the division match (None: given as a code)
    alternatives: tuple[str, ...] = ()  # the next-best divisions

    @property
    def likely_divisions(self) -> tuple[str, ...]:
        """The division, and for text its two next-best (top-3 accuracy is far above top-1's: docs/siting.md)."""
        return (self.division, *self.alternatives)


def _vsic_rows() -> list[dict[str, str]]:
    path = resources.files("corridor").joinpath("data", "codes", "vsic_vi_partial.csv")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def vsic_divisions() -> dict[str, str]:
    """Division code -> Vietnamese name (bundled VSIC list, level 2)."""
    return {row["code"]: row["name_vi"] for row in _vsic_rows() if row["level"] == "2"}


def _division_texts(divisions: Sequence[str]) -> list[tuple[str, str]]:
    """(division, name) of each division and each of its groups (levels 2 and 3)."""
    wanted = set(divisions)
    return [(r["code"][:2], r["name_vi"]) for r in _vsic_rows() if r["level"] in {"2", "3"} and r["code"][:2] in wanted]


class SectorResolver:
    def __init__(self, encoder: TextEncoder, firm_sectors: Sequence[str]) -> None:
        self.encoder = encoder
        names = vsic_divisions()
        self.divisions = [d for d in INDUSTRIAL_DIVISIONS if d in names]
        self.names = names
        self.firm_sectors = sorted(set(firm_sectors))
        texts = _division_texts(self.divisions)
        self._text_division = np.array([self.divisions.index(d) for d, _ in texts])
        self._division_vectors = encoder.passages([name for _, name in texts])
        self._firm_vectors = encoder.passages(self.firm_sectors) if self.firm_sectors else None

    def resolve(self, text: str) -> SectorMatch:
        code = text.strip().replace(".", "")
        if VSIC_CODE.fullmatch(code):
            if code[:2] not in self.names:
                raise InvalidInput(UNKNOWN_VSIC, code=code)
            name = self.names[code[:2]]
            return SectorMatch(text, code[:2], name, self._nearest_firm_sector(name), None)
        query = self.encoder.queries([text])[0]
        per_text = self._division_vectors @ query
        similarity = np.full(len(self.divisions), -np.inf)
        np.maximum.at(similarity, self._text_division, per_text)  # a division: the best of its names
        order = np.argsort(-similarity)
        best = self.divisions[int(order[0])]
        alternatives = tuple(self.divisions[int(i)] for i in order[1:3])
        return SectorMatch(
            text, best, self.names[best], self._nearest_firm_sector(text), float(similarity[order[0]]), alternatives
        )

    def _nearest_firm_sector(self, text: str) -> str | None:
        if self._firm_vectors is None:
            return None
        similarity = self._firm_vectors @ self.encoder.queries([text])[0]
        return self.firm_sectors[int(np.argmax(similarity))]
