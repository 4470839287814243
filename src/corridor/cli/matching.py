"""`corridor match`, `schedule`, `gaps`, `related`, `goods`: supply-chain linkage; an empty answer says why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.cli.files import read_table_file
from corridor.errors import CorridorError
from corridor.i18n import mark, translate

# Table headings and values shown through translate(), marked for the catalog.
SHOWN = (
    mark("firm"),
    mark("score"),
    mark("matched"),
    mark("why"),
    mark("locality"),
    mark("input"),
    mark("suppliers"),
    mark("location unknown"),
    mark("lead firms"),
    mark("need"),
    mark("derived"),
    mark("stored"),
)


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
    from corridor.bootstrap import open_app
    from corridor.cli._why_empty import why_no_matches
    from corridor.matching.service import MatchQuery

    current = state(ctx)
    lang = current.settings.lang
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
        suppliers = bool(need or need_id)
        found = service.suppliers_for(query) if suppliers else service.buyers_for(query)
        why = why_no_matches(service, query, suppliers=suppliers, lang=lang) if not found else None
    results = [m.as_dict(lang) for m in found]
    if file_format == "json":
        out.print_json({"results": results, "weights_version": service.weights.version, "model": service.encoder.name})
    else:
        # Every reason is shown: a ranking is only as credible as its whole explanation (the table wraps).
        rows = [
            [str(i), m["name"], f"{m['score']:.3f}", _shortened(m["matched_item"]["text"]), "; ".join(m["reasons"])]
            for i, m in enumerate(results, start=1)
        ]
        out.print_table("", ["#", *(translate(h, lang) for h in ("firm", "score", "matched", "why"))], rows)
    _say_why(why)


def _shortened(text: str, limit: int = 60) -> str:
    """The matched text cut to fit a column, with '…' where it was cut (--format json gives it whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _say_why(why: str | None) -> None:
    """An empty answer's reason, on standard error so that JSON on standard output stays valid."""
    if why:
        out.err_console().print(why, markup=False, highlight=False)


def schedule(
    ctx: typer.Context,
    event_file: Annotated[Path, typer.Argument(help="TOML or JSON: date, tables, slots, participants, requests")],
    out_dir: Annotated[Path, typer.Option("--out", help="folder for the schedule and the agendas")],
    agenda_lang: Annotated[str | None, typer.Option("--agenda-lang", help="vi or en for every agenda")] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="seconds HiGHS may search", min=0.5, max=600)] = 8.0,
) -> None:
    """Schedule forum meetings with the HiGHS MILP solver and write the schedule and every agenda (HTML, .ics).

    Each request is met at most once, each participant once per slot, at most 'tables' meetings per slot; HiGHS
    maximises the weighted value and reports whether the schedule is proven optimal, or its gap at --time-limit.
    """
    from corridor.matching.agenda import write_schedule
    from corridor.matching.scheduling import event_from_dict, solve

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        if agenda_lang not in {None, "vi", "en"}:
            raise CorridorError("--agenda-lang must be vi or en")
        event = event_from_dict(read_table_file(event_file), event_file.name)
        result = solve(event, time_limit_s=time_limit)
        write_schedule(result, out_dir, agenda_lang)
    out.console().print(
        translate(
            "{held} of {asked} meetings scheduled ({status}, gap {gap:.2%}, {seconds:.1f} s); {missing} unscheduled, "
            "with reasons in {folder}/unscheduled.csv",
            lang,
        ).format(
            held=len(result.meetings),
            asked=len(event.requests),
            status=result.status,
            gap=result.gap,
            seconds=result.solve_s,
            missing=len(result.unscheduled),
            folder=out_dir,
        )
    )


def gaps(
    ctx: typer.Context,
    province: Annotated[str | None, typer.Option("--province", help="lead firms in this province")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="lead firms whose sector contains this")] = None,
    max_hours: Annotated[float, typer.Option("--max-hours", help="truck hours a supplier may be away", min=0)] = 3.0,
    min_suppliers: Annotated[int, typer.Option("--min-suppliers", help="fewer than this is a gap", min=1)] = 3,
    file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Inputs of lead firms that too few corridor suppliers can serve within --max-hours, per locality."""
    from corridor.bootstrap import open_app
    from corridor.cli._why_empty import why_no_gaps
    from corridor.matching.gaps import find_gaps, select_lead_firms

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        service = open_app(current.settings).matching()
        found = find_gaps(service, province=province, sector=sector, max_hours=max_hours, min_suppliers=min_suppliers)
        if not found:
            leads = len(select_lead_firms(service.registry, province, sector))
            _say_why(why_no_gaps(leads, min_suppliers, max_hours, lang))
    if file_format == "json":
        out.print_json([g.as_dict() for g in found])
        return
    rows = [
        [
            g.locality,
            g.input_text,
            str(g.suppliers_within),
            str(g.suppliers_location_unknown),
            str(len(g.lead_firms)),
            translate("derived", lang) if g.derived else translate("stored", lang),
        ]
        for g in found
    ]
    headers = ("locality", "input", "suppliers", "location unknown", "lead firms", "need")
    out.print_table("", [translate(h, lang) for h in headers], rows)


def related(
    ctx: typer.Context,
    province: Annotated[str | None, typer.Option("--province", help="one locality (old or new name)")] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=500)] = 20,
) -> None:
    """Sectors absent or weak in a locality but related to its strong ones (co-location in the zones), as JSON."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        found = open_app(current.settings).matching().related_sectors(province)
    out.print_json([r.as_dict() for r in found[:top]])


def goods(ctx: typer.Context) -> None:
    """Goods demands (needs of category goods) matched to other localities' surpluses, with transport, as JSON."""
    from corridor.bootstrap import open_app
    from corridor.cli._why_empty import why_no_goods

    current = state(ctx)
    with fail_on_error(current):
        service = open_app(current.settings).matching()
        found = service.goods()
        why = why_no_goods(service.registry, current.settings.lang) if not found else None
    out.print_json([g.as_dict(current.settings.lang) for g in found])
    _say_why(why)
