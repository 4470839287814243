"""Partners a participant could meet, with the reasons: suppliers of what her firm needs and buyers of what it
offers among the other approved participants (corridor.matching), and suppliers that could fill a supply gap of
her firm's locality (corridor.matching.gaps). Participants whose organisation is not yet in the registry have no
needs or offers to match: they get no suggestion, and the page says why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corridor.events.models import Registration
from corridor.i18n import Message
from corridor.matching.gaps import SCORE_THRESHOLD, find_gaps
from corridor.matching.ranking import Match
from corridor.matching.service import MatchingService, MatchQuery
from corridor.registry.service import ListFilters

__all__ = ["Suggestion", "suggest_partners"]

CANDIDATES = 40  # matches looked at per need, offer or gap before keeping those among the participants
GAPS = 5  # supply gaps of the locality looked at


@dataclass
class Suggestion:
    """A partner, why (our words) and the needs, offers or gap inputs it matched (the firms' own words)."""

    registration: Registration
    score: float
    reasons: list[Message] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)


def suggest_partners(
    matching: MatchingService, me: Registration, others: Sequence[Registration], top: int = 10
) -> list[Suggestion]:
    """The best `top` other participants for `me`, each with every reason it was suggested."""
    by_firm = {r.firm_id: r for r in others if r.firm_id and r.id != me.id and r.status == "approved"}
    if not me.firm_id or not by_firm:
        return []
    found: dict[int, Suggestion] = {}
    for match, reason, text in _matches(matching, me.firm_id):
        partner = by_firm.get(match.firm_id)
        if partner is None:
            continue
        suggestion = found.setdefault(partner.id, Suggestion(partner, 0.0))
        suggestion.score = max(suggestion.score, match.score)
        suggestion.reasons += [r for r in (reason, *match.reasons) if r not in suggestion.reasons]
        suggestion.matched += [text] if text not in suggestion.matched else []
    return sorted(found.values(), key=lambda s: (-s.score, s.registration.id))[:top]


def _items(matching: MatchingService, kind: str, firm_id: str) -> list[dict[str, object]]:
    return [i for i in matching.registry.list_records(kind, ListFilters()).items if i["firm"] == firm_id]


Found = tuple[Match, Message, str]  # a match, why it is suggested, the need, offer or gap input it answers


def _matches(matching: MatchingService, firm_id: str) -> list[Found]:
    pairs: list[Found] = []
    why = Message("supplies what you need")
    for need in _items(matching, "needs", firm_id):
        text = str(need["text_vi"] or need["text_en"])
        pairs += [(m, why, text) for m in matching.suppliers_for(MatchQuery(item_id=str(need["id"]), top=CANDIDATES))]
    why = Message("needs what you offer")
    for offer in _items(matching, "offers", firm_id):
        text = str(offer["text_vi"] or offer["text_en"])
        pairs += [(m, why, text) for m in matching.buyers_for(MatchQuery(item_id=str(offer["id"]), top=CANDIDATES))]
    return pairs + _gap_matches(matching, firm_id)


def _gap_matches(matching: MatchingService, firm_id: str) -> list[Found]:
    firm = matching.registry.view_row("firms", firm_id) or {}
    unit = matching.registry.admin_index().units.get(str(firm.get("province_id") or ""))
    if unit is None:
        return []
    pairs: list[Found] = []
    for gap in find_gaps(matching, province=unit.name)[:GAPS]:
        why = Message("could fill a supply gap of {locality}", locality=gap.locality)
        found = matching.suppliers_for(MatchQuery(text=gap.input_text, top=CANDIDATES))
        pairs += [(m, why, gap.input_text) for m in found if m.score >= SCORE_THRESHOLD]  # only able suppliers
    return pairs
