"""A ranking and its explanation: per zone, each criterion's contribution (summing to the score), the raw value
with what it rests on, what the zone lacks, the share of the score resting on unknowns, and its robustness."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corridor.i18n import Message, mark, translate
from corridor.siting.brief import Brief, brief_to_dict
from corridor.siting.criteria import CRITERIA, Criterion
from corridor.siting.facts import ZoneFacts, capacity
from corridor.siting.incentives import location_findings, project_findings
from corridor.siting.robustness import Reorder, Stability, reorders_of_top_three, stability
from corridor.siting.sector import SectorMatch

__all__ = ["Ranking", "build_ranking"]

NO_DATA = mark("no data")
LACKS_UNKNOWN = mark("No data: {criterion}")
LACKS_WEAK = mark("Weak: {criterion}")
LACKS_LATER_PHASES = mark("{available_ha} ha available: not enough for all phases ({needed_ha} ha)")
WEAK_BELOW = 0.25  # a normalised value below this is listed as a weakness
# Utilities the brief may need: (brief field, zone utilities key, kind of capacity, what is unknown).
UTILITY_NEEDS = (
    ("power_mw", "power", "power", mark("power supply capacity")),
    ("water_m3_day", "water", "water", mark("water supply capacity")),
    ("wastewater_m3_day", "wastewater", "water", mark("wastewater treatment capacity")),
)


@dataclass
class Ranking:
    brief: Brief
    method: str
    weights: dict[str, float]  # points as given
    results: list[dict[str, Any]]  # ranked zones shown (render with as_dict)
    filtered: list[tuple[ZoneFacts, Message]]
    feasible_count: int
    reorders: list[dict[str, Any]] = field(default_factory=list)
    draws: int = 0
    sector: SectorMatch | None = None
    criteria: tuple[Criterion, ...] = CRITERIA

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "method": self.method,
            "profile": self.brief.profile,
            "brief": brief_to_dict(self.brief),
            "sector": _sector_dict(self.sector),
            "weights": {c.id: round(self.weights[c.id] / sum(self.weights.values()), 4) for c in self.criteria},
            "criteria": [
                {"id": c.id, "label": translate(c.label, lang), "unit": c.unit, "benefit": c.benefit}
                | {"bounds": [c.low, c.high]}
                for c in self.criteria
            ],
            "feasible": self.feasible_count,
            "results": [_render(r, lang) for r in self.results],
            "filtered_out": [
                {"id": z.id, "name": z.name, "rank": None, "score": None, "filtered_out_reason": m.render(lang)}
                for z, m in self.filtered
            ],
            "robustness": {"draws": self.draws, "spread": 0.5, "reorder_top_three": self.reorders},
            "project_incentives": [
                f.as_dict(lang) for f in project_findings(self.brief.sector, self.brief.investment_vnd_bn)
            ],
        }


def _sector_dict(sector: SectorMatch | None) -> dict[str, Any] | None:
    if sector is None:
        return None
    similarity = None if sector.similarity is None else round(sector.similarity, 3)
    return {
        "text": sector.text,
        "vsic_division": sector.division,
        "vsic_name": sector.division_name,
        "firm_sector": sector.firm_sector,
        "similarity": similarity,
        "alternatives": list(sector.alternatives),
    }


def _render(result: dict[str, Any], lang: str) -> dict[str, Any]:
    """Messages of a result in the reader's language."""
    out = dict(result)
    out["lacks"] = [m.render(lang) for m in result["lacks"]]
    out["incentives"] = [f.as_dict(lang) for f in result["incentives"]]
    out["criteria"] = {
        c: v | {"label": translate(v["label"], lang), "shown": v["shown"] if v["known"] else translate(NO_DATA, lang)}
        for c, v in result["criteria"].items()
    }
    return out


def _evidence(value: Any) -> Any:
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, list):
        return [_evidence(v) for v in value]
    return value


def _shown(value: float, unit: str) -> str:
    return f"{value:.2f}" if unit == "0-1" else f"{value:,.1f} {unit}"


def _criteria(
    criteria: Sequence[Criterion], zone: ZoneFacts, normalised: np.ndarray, unknown: np.ndarray
) -> dict[str, dict[str, Any]]:
    out = {}
    for j, criterion in enumerate(criteria):
        raw = zone.values.get(criterion.id)
        out[criterion.id] = {
            "label": criterion.label,
            "value": None if raw is None else round(float(raw), 3),
            "unit": criterion.unit,
            "known": not bool(unknown[j]),
            "shown": None if raw is None else _shown(float(raw), criterion.unit),
            "normalised": round(float(normalised[j]), 4),
            "evidence": _evidence(zone.evidence.get(criterion.id)),
        }
    return out


