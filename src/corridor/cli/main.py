"""`corridor`: initialise the database, import/export files, templates, and the record commands."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from corridor.bootstrap import App, init_database, open_app
from corridor.cli import _output as out
from corridor.cli.context import State, fail_on_error, state
from corridor.cli.logistics import matrix, route, scenario_app
from corridor.cli.matching import gaps, goods, match, related, schedule
from corridor.cli.records import records_app
from corridor.cli.serve import serve
from corridor.i18n import LANGUAGES, mark, translate
from corridor.registry.exchange import write_export, write_template
from corridor.registry.kinds import KINDS
from corridor.registry.service import ListFilters
from corridor.settings import Settings

app = typer.Typer(
    help="Corridor (Hành lang): registry of the corridor's zones, firms and infrastructure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for _kind in ("zones", "firms", "nodes"):
    app.add_typer(records_app(_kind), name=_kind)
app.command()(serve)
app.command()(route)
app.command()(matrix)
app.add_typer(scenario_app, name="scenario")
app.command()(match)
app.command()(schedule)
app.command()(gaps)
app.command()(related)
app.command()(goods)

DbOption = Annotated[str | None, typer.Option("--db", help="database URL (default: $CORRIDOR_DB or sqlite)")]
KindOption = Annotated[str, typer.Option("--kind", "-k", help="zones, firms, nodes or indicators")]


@app.callback()
def main(
    ctx: typer.Context,
    db: DbOption = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi or en (default: $CORRIDOR_LANG or vi)")] = None,
) -> None:
    settings = Settings.from_env(db_url=db, lang=lang)
    if settings.lang not in LANGUAGES:
        raise typer.BadParameter(f"choose one of {', '.join(LANGUAGES)}", param_hint="--lang")
    ctx.obj = State(settings)


@app.command()
def init(
    ctx: typer.Context,
    empty: Annotated[bool, typer.Option("--empty", help="create the schema only, without the bundled data")] = False,
) -> None:
    """Create the database schema and load the bundled corridor dataset."""
    current = state(ctx)
    with fail_on_error(current):
        loaded = init_database(current.settings, empty=empty)
    _print_summary(loaded, current.settings.lang)


def _print_summary(loaded: App, lang: str) -> None:
    counts = loaded.store.table_counts()
    out.console().print(translate("Database ready: {url}", lang).format(url=loaded.settings.db_url))
    out.console().print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    zones = loaded.registry.list_records("zones", ListFilters()).items
    per_place = Counter(((z["province"] or {}).get("name", out.unknown(lang)), z["type"]) for z in zones)
    rows = [[province, zone_type, str(n)] for (province, zone_type), n in sorted(per_place.items())]
    out.print_table(
        translate("Zones per locality and type", lang),
        [translate("Locality", lang), translate("Type", lang), translate("Count", lang)],
        rows,
    )
    imprecise = [z for z in zones if z["location"]["lat"] is None]
    coarse = [z for z in zones if z["location"]["precision"] in {"district", "province", "unknown"}]
    out.console().print(
        translate("{n} zones have no point; {m} are placed only at district level or coarser", lang).format(
            n=len(imprecise), m=len(coarse)
        )
    )


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8), .xlsx or .geojson file")],
    kind: KindOption,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="validate and report, write nothing")] = False,
) -> None:
    """Validate and import a file; any error and nothing is written."""
    current = state(ctx)
    with fail_on_error(current):
        registry = open_app(current.settings).registry
        with Progress(transient=True, console=out.err_console()) as progress:
            task = progress.add_task(translate("Importing", current.settings.lang), total=None)
            result = registry.import_file(
                file,
                kind,
                current.settings.user,
                dry_run=dry_run,
                progress=lambda n: progress.advance(task, n),
            )
    message = mark("{file}: {rows} rows valid; {added} new statements, {unchanged} unchanged")
    if dry_run:
        message = mark(
            "{file}: {rows} rows valid; {added} would be new, {unchanged} unchanged (dry run: nothing written)"
        )
    out.console().print(
        translate(message, current.settings.lang).format(
            file=file.name, rows=result.rows, added=result.added, unchanged=result.unchanged
        )
    )


@app.command()
def export(
    ctx: typer.Context,
    kind: KindOption,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="file to write")],
    file_format: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx or geojson")] = "csv",
) -> None:
    """Export every stored statement of a kind; importing the file again changes nothing."""
    current = state(ctx)
    with fail_on_error(current):
        rows = open_app(current.settings).registry.export_rows(kind)
        write_export(kind, rows, out_path, file_format)
    out.console().print(translate("Wrote {n} rows to {path}", current.settings.lang).format(n=len(rows), path=out_path))


@app.command()
def template(
    ctx: typer.Context,
    kind: KindOption,
    out_path: Annotated[Path, typer.Option("--out", "-o", help=".csv or .xlsx file to write")],
) -> None:
    """Write an empty import template with Vietnamese and English column help."""
    current = state(ctx)
    with fail_on_error(current):
        if kind not in KINDS:
            raise typer.BadParameter(", ".join(KINDS), param_hint="--kind")
        write_template(kind, out_path, current.settings.lang)
    out.console().print(translate("Wrote {n} rows to {path}", current.settings.lang).format(n=0, path=out_path))
