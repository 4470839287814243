"""Matching use cases: suppliers for a need, buyers for an offer, over the registry's firms, needs and offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor.errors import CorridorError
from corridor.logistics import LogisticsService
from corridor.matching.encoder import TextEncoder
from corridor.matching.glossary import to_other_language
from corridor.matching.goods import GoodsMatch, match_goods
from corridor.matching.index import VectorIndex
from corridor.matching.ranking import Candidate, Match, Request, Weights, load_weights, rank
from corridor.matching.relatedness import RelatedSector, related_sectors
from corridor.registry.certifications import canonical_certification, known_certifications
from corridor.registry.service import ListFilters, Registry

__all__ = ["MAX_TEXT", "MatchQuery", "MatchingService"]

MAX_TEXT = 1000
EXACT_LIMIT = 5000  # up to this many candidates every one is scored; beyond, an index shortlists them
SHORTLIST = 300
# Roles that supply no goods, parts, materials or production services: developers lease land and ready-built
# factories, which the zone directory matches (leasable land), not supplier matching. Logistics providers stay:
# transport, warehousing and customs are what needs of category 'service' ask for, and they supply them.
NOT_SUPPLIERS = frozenset({"developer"})


@dataclass(frozen=True)
class MatchQuery:
    text: str | None = None
    item_id: str | None = None  # a stored need (for suppliers) or offer (for buyers)
    hs_codes: tuple[str, ...] = ()
    province: str | None = None  # only candidates in this province (old or new name)
    certifications: tuple[str, ...] = ()  # candidates must hold these (suppliers) / may require them (buyers)
    top: int = 10


def _certifications(item: dict[str, Any], firm: dict[str, Any], is_offer: bool) -> tuple[str, ...]:
    """An offer's are held: its own and its firm's. A need's are required: its own only (what the buying firm
    holds says nothing about what it asks of suppliers)."""
    if is_offer:
        return tuple(dict.fromkeys([*item["certifications"], *firm["certifications"]]))
    return tuple(item["certifications"])


class MatchingService:
    def __init__(
        self,
        registry: Registry,
        encoder: TextEncoder,
        logistics: LogisticsService | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.registry = registry
        self.encoder = encoder
        self.logistics = logistics
        self.weights = weights or load_weights()
        self._index: tuple[tuple[str, ...], VectorIndex] | None = None

    # -- requests --------------------------------------------------------------------------------------------

    def _request(self, query: MatchQuery, stored_kind: str) -> tuple[Request, str | None]:
        """The request and the firm that posted it (excluded from its own results)."""
        is_offer = stored_kind == "offers"
        if query.item_id:
            item = self.registry.show(stored_kind, query.item_id)
            text = " / ".join(t for t in (item["text_vi"], item["text_en"]) if t)
            firm = self.registry.show("firms", item["firm"])
            return Request(
                text,
                tuple(item["hs_codes"]),
                tuple(item["vsic"]),
                _certifications(item, firm, is_offer),
                item.get("quantity"),
                firm["zone"],
                is_offer,
            ), firm["id"]
        text = (query.text or "").strip()
        if not text:
            raise CorridorError("Describe what is sought: the text is empty")
        if len(text) > MAX_TEXT:
            raise CorridorError("The text has {n} characters; at most {max} are allowed", n=len(text), max=MAX_TEXT)
        hs_codes, certifications = self._checked_hs(query.hs_codes), self._checked_certs(query.certifications)
        return Request(text, hs_codes, (), certifications, is_offer=is_offer), None

    def _checked_hs(self, codes: Sequence[str]) -> tuple[str, ...]:
        known = self.registry.hs_codes()
        cleaned = tuple(c.strip().replace(".", "") for c in codes if c.strip())
        unknown = [c for c in cleaned if c not in known]
        if unknown:
            raise CorridorError("Unknown HS 2022 code(s): {codes}", codes=", ".join(unknown))
        return cleaned

    @staticmethod
    def _checked_certs(names: Sequence[str]) -> tuple[str, ...]:
        # Aliases as in imports ("ISO 27001" is ISO/IEC 27001); an unknown name is refused here, because a typo
        # would silently match nobody.
        canonical = [canonical_certification(n) for n in names if n.strip()]
        unknown = [n for n, c in zip([n for n in names if n.strip()], canonical, strict=True) if c is None]
        if unknown:
            raise CorridorError(
                "Unknown certification(s): {names}; known: {known}",
                names=", ".join(unknown),
                known=", ".join(known_certifications()),
            )
        return tuple(c for c in canonical if c)

    # -- candidates ------------------------------------------------------------------------------------------

    def _firms(self, province: str | None) -> dict[str, dict[str, Any]]:
        firms = self.registry.list_records("firms", ListFilters(province=province)).items
        return {f["id"]: f for f in firms}

    def supplier_candidates(self, query: MatchQuery) -> list[Candidate]:
        """Every offer, and every firm's products (a firm's products count as offers), of firms that can supply
        (see NOT_SUPPLIERS)."""
        firms = {k: f for k, f in self._firms(query.province).items() if f["role"] not in NOT_SUPPLIERS}
        candidates = [self._from_item(o, firms[o["firm"]], True) for o in self._items("offers") if o["firm"] in firms]
        candidates += [self._from_products(f) for f in firms.values() if f["products_vi"] or f["products_en"]]
        required = set(self._checked_certs(query.certifications))
        return [c for c in candidates if required <= set(c.certifications)]

    def supplier_candidates_all(self) -> list[Candidate]:
        return self.supplier_candidates(MatchQuery(text="-"))

    def rank_all(self, request: Request, candidates: list[Candidate]) -> list[Match]:
        """Every candidate firm scored for the request (with travel times), best first."""
        shortlisted = self._shortlist(request, candidates)
        return rank(
            request, shortlisted, self.encoder, self.weights, self._travel(request, shortlisted), top=len(shortlisted)
        )

    def related_sectors(self, province: str | None = None) -> list[RelatedSector]:
        """Sectors a locality lacks that are related to its strong ones (see corridor.matching.relatedness)."""
        firms = [
            {"sector": f["sector"], "zone": f["zone"], "locality": (f["province"] or {}).get("name")}
            for f in self.registry.list_records("firms", ListFilters()).items
        ]
        locality = None
        if province:
            locality = self.registry.admin_index().resolve(province, dt.date.today())
            if locality is None:
                raise CorridorError("No province or locality '{name}'", name=province)
        return related_sectors(firms, locality.unit.name if locality else None)

    def goods(self) -> list[GoodsMatch]:
        """Goods demands matched to other localities' surpluses, with the transport between them."""
        demands = [n for n in self._items("needs") if n["category"] == "goods"]
        supplies = [o for o in self._items("offers") if o["category"] == "goods"]
        return match_goods(demands, supplies, self.encoder, self.weights, self.logistics)

    def buyer_candidates(self, query: MatchQuery) -> list[Candidate]:
        firms = self._firms(query.province)
        return [self._from_item(n, firms[n["firm"]], False) for n in self._items("needs") if n["firm"] in firms]

    def _items(self, kind: str) -> list[dict[str, Any]]:
        return self.registry.list_records(kind, ListFilters()).items

    @staticmethod
    def _from_item(item: dict[str, Any], firm: dict[str, Any], is_offer: bool) -> Candidate:
        text = " / ".join(t for t in (item["text_vi"], item["text_en"]) if t)
        return Candidate(
            firm["id"],
            firm["name"],
            item["id"],
            text,
            tuple(item["hs_codes"]),
            tuple(item["vsic"]),
            _certifications(item, firm, is_offer),
            item.get("capacity"),
            firm["zone"],
        )

    @staticmethod
    def _from_products(firm: dict[str, Any]) -> Candidate:
        text = " / ".join(t for t in (firm["products_vi"], firm["products_en"]) if t)
        return Candidate(
            firm["id"],
            firm["name"],
            f"{firm['id']}#products",
            text,
            tuple(firm["hs_codes"]),
            tuple(firm["vsic"]),
            tuple(firm["certifications"]),
            None,
            firm["zone"],
        )

    # -- matching --------------------------------------------------------------------------------------------

    def suppliers_for(self, query: MatchQuery) -> list[Match]:
        request, own = self._request(query, "needs")
        candidates = self._shortlist(request, [c for c in self.supplier_candidates(query) if c.firm_id != own])
        return rank(request, candidates, self.encoder, self.weights, self._travel(request, candidates), query.top)

    def buyers_for(self, query: MatchQuery) -> list[Match]:
        request, own = self._request(query, "offers")
        candidates = self._shortlist(request, [c for c in self.buyer_candidates(query) if c.firm_id != own])
        return rank(request, candidates, self.encoder, self.weights, self._travel(request, candidates), query.top)

    def _shortlist(self, request: Request, candidates: list[Candidate]) -> list[Candidate]:
        """All candidates when few; else the nearest by meaning (as written and bridged), from a kept index."""
        if len(candidates) <= EXACT_LIMIT:
            return candidates
        key = tuple(c.item_id for c in candidates)
        if self._index is None or self._index[0] != key:
            self._index = (key, VectorIndex(self.encoder.passages([c.text for c in candidates])))
        texts = [request.text, *([bridged] if (bridged := to_other_language(request.text)) else [])]
        _, rows = self._index[1].search(self.encoder.queries(texts), SHORTLIST)
        keep = sorted({int(r) for r in rows.ravel() if r >= 0})
        return [candidates[r] for r in keep]

    def _travel(self, request: Request, candidates: Sequence[Candidate]) -> Any:
        """Truck hours from each candidate's zone to the request's, from one matrix (None where unknown)."""
        if self.logistics is None or request.node_id is None:
            return None
        located = {n.id for n in self.logistics.base.nodes.values() if n.located}
        origins = sorted({c.node_id for c in candidates if c.node_id in located})
        if request.node_id not in located or not origins:
            return None
        hours = self.logistics.matrix(origins, [request.node_id], metric="time").values[:, 0]
        table = {o: None if np.isnan(h) else float(h) for o, h in zip(origins, hours, strict=True)}
        return lambda origin, _destination: table.get(origin)
