"""Why a matching command found nothing, and how to add the data it needs: said instead of an empty table.

Each function looks at the same data the command used, from the most specific cause to the most general, and
returns one message in the user's language.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from corridor.i18n import mark, translate

if TYPE_CHECKING:
    from corridor.matching.service import MatchingService, MatchQuery
    from corridor.registry.service import Registry

NO_OFFERS = mark(
    "No offers and no firm products are recorded yet, so there is no supplier to rank. Add offers with "
    "'corridor import FILE --kind offers' (template: 'corridor template --kind offers --out offers.xlsx'; "
    "example: docs/examples/offers.csv); firms' products come with 'corridor import FILE --kind firms'."
)
NO_NEEDS = mark(
    "No needs are recorded yet, so there is no buyer to rank. Add needs with 'corridor import FILE --kind needs' "
    "(template: 'corridor template --kind needs --out needs.xlsx'; example: docs/examples/needs.csv)."
)
NO_CERTIFIED = mark(
    "No supplier in the data holds {certifications}: certifications are recorded only where an imported firms or "
    "offers file gives them (column 'certifications'). Search without --certification, or import offers that "
    "state them with 'corridor import FILE --kind offers'."
)
NONE_IN_PROVINCE = mark("No firm in {province} has anything to match; search without --province.")
ONLY_OWN = mark("The only candidates belong to the firm that posted this item; there is no other firm to rank.")


def why_no_matches(service: MatchingService, query: MatchQuery, *, suppliers: bool, lang: str) -> str:
    """Why `corridor match` ranked nothing: no candidates at all, or none left by a filter, or only the poster."""
    candidates = service.supplier_candidates if suppliers else service.buyer_candidates
    if candidates(query):
        return translate(ONLY_OWN, lang)
    if query.certifications and suppliers and candidates(dataclasses.replace(query, certifications=())):
        return translate(NO_CERTIFIED, lang).format(certifications=", ".join(query.certifications))
    if query.province and candidates(dataclasses.replace(query, province=None, certifications=())):
        return translate(NONE_IN_PROVINCE, lang).format(province=query.province)
    return translate(NO_OFFERS if suppliers else NO_NEEDS, lang)


NO_GOODS_NEEDS = mark(
    "No goods demands are recorded yet: import needs of category 'goods' with a place (province), e.g. "
    "'corridor import docs/examples/needs.csv --kind needs'."
)
NO_GOODS_OFFERS = mark(
    "No goods surpluses are recorded yet: import offers of category 'goods' with a place (province), e.g. "
    "'corridor import docs/examples/offers.csv --kind offers'."
)
NO_GOODS_MATCH = mark(
    "{needs} goods demand(s) and {offers} goods surplus(es) are recorded, but no surplus in another locality "
    "matches a demand well enough (score 0.5 or more)."
)


def why_no_goods(registry: Registry, lang: str) -> str:
    """Why `corridor goods` found nothing: no goods demands, no goods surpluses (each with a place), or no fit."""
    from corridor.registry.service import ListFilters

    def placed_goods(kind: str) -> int:
        items = registry.list_records(kind, ListFilters()).items
        return sum(1 for item in items if item["category"] == "goods" and item["place"])

    needs, offers = placed_goods("needs"), placed_goods("offers")
    if not needs:
        return translate(NO_GOODS_NEEDS, lang)
    if not offers:
        return translate(NO_GOODS_OFFERS, lang)
    return translate(NO_GOODS_MATCH, lang).format(needs=needs, offers=offers)


NO_LEAD_FIRMS = mark(
    "No lead firm (role 'lead_firm') matches these options, so there is no input to check; lead firms come with "
    "the bundled data or 'corridor import FILE --kind firms' (column role = lead_firm)."
)
NO_GAPS = mark("Every input of the lead firms found has at least {n} supplier(s) within {hours} truck hours: no gap.")


def why_no_gaps(lead_firms: int, min_suppliers: int, max_hours: float, lang: str) -> str:
    if not lead_firms:
        return translate(NO_LEAD_FIRMS, lang)
    return translate(NO_GAPS, lang).format(n=min_suppliers, hours=max_hours)
