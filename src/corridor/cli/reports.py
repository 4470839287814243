"""`corridor indicators` and `corridor report`: indicator series by boundaries, and the sub-regional report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.errors import CorridorError


def indicators(
    ctx: typer.Context,
    locality: Annotated[str | None, typer.Option("--locality", help="province, old or new name")] = None,
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="key or name: grdp_current, exports, pci...")
    ] = None,
    boundaries: Annotated[
        str | None, typer.Option("--boundaries", help="2025 (merged provinces) or pre2025 (the old ones)")
    ] = None,
    corridor: Annotated[str, typer.Option("--corridor", help="vehec or kunming-lao-cai-hai-phong")] = "vehec",
    file_format: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
) -> None:
    """Indicator series (GRDP, growth, FDI, exports, PCI...) on 2025 or pre-2025 boundaries, each with its sources."""
    from corridor.bootstrap import open_app
    from corridor.reports.exports import series_rows
    from corridor.reports.service import point_json

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        if file_format not in {"table", "json", "csv"}:
            raise CorridorError("Unknown format '{value}': use table, json or csv", value=file_format)
        series = open_app(current.settings).indicators.series(
            corridor=corridor, locality=locality, indicator=indicator, boundaries=boundaries
        )
    if series.note:
        out.err_console().print(series.note.render(lang), markup=False, highlight=False)
    if file_format == "json":
        names = {**series.localities, **(series.unit_names or {})}
        out.print_json(
            {
                "boundaries": series.boundaries,
                "series": [point_json(p, names, lang) for p in series.points],
                "totals": [point_json(p, names, lang) for p in series.totals],
            }
        )
        return
    rows = series_rows(series, lang)
    columns = list(rows[0]) if rows else []
    if file_format == "csv":
        out.print_csv(rows, columns)
    else:
        shown = columns[:7]  # sources are long: the CSV and JSON carry them
        out.print_table("", shown, [[str(r[c]) for c in shown] for r in rows])


def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--out", help="report.pdf or report.html")],
    corridor: Annotated[str, typer.Option("--corridor", help="vehec or kunming-lao-cai-hai-phong")] = "vehec",
    year: Annotated[
        int | None, typer.Option("--year", help="the year reported on (default: the latest with data)")
    ] = None,
    gaps: Annotated[bool, typer.Option("--gaps/--no-gaps", help="compute supply gaps (loads the text model)")] = True,
) -> None:
    """The sub-regional economic report, regenerated from the database, as PDF or self-contained HTML."""
    from corridor.bootstrap import open_app
    from corridor.documents import render_html, render_pdf
    from corridor.reports.report import build_report

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        suffix = output.suffix.lower()
        if suffix not in {".pdf", ".html"}:
            raise CorridorError("The report is written as .pdf or .html, not '{name}'", name=output.name)
        app = open_app(current.settings)
        found = None
        if gaps:
            from corridor.matching.gaps import find_gaps

            found = find_gaps(app.matching(), province=None)
        document = build_report(app, corridor=corridor, year=year, lang=lang, gaps=found)
        if suffix == ".pdf":
            output.write_bytes(render_pdf(document))
        else:
            output.write_text(render_html(document), encoding="utf-8")
    out.console().print(str(output), markup=False, highlight=False)
