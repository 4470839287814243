"""Goods supply and demand between localities: surpluses (offers of goods) matched to demands (needs of goods)
in other localities, with the cost and time of trucking the quantity between them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridor.errors import CorridorError
from corridor.i18n import Message, render_all
from corridor.logistics import LogisticsService
from corridor.matching.encoder import TextEncoder
from corridor.matching.ranking import Candidate, Request, Weights, rank

__all__ = ["GoodsMatch", "match_goods"]

MIN_SCORE = 0.5


@dataclass
class GoodsMatch:
    demand_id: str
    demand_text: str
    demand_place: str
    supply_id: str
    supply_text: str
    supply_place: str
    score: float
    quantity: float | None
    unit: str | None
    duration_h: float | None
    cost_vnd: float | None
    reasons: list[Message]

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        shown = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        return {**shown, "reasons": render_all(self.reasons, lang)}


def _text(item: dict[str, Any]) -> str:
    return " / ".join(t for t in (item["text_vi"], item["text_en"]) if t)


def match_goods(
    demands: list[dict[str, Any]],
    supplies: list[dict[str, Any]],
    encoder: TextEncoder,
    weights: Weights,
    logistics: LogisticsService | None,
) -> list[GoodsMatch]:
    """For each demand, the matching supplies of other localities (score >= 0.5), cheapest transport first.

    Items need `place` (a province) to be placed; the province stands for its capital's node in the network.
    The quantity moved is the smaller of demand and supply when both are in tonnes, else the demand's.
    """
    matches = []
    for demand in demands:
        others = [s for s in supplies if s["place"] and demand["place"] and s["place"]["id"] != demand["place"]["id"]]
        candidates = [Candidate(s["id"], _text(s), s["id"], _text(s), tuple(s["hs_codes"])) for s in others]
        request = Request(_text(demand), tuple(demand["hs_codes"]), quantity=demand.get("quantity"))
        by_id = {s["id"]: s for s in others}
        for found in rank(request, candidates, encoder, weights, top=len(candidates)):
            if found.score < MIN_SCORE:
                continue
            supply = by_id[found.item_id]
            hours, cost = _transport(logistics, supply, demand)
            matches.append(
                GoodsMatch(
                    demand["id"],
                    _text(demand),
                    demand["place"]["name"],
                    supply["id"],
                    _text(supply),
                    supply["place"]["name"],
                    found.score,
                    demand.get("quantity"),
                    demand.get("unit"),
                    hours,
                    cost,
                    found.reasons,
                )
            )
    return sorted(matches, key=lambda m: (m.demand_id, m.cost_vnd is None, m.cost_vnd or 0.0, -m.score))


def _tonnes(item: dict[str, Any]) -> float | None:
    unit = (item.get("unit") or "").strip().lower()
    return item.get("quantity") if unit in {"t", "tonne", "tonnes", "tấn", "tan"} else None


def _transport(
    logistics: LogisticsService | None, supply: dict[str, Any], demand: dict[str, Any]
) -> tuple[float | None, float | None]:
    """Truck time and cost between the two provinces' capitals for the quantity, or (None, None) if unknown."""
    if logistics is None:
        return None, None
    tonnes = min(filter(None, [_tonnes(demand), _tonnes(supply)]), default=None)
    try:
        route = logistics.route(
            supply["place"]["name"],
            demand["place"]["name"],
            optimize="cost",
            cargo_t=min(tonnes, 100.0) if tonnes else None,
        )
    except CorridorError:  # no route or no place: the transport is reported as unknown, not as an error
        return None, None
    return route.total("duration_h"), route.total("cost_vnd")
