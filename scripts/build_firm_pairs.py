"""Build tests/data/firm_pairs.csv, the labelled set of entity resolution, from the bundled firms (deterministic).

Side A of every pair is a real bundled firm as stored (src/corridor/data/registry/firms.csv). Side B is what a
contributor would type: for `same` pairs a spelling variant of the same firm (generated: no diacritics, "Cty
TNHH", "Co., Ltd", a typo, word order, with or without "Việt Nam", the Vietnamese or English name where the data
gives both); for `different` pairs another real bundled firm, as stored or as a variant (hard ones share a group
word such as "LG" or "Foxconn", or the zone and sector). Nothing about a firm is invented beyond spelling: the
bundled firms carry no tax codes or points, so those columns stay empty (tax-code rules are unit-tested).
Firms are split by a hash of their ID into a tuning half and a held-out half, so no firm is in both.

    python scripts/build_firm_pairs.py
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import re
from pathlib import Path

from corridor.reference.names import strip_diacritics

ROOT = Path(__file__).resolve().parent.parent
FIRMS = ROOT / "src/corridor/data/registry/firms.csv"
OUT = ROOT / "tests/data/firm_pairs.csv"
SIDE = ("name", "tax_code", "province", "zone", "address", "lat", "lon")
HEADER = ["pair_id", "split", "label", "method", *(f"a_{c}" for c in SIDE), *(f"b_{c}" for c in SIDE)]
GENERIC = {"vietnam", "viet", "nam", "co", "ltd", "jsc", "group", "company", "the", "and", "hai", "phong", "vina"}


def _split(firm_id: str) -> str:
    return "tune" if int(hashlib.sha256(firm_id.encode()).hexdigest(), 16) % 2 == 0 else "held_out"


def _typo(name: str) -> str:
    """Swap two letters in the middle of the longest word (a slip of the keyboard)."""
    words = name.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 4:
        return name + "."
    middle = len(word) // 2
    words[longest] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return " ".join(words)


def _without_vietnam(name: str) -> str:
    stripped = re.sub(r"\b(Vietnam|Việt Nam|Viet Nam)\b", " ", name)
    return " ".join(stripped.split()) if stripped.strip() != name.strip() else name + " Việt Nam"


def _word_order(name: str) -> str:
    words = name.split()
    return " ".join(words[1:] + words[:1]) if len(words) > 1 else "Công ty " + name


def _variants(name: str) -> list[tuple[str, str]]:
    base = re.sub(r"\bCo\., Ltd\.?|\bJSC\b", "", name).strip(" ,")
    variants = [
        ("no_diacritics_cty_tnhh", "Cong ty TNHH " + strip_diacritics(base)),
        ("abbrev_cty_cp", "Cty CP " + base),
        ("en_co_ltd_upper", base.upper() + " CO., LTD"),
        ("typo", _typo(base)),
        ("with_or_without_vietnam", _without_vietnam(base)),
        ("word_order", _word_order(base)),
        ("spelled_out_tnhh_mtv", "Công ty trách nhiệm hữu hạn một thành viên " + base + " Việt Nam"),
    ]
    inner = [part for part in re.findall(r"\(([^)]*)\)", name) if part.strip().lower() != "vietnam"]
    if inner and not re.search(r"project|phase|plant|factory|supplier|expansion", inner[0], re.I):
        variants.append(("other_language_name_in_data", inner[0]))
    return variants


def _side(firm: dict[str, str], name: str | None = None, zone: bool = True) -> list[str]:
    return [name or firm["name"], "", firm["province"], firm["zone"] if zone else "", "", "", ""]


def _group_word(name: str) -> str:
    words = [w for w in re.findall(r"[\w-]+", strip_diacritics(name).lower()) if w not in GENERIC]
    return words[0] if words else ""


def _positives(firms: list[dict[str, str]]) -> list[list[str]]:
    rows = []
    for index, firm in enumerate(firms):
        variants = _variants(firm["name"])
        picked = [variants[index % 7], variants[(index + 3) % 7], *variants[7:]]
        for number, (method, variant) in enumerate(picked):
            keep_zone = (index + number) % 2 == 0  # a contributor knows the zone half of the time
            rows.append(["same", "generated variant: " + method, *_side(firm), *_side(firm, variant, keep_zone)])
    return rows


def _hard_negatives(firms: list[dict[str, str]]) -> list[list[str]]:
    rows = []
    for a, b in itertools.combinations(firms, 2):
        same_group = _group_word(a["name"]) == _group_word(b["name"]) and _group_word(a["name"])
        same_place = a["zone"] and a["zone"] == b["zone"] and a["sector"].split("/")[0] == b["sector"].split("/")[0]
        if same_group or same_place:
            method = "real firms, same group word" if same_group else "real firms, same zone and sector"
            rows.append(["different", method, *_side(a), *_side(b)])
    return rows


def _variant_negatives(firms: list[dict[str, str]]) -> list[list[str]]:
    """Another firm of the same province typed as a variant, with no zone given."""
    rows = []
    for index, firm in enumerate(firms):
        others = [f for f in firms if f["province"] == firm["province"] and f["id"] != firm["id"]]
        other = others[(index * 7) % len(others)] if others else None
        if other is not None:
            method, variant = _variants(other["name"])[index % 7]
            rows.append(["different", "real firms, other typed as variant: " + method, *_side(firm)])
            rows[-1] += _side(other, variant, zone=False)
    return rows


def build() -> list[list[str]]:
    with FIRMS.open(encoding="utf-8") as file:
        firms = list(csv.DictReader(file))
    rows = _positives(firms) + _hard_negatives(firms) + _variant_negatives(firms)
    firm_ids = {f["name"]: f["id"] for f in firms}
    return [[f"p{number:04d}", _split(firm_ids[row[2]]), *row] for number, row in enumerate(rows, start=1)]


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as file:
        file.write(
            "# Labelled firm pairs for entity resolution; built by scripts/build_firm_pairs.py from the bundled firms"
            " (see its docstring). Side A is a real firm; side B a generated spelling variant (label same) or"
            " another real firm (label different). split: tune (thresholds) or held_out (reported figures).\n"
        )
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(build())


if __name__ == "__main__":
    main()
