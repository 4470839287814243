"""`corridor sites`: a ranked, explained shortlist of zones for an investor's brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.cli.files import read_table_file
from corridor.errors import CorridorError
from corridor.i18n import mark, translate

SHOWN = (
    mark("zone"),
    mark("score"),
    mark("unknown share"),
    mark("stays in top 3"),
    mark("lacks"),
    mark("{feasible} zones ranked, {filtered} set aside (see --format json for every reason)"),
    mark("No zone meets the brief; the reasons:"),
    mark("Sector matched: {division} {name} (firms: {firm_sector})"),
)


def sites(
    ctx: typer.Context,
    brief_file: Annotated[Path, typer.Argument(help="the brief, a JSON file (see docs/examples/brief.json)")],
    top: Annotated[int, typer.Option("--top", help="zones shown", min=1, max=500)] = 10,
    weights_file: Annotated[
        Path | None, typer.Option("--weights", help="JSON or TOML: criterion = points (0-100)")
    ] = None,
    method: Annotated[str, typer.Option("--method", help="weighted or spotis")] = "weighted",
    file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Rank the corridor's zones for an investor's brief: hard filters with reasons, each criterion's
    contribution, unknowns shown as unknown, and how stable the order is under changed weights."""
    from corridor.bootstrap import open_app
    from corridor.siting import brief_from_dict

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        if file_format not in {"table", "json"}:
            raise CorridorError("--format must be table or json")
        brief = brief_from_dict(read_table_file(brief_file))
        weights = read_table_file(weights_file) if weights_file else None
        ranking = open_app(current.settings).siting().rank(brief, method=method, weights=weights, top=top)
    result = ranking.as_dict(lang)
    if file_format == "json":
        out.print_json(result)
        return
    _print_table(result, lang)


def _print_table(result: dict[str, Any], lang: str) -> None:
    sector = result["sector"]
    out.console().print(
        translate("Sector matched: {division} {name} (firms: {firm_sector})", lang).format(
            division=sector["vsic_division"], name=sector["vsic_name"], firm_sector=sector["firm_sector"] or "-"
        ),
        markup=False,
        highlight=False,
    )
    if not result["results"]:
        out.console().print(translate("No zone meets the brief; the reasons:", lang), markup=False)
        rows = [[z["name"], z["filtered_out_reason"]] for z in result["filtered_out"]]
        out.print_table("", [translate("zone", lang), translate("why", lang)], rows)
        return
    rows = [
        [
            str(z["rank"]),
            z["name"],
            f"{z['score']:.3f}",
            f"{z['unknown_share']:.0%}",
            f"{z['robustness']['top_three_share']:.0%}" if z["robustness"] else "-",
            "; ".join(z["lacks"][:4]),
        ]
        for z in result["results"]
    ]
    headers = ["#", *(translate(h, lang) for h in ("zone", "score", "unknown share", "stays in top 3", "lacks"))]
    out.print_table("", headers, rows)
    summary = translate("{feasible} zones ranked, {filtered} set aside (see --format json for every reason)", lang)
    out.console().print(summary.format(feasible=result["feasible"], filtered=len(result["filtered_out"])))


def kit(
    ctx: typer.Context,
    brief_file: Annotated[Path, typer.Argument(help="the brief, a JSON file (see docs/examples/brief.json)")],
    output: Annotated[Path, typer.Option("--out", help="kit.pdf or kit.html")],
    top: Annotated[int, typer.Option("--top", help="zones in the kit", min=1, max=20)] = 4,
    weights_file: Annotated[
        Path | None, typer.Option("--weights", help="JSON or TOML: criterion = points (0-100)")
    ] = None,
    method: Annotated[str, typer.Option("--method", help="weighted or spotis")] = "weighted",
    zones: Annotated[
        list[str] | None, typer.Option("--zone", help="a zone ID to put in the kit instead of the top N (repeat)")
    ] = None,
) -> None:
    """The joint investment-promotion kit of the best zones for a brief, as PDF/A or self-contained HTML, in
    vi, en, ko, ja or zh (--lang): cover, corridor overview, one section per zone with sources and contacts."""
    from corridor.bootstrap import open_app
    from corridor.documents import render_html, render_pdf
    from corridor.siting import brief_from_dict
    from corridor.siting.kit import build_kit

    current = state(ctx)
    with fail_on_error(current):
        suffix = output.suffix.lower()
        if suffix not in {".pdf", ".html"}:
            raise CorridorError("The kit is written as .pdf or .html, not '{name}'", name=output.name)
        brief = brief_from_dict(read_table_file(brief_file))
        weights = read_table_file(weights_file) if weights_file else None
        siting = open_app(current.settings).siting()
        lang = current.settings.lang
        document = build_kit(siting, brief, lang=lang, top=top, method=method, weights=weights, zones=zones or ())
        if suffix == ".pdf":
            output.write_bytes(render_pdf(document))
        else:
            output.write_text(render_html(document), encoding="utf-8")
    out.console().print(str(output), markup=False, highlight=False)
