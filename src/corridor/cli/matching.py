"""`corridor match`: suppliers for a need, or buyers for an offer, with the reasons."""

from __future__ import annotations

from typing import Annotated

import typer

from corridor.bootstrap import open_app
from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.errors import CorridorError
from corridor.matching.service import MatchQuery


def match(
    ctx: typer.Context,
    need: Annotated[str | None, typer.Option("--need", help="what is needed, in Vietnamese or English")] = None,
    need_id: Annotated[str | None, typer.Option("--need-id", help="a stored need")] = None,
    offer: Annotated[str | None, typer.Option("--offer", help="what is offered: rank buyers")] = None,
    offer_id: Annotated[str | None, typer.Option("--offer-id", help="a stored offer: rank buyers")] = None,
    hs: Annotated[list[str] | None, typer.Option("--hs", help="HS code (repeat)")] = None,
    province: Annotated[str | None, typer.Option("--province", help="only firms in this province")] = None,
    certification: Annotated[list[str] | None, typer.Option("--certification", help="required (repeat)")] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100)] = 10,
    file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Rank supplier firms for a need (or buyer firms for an offer), with the signals that fit or miss."""
    current = state(ctx)
    with fail_on_error(current):
        given = [v for v in (need, need_id, offer, offer_id) if v]
        if len(given) != 1:
            raise CorridorError("Give exactly one of --need, --need-id, --offer, --offer-id")
        query = MatchQuery(
            text=need or offer,
            item_id=need_id or offer_id,
            hs_codes=tuple(hs or ()),
            province=province,
            certifications=tuple(certification or ()),
            top=top,
        )
        service = open_app(current.settings).matching()
        found = service.suppliers_for(query) if (need or need_id) else service.buyers_for(query)
    results = [m.as_dict() for m in found]
    if file_format == "json":
        out.print_json({"results": results, "weights_version": service.weights.version, "model": service.encoder.name})
        return
    rows = [
        [str(i), m["name"], f"{m['score']:.3f}", m["matched_item"]["text"][:60], "; ".join(m["reasons"][:3])]
        for i, m in enumerate(results, start=1)
    ]
    out.print_table("", ["#", "firm", "score", "matched", "why"], rows)
