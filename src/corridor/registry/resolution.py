"""Entity resolution of firms: is a contributed record the same firm as a stored one? (no I/O beyond data files)

A pair is scored in [0, 1] from its folded names (legal forms such as "Công ty TNHH", "Co., Ltd" or "Việt Nam"
removed, then rapidfuzz token ratios), tax codes (MST), zone, province, location and address; the score falls in
one of three bands: `merge` (at or above the upper threshold: merged automatically), `review` (shown to a person)
and `distinct`. The thresholds were chosen on the tuning half of tests/data/firm_pairs.csv (see thresholds.toml).
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rapidfuzz import fuzz

from corridor.geo.distance import haversine_km
from corridor.i18n import Message, mark
from corridor.reference.loading import DATA
from corridor.reference.names import fold_name

__all__ = [
    "Band",
    "FirmFields",
    "Resolution",
    "Thresholds",
    "compare_firms",
    "firm_name_tokens",
    "load_thresholds",
    "normalise_firm_name",
    "tax_code_relation",
]

Band = Literal["merge", "review", "distinct"]
TaxRelation = Literal["same", "branch", "different", "unknown"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_DIGITS = re.compile(r"\D")
# A parenthesis that names a project, plant or branch of the firm, not the firm in another language.
_QUALIFIER = re.compile(
    r"project|phase|plant|factory|expansion|branch|supplier|dự án|giai đoạn|nhà máy|chi nhánh", re.IGNORECASE
)
# A word with a ratio under this to every word of the other name is the other name's lack (typos stay above).
_SAME_WORD = 0.7
# One name is the other plus words ("Ford Vietnam", "Ford Vietnam (expansion)"): related, for a person to judge.
_CONTAINED = 0.85
# Each name has a word the other lacks ("LG Display", "LG Innotek"): alike, but not the same firm.
_DISTINCT_WORDS_CAP = 0.7
# Beyond this a firm is not at the stated place (a large park is a few km across).
_FAR_KM = 15.0
_NEAR_KM = 1.0


@dataclass(frozen=True)
class FirmFields:
    """What resolution compares; any field may be missing."""

    name: str
    tax_code: str | None = None
    province: str | None = None  # a province ID or name, compared folded
    zone: str | None = None  # a zone ID
    address: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Thresholds:
    merge: float
    review: float

    def band(self, score: float) -> Band:
        if score >= self.merge:
            return "merge"
        return "review" if score >= self.review else "distinct"


@dataclass
class Resolution:
    """A score in [0, 1], its band, and why (Messages rendered at the edge)."""

    score: float
    band: Band
    reasons: list[Message] = field(default_factory=list)


@cache
def load_thresholds() -> Thresholds:
    data = tomllib.loads((DATA / "resolution" / "thresholds.toml").read_text(encoding="utf-8"))
    return Thresholds(merge=float(data["merge"]), review=float(data["review"]))


@cache
def _legal_forms() -> tuple[str, ...]:
    """Legal-form words folded and stripped of punctuation, longest first (so "tnhh mtv" goes before "tnhh")."""
    text = (DATA / "resolution" / "legal_forms.csv").read_text(encoding="utf-8")
    forms = {_words(row["form"]) for row in csv.DictReader(io.StringIO(text))}
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold_name(text)).split())


def normalise_firm_name(name: str) -> str:
    """'Công ty TNHH LG Display Việt Nam' -> 'lg display'; 'LG Display Vietnam Co., Ltd.' -> 'lg display'."""
    padded = f" {_words(name)} "
    for form in _legal_forms():
        while f" {form} " in padded:
            padded = padded.replace(f" {form} ", " ")
    words = padded.split()
    # "Co" ends English names ("Hải Vận Co"); elsewhere "co" is Vietnamese ("cơ khí", "cổ phần" folded)
    return " ".join(words[:-1] if len(words) > 1 and words[-1] == "co" else words)


def firm_name_tokens(name: str) -> set[str]:
    """The distinctive words of a name, for blocking candidates in storage."""
    return set(normalise_firm_name(name).split()) | {
        token for alias in _aliases(name) for token in normalise_firm_name(alias).split()
    }


def _aliases(name: str) -> list[str]:
    """The name without its parenthesis and the parenthesis alone: 'Haiyun Vietnam (Hải Vận Co)' names the firm
    twice, in English and in Vietnamese."""
    inner = [part for part in _PARENTHESES.findall(name) if normalise_firm_name(part)]
    if any(_QUALIFIER.search(part) for part in inner):
        return []
    outer = _PARENTHESES.sub(" ", name)
    return [alias for alias in (outer, *inner) if normalise_firm_name(alias)] if inner else []


def tax_code_relation(first: str | None, second: str | None) -> TaxRelation:
    """MSTs: equal -> same; one the other's branch (0100109106 and 0100109106-001) or two branches -> branch."""
    a, b = _DIGITS.sub("", first or ""), _DIGITS.sub("", second or "")
    if len(a) not in (10, 13) or len(b) not in (10, 13):
        return "unknown"
    if a == b:
        return "same"
    return "branch" if a[:10] == b[:10] else "different"