def _lacks(
    criteria: Sequence[Criterion],
    brief: Brief,
    zone: ZoneFacts,
    normalised: np.ndarray,
    unknown: np.ndarray,
    weights: np.ndarray,
) -> list[Message]:
    lacks = [
        Message(LACKS_UNKNOWN, criterion=Message(label))
        for need, key, kind, label in UTILITY_NEEDS
        if getattr(brief, need) is not None and capacity(zone.utilities.get(key), kind) is None
    ]
    if zone.available_ha is not None and zone.available_ha < brief.land_ha:
        lacks.append(Message(LACKS_LATER_PHASES, available_ha=round(zone.available_ha, 1), needed_ha=brief.land_ha))
    for j, criterion in enumerate(criteria):
        if weights[j] <= 0:
            continue
        if unknown[j]:
            lacks.append(Message(LACKS_UNKNOWN, criterion=Message(criterion.label)))
        elif normalised[j] < WEAK_BELOW:
            lacks.append(Message(LACKS_WEAK, criterion=Message(criterion.label)))
    return lacks


def _robustness(found: Stability | None, i: int) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "same_rank_share": round(float(found.same_rank_share[i]), 3),
        "top_three_share": round(float(found.top_three_share[i]), 3),
        "rank_p5": float(found.rank_p5[i]),
        "rank_p95": float(found.rank_p95[i]),
    }


def _reorder_dict(
    reorder: Reorder, ids: Sequence[str], weights: np.ndarray, feasible: Sequence[ZoneFacts]
) -> dict[str, Any]:
    current = float(weights[reorder.criterion])
    share = weights.sum()

    def change(points: float | None, pair: tuple[int, int] | None, sign: int) -> dict[str, Any] | None:
        if points is None or pair is None:
            return None
        after = current + sign * points
        return {
            "weight_points": round(after, 3),
            "change_pct": round(100 * sign * points / current, 1) if current > 0 else None,
            "weight_share_after": round(after / total, 4) if (total := share + sign * points) > 0 else None,
            "swaps": [feasible[pair[0]].id, feasible[pair[1]].id],
        }

    return {
        "criterion": ids[reorder.criterion],
        "weight_points": current,
        "increase": change(reorder.increase, reorder.increase_pair, 1),
        "decrease": change(reorder.decrease, reorder.decrease_pair, -1),
    }


def build_ranking(
    brief: Brief,
    *,
    feasible: Sequence[ZoneFacts],
    filtered: list[tuple[ZoneFacts, Message]],
    normalised: np.ndarray,
    scores: np.ndarray,
    contributions: np.ndarray,
    unknown: np.ndarray,
    unknown_share: np.ndarray,
    weights: np.ndarray,
    method: str,
    top: int,
    draws: int,
    sector: SectorMatch | None,
    criteria: tuple[Criterion, ...] = CRITERIA,
) -> Ranking:
    ids = [c.id for c in criteria]
    order = np.lexsort((np.array([z.name for z in feasible]), -scores)) if feasible else np.array([], dtype=int)
    shown = order[:top]
    found = stability(normalised, weights, shown, draws=draws) if shown.size and draws else None
    results = []
    for i, index in enumerate(shown):
        zone = feasible[index]
        results.append(
            {
                "id": zone.id,
                "name": zone.name,
                "rank": i + 1,
                "score": round(float(scores[index]), 6),
                "contributions": {c: round(float(contributions[index, j]), 6) for j, c in enumerate(ids)},
                "unknown_share": round(float(unknown_share[index]), 4),
                "filtered_out_reason": None,
                "robustness": _robustness(found, i),
                "criteria": _criteria(criteria, zone, normalised[index], unknown[index]),
                "lacks": _lacks(criteria, brief, zone, normalised[index], unknown[index], weights),
                "incentives": location_findings(zone.evidence.get("incentive_tier")),
                "province": zone.province,
                "province_pre2025": zone.province_pre2025,
                "location": {"lat": zone.lat, "lon": zone.lon},
            }
        )
    reorders = reorders_of_top_three(normalised, weights, order) if feasible else []
    return Ranking(
        brief,
        method,
        dict(zip(ids, weights.tolist(), strict=True)),
        results,
        filtered,
        len(feasible),
        [_reorder_dict(r, ids, weights, feasible) for r in reorders],
        draws if found else 0,
        sector,
        tuple(criteria),
    )
