"""Investment incentives a project may get in a zone, each citing its legal article and effective date.

The rules are the bundled `incentives/incentive_rules.csv` (research round 5). Which rule a zone's location
triggers is Corridor's reading of those rows, written here by rule id:
- Decree 35/2022 Art. 22(1): an industrial park counts as a difficult area (KK), an economic zone as an especially
  difficult one (ĐBKK); a high-tech park is treated like an EZ by the 2008-law rules.
- Under the CIT law of 2008 + Decree 218/2013 that gives 17 %/10 years (KCN: plus the 2+4 holiday) or 10 %/15
  years (EZ, high-tech park). The new CIT law (effective 2025-10-01) keeps 10 %/15 years for high-tech zones, but its
  rules for economic zones, industrial parks and KK/ĐBKK areas were not found: every location finding therefore
  says the current rule is uncertain and cites both regimes.
- Industrial clusters (CCN) are not industrial parks: no location incentive is claimed for them.
The `incentives` criterion scores the location tier: EZ or high-tech park 1, industrial park 0.5, other 0.
Sector and size findings are listed for the investor to check; they are the same for every zone.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from corridor.i18n import Message, mark
from corridor.reference.names import fold_name

__all__ = ["IncentiveFinding", "incentive_rules", "location_findings", "location_tier", "project_findings"]

UNCERTAIN_2025 = mark("Uncertain: the 2025 CIT law's rules for this location were not found; both regimes are cited")
APPLIES = mark("Applies by location")
POSSIBLE_SECTOR = mark("Possible: check that the business line is on the sector list")
BY_SIZE = mark("Applies by the project's stated investment capital")
CLUSTER_NONE = mark("Industrial clusters are not industrial parks: no location incentive found")

# Rule ids by location tier, per regime (see the module docstring).
LOCATION_RULES = {
    "ez": ("DEC35-IP-EZ", "CIT08-10PCT-15Y", "LAND-EZ-HTZ", "IMPORT-FIXED-ASSETS", "CIT25-10PCT-15Y"),
    "park": ("DEC35-IP-EZ", "CIT08-17PCT-10Y", "CIT08-IP-2-4", "IMPORT-FIXED-ASSETS", "CIT25-10PCT-15Y"),
}
# Words of a sector that suggest the new law's sector lists (English and Vietnamese, folded); only "possible".
SECTOR_WORDS = {
    "CIT25-10PCT-15Y": (
        "high tech",
        "cong nghe cao",
        "software",
        "phan mem",
        "semiconductor",
        "ban dan",
        "chip",
        "renewable",
        "tai tao",
        "solar",
        "mat troi",
        "supporting industr",
        "cong nghiep ho tro",
    ),
    "CIT25-17PCT-10Y": ("steel", "thep", "automobile", "o to", "automotive", "machinery", "may moc"),
}
LARGE_PROJECT_VND_BN = 6000.0  # Law on Investment 2020 Art. 15(2)(c)
FUND_PROJECT_VND_BN = 12000.0  # Decree 182/2024


@dataclass(frozen=True)
class IncentiveFinding:
    rule_id: str
    status: Message
    rule: Mapping[str, str]

    def as_dict(self, lang: str) -> dict[str, Any]:
        keys = ("regime", "instrument", "grants", "legal_basis", "document_number", "effective_from", "status_note")
        return {
            "rule_id": self.rule_id,
            "status": self.status.render(lang),
            **{k: self.rule.get(k) or None for k in keys},
            "source_title": self.rule.get("source_title"),
            "source_url": self.rule.get("source_url"),
        }


@cache
def incentive_rules() -> dict[str, dict[str, str]]:
    """rule_id -> row of the bundled incentive rules."""
    path = resources.files("corridor").joinpath("data", "incentives", "incentive_rules.csv")
    with path.open(encoding="utf-8") as handle:
        return {row["rule_id"]: row for row in csv.DictReader(handle)}


def location_tier(zone_type: str | None, high_tech: bool | None, inside_ez: bool) -> str | None:
    """'ez', 'park' or None (no location incentive)."""
    if zone_type == "KKT" or high_tech or inside_ez:
        return "ez"
    return "park" if zone_type == "KCN" else None


def location_findings(tier: str | None) -> list[IncentiveFinding]:
    if tier is None:
        return []
    rules = incentive_rules()
    findings = []
    for rule_id in LOCATION_RULES[tier]:
        uncertain = rule_id.startswith("CIT")
        findings.append(IncentiveFinding(rule_id, Message(UNCERTAIN_2025 if uncertain else APPLIES), rules[rule_id]))
    return findings


def project_findings(sector_text: str, investment_vnd_bn: float | None) -> list[IncentiveFinding]:
    """Findings by sector words and project size: the same in every zone."""
    rules, folded = incentive_rules(), fold_name(sector_text)
    findings = [
        IncentiveFinding(rule_id, Message(POSSIBLE_SECTOR), rules[rule_id])
        for rule_id, words in SECTOR_WORDS.items()
        if any(word in folded for word in words)
    ]
    if investment_vnd_bn is not None and investment_vnd_bn >= LARGE_PROJECT_VND_BN:
        findings.append(IncentiveFinding("LOI20-BENEF-LARGE", Message(BY_SIZE), rules["LOI20-BENEF-LARGE"]))
    if investment_vnd_bn is not None and investment_vnd_bn >= FUND_PROJECT_VND_BN and findings[:1]:
        findings.append(IncentiveFinding("ISF-HIGHTECH", Message(POSSIBLE_SECTOR), rules["ISF-HIGHTECH"]))
    return findings


TIER_SCORE = {"ez": 1.0, "park": 0.5, None: 0.0}