def _name_similarity(first: str, second: str, *, subset: bool = True) -> float:
    """Token-sort ratio of the normalised names (word order ignored), or a capped token-set ratio when one name
    is the other plus words (a firm and one of its projects or branches: review, not merge). An alias (one part
    of a name) must match a whole name: "Haiyun Vietnam (Hải Vận Co)" is "Hải Vận", not every "... (Hải Vận Co)".
    """
    a, b = normalise_firm_name(first), normalise_firm_name(second)
    if not a or not b:
        a, b = fold_name(first), fold_name(second)
    sort = fuzz.token_sort_ratio(a, b) / 100
    contained = fuzz.token_set_ratio(a, b) / 100 if subset else 0.0
    if _numbers(a) != _numbers(b) and _numbers(a) and _numbers(b):
        sort, contained = sort * 0.6, contained * 0.6  # "project 1" and "project 2", "DAP No. 2": different plants
    if _lacks_word(a, b) and _lacks_word(b, a):
        sort = min(sort, _DISTINCT_WORDS_CAP)
    return max(sort, _CONTAINED if contained == 1.0 else 0.0)


def _lacks_word(first: str, second: str) -> bool:
    """Whether `first` has a word not in `second`, typos aside."""
    others = second.split()
    return any(
        max((fuzz.ratio(word, other) / 100 for other in others), default=0.0) < _SAME_WORD for word in first.split()
    )


def _numbers(name: str) -> set[str]:
    return {token for token in name.split() if token.isdigit()}


def _best_name_similarity(first: str, second: str) -> float:
    best = _name_similarity(first, second)
    for alias in _aliases(first):
        best = max(best, _name_similarity(alias, second, subset=False) * 0.97)
    for alias in _aliases(second):
        best = max(best, _name_similarity(first, alias, subset=False) * 0.97)
    return best


def compare_firms(first: FirmFields, second: FirmFields, thresholds: Thresholds | None = None) -> Resolution:
    """Score two firm records; the reasons list every signal that moved the score."""
    limits = thresholds or load_thresholds()
    name = _best_name_similarity(first.name, second.name)
    reasons = [Message(mark("names {percent:.0f} % alike"), percent=name * 100)]
    score = name
    tax = tax_code_relation(first.tax_code, second.tax_code)
    if tax == "same":
        return Resolution(max(score, 0.99), limits.band(max(score, 0.99)), [*reasons, Message(mark("same tax code"))])
    if tax == "different":
        return Resolution(min(score, 0.05), "distinct", [*reasons, Message(mark("different tax codes"))])
    if tax == "branch":
        # a branch and its parent (or two branches) are related firms, never merged without a person
        branch_score = min(max(score, limits.review), limits.merge - 0.01)
        reasons.append(Message(mark("one tax code is a branch of the other")))
        return Resolution(branch_score, limits.band(branch_score), reasons)
    score = _place_adjusted(score, first, second, reasons)
    if name == _CONTAINED:  # agreeing places do not make a firm and its project or branch one record
        score = min(score, limits.merge - 0.01)
        reasons.append(Message(mark("one name is the other plus words")))
    score = round(max(0.0, min(1.0, score)), 4)
    return Resolution(score, limits.band(score), reasons)


def _place_adjusted(score: float, first: FirmFields, second: FirmFields, reasons: list[Message]) -> float:
    """Same zone or a point within a kilometre adds a little; another province, zone or a far point takes off."""
    if first.zone and second.zone:
        if first.zone == second.zone:
            score += 0.05
            reasons.append(Message(mark("same industrial zone")))
        else:
            score -= 0.15
            reasons.append(Message(mark("different industrial zones")))
    if first.province and second.province and fold_name(first.province) != fold_name(second.province):
        score -= 0.2
        reasons.append(Message(mark("different provinces")))
    distance_km = _distance_km(first, second)
    if distance_km is not None:
        score += 0.05 if distance_km <= _NEAR_KM else (-0.2 if distance_km > _FAR_KM else 0.0)
        reasons.append(Message(mark("{distance_km:.1f} km apart"), distance_km=distance_km))
    if first.address and second.address:
        alike = fuzz.token_set_ratio(_words(first.address), _words(second.address)) / 100
        score += 0.05 if alike >= 0.9 else (-0.05 if alike < 0.5 else 0.0)
        reasons.append(Message(mark("addresses {percent:.0f} % alike"), percent=alike * 100))
    return score


def _distance_km(first: FirmFields, second: FirmFields) -> float | None:
    if first.lat is None or first.lon is None or second.lat is None or second.lon is None:
        return None
    return haversine_km(first.lat, first.lon, second.lat, second.lon)
