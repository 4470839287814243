"""`corridor`: initialise and upgrade the database, import/export files, templates, and the record commands.

Every module of the CLI imports its heavy dependencies (SQLAlchemy, the freight network, the matching model,
the web server) inside the command that needs them, so that `corridor --help` and light commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import DB_HELP, LANG_HELP, CorridorGroup, State, checked_lang, fail_on_error, state
from corridor.cli.duplicates import duplicates_app, merge, unmerge
from corridor.cli.events import events_app, import_registrations
from corridor.cli.history import edit, history, revert, withdraw
from corridor.cli.logistics import matrix, route, scenario_app
from corridor.cli.matching import gaps, goods, match, related, schedule
from corridor.cli.records import records_app
from corridor.cli.reports import indicators, report
from corridor.cli.safety import backup, restore
from corridor.cli.serve import serve
from corridor.cli.siting import kit, sites
from corridor.cli.users import tokens_app, users_app
from corridor.i18n import mark, translate
from corridor.settings import Settings

if TYPE_CHECKING:
    from corridor.bootstrap import App, SchemaChange
    from corridor.registry.models import ImportResult

app = typer.Typer(
    cls=CorridorGroup,
    help="Corridor (Hành lang): registry of the corridor's zones, firms and infrastructure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for _kind in ("zones", "firms", "nodes"):
    app.add_typer(records_app(_kind), name=_kind)
app.command()(serve)
app.command()(edit)
app.command()(history)
app.command()(withdraw)
app.command()(revert)
app.command()(route)
app.command()(matrix)
app.add_typer(scenario_app, name="scenario")
app.command()(match)
app.command()(schedule)
app.command()(gaps)
app.command()(related)
app.command()(goods)
app.command()(indicators)
app.command()(report)
app.command()(sites)
app.command()(kit)
app.command()(backup)
app.command()(restore)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(duplicates_app, name="duplicates")
app.add_typer(events_app, name="events")
app.command()(merge)
app.command()(unmerge)
db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP)]
KindOption = Annotated[str, typer.Option("--kind", "-k", help="zones, firms, nodes, indicators, needs or offers")]
ImportKindOption = Annotated[
    str, typer.Option("--kind", "-k", help="zones, firms, nodes, indicators, needs, offers or registrations (--event)")
]


@app.callback()
def main(
    ctx: typer.Context,
    db: DbOption = None,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    settings = Settings.from_env(db_url=db, lang=lang)
    checked_lang(settings.lang, ctx.invoked_subcommand)
    ctx.obj = State(settings)


@app.command()
def init(
    ctx: typer.Context,
    empty: Annotated[bool, typer.Option("--empty", help="create the schema only, without the bundled data")] = False,
) -> None:
    """Create or upgrade the database schema and load the bundled corridor dataset."""
    from corridor.bootstrap import init_database_reporting

    current = state(ctx)
    with fail_on_error(current):
        loaded, change = init_database_reporting(current.settings, empty=empty)
    _print_schema_change(change, current.settings.lang)
    try:
        _print_summary(loaded, current.settings.lang)
    finally:
        loaded.store.engine.dispose()  # close pooled connections now, not when collected (PostgreSQL warns)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Migrate an initialised database to this version's schema (back it up first)."""
    from corridor.bootstrap import upgrade_database

    current = state(ctx)
    with fail_on_error(current):
        change = upgrade_database(current.settings)
    _print_schema_change(change, current.settings.lang)


def _print_schema_change(change: SchemaChange, lang: str) -> None:
    if change.before is None:
        message = mark("Schema created (revision {after})")
    elif change.changed:
        message = mark("The schema was behind: upgraded from revision {before} to {after}")
    else:
        message = mark("Schema already current (revision {after})")
    out.console().print(translate(message, lang).format(before=change.before, after=change.after))


def _print_summary(loaded: App, lang: str) -> None:
    from collections import Counter

    from corridor.reference.names import vietnamese_sort_key
    from corridor.registry.service import ListFilters

    counts = loaded.store.table_counts()
    out.console().print(translate("Database ready: {url}", lang).format(url=loaded.settings.db_url))
    out.console().print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    zones = loaded.registry.list_records("zones", ListFilters()).items
    per_place = Counter(((z["province"] or {}).get("name", out.unknown(lang)), z["type"]) for z in zones)
    ordered = sorted(per_place.items(), key=lambda item: (vietnamese_sort_key(item[0][0]), item[0][1]))
    rows = [[province, zone_type, str(n)] for (province, zone_type), n in ordered]
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
    kind: ImportKindOption,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="validate and report, write nothing")] = False,
    event: Annotated[str | None, typer.Option("--event", help="the event of --kind registrations")] = None,
) -> None:
    """Validate and import a file; any error and nothing is written."""
    from rich.progress import Progress

    from corridor.bootstrap import open_app

    current = state(ctx)
    if kind == "registrations" or event is not None:
        import_registrations(current, file, event, dry_run=dry_run)
        return
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
    _print_resolution(result, current.settings.lang)


def _print_resolution(result: ImportResult, lang: str) -> None:
    """New firms merged into stored ones, and those created but possibly duplicates."""
    for merged in result.merged:
        message = mark("{merged} is {kept} (score {score:.2f}): merged automatically")
        text = translate(message, lang).format(merged=merged.merged_id, kept=merged.kept_id, score=merged.score)
        out.console().print(text, markup=False, highlight=False)
    if result.to_review:
        out.console().print(translate(mark("Possible duplicates to review (corridor duplicates list):"), lang))
    for review in result.to_review:
        message = mark("{record} may be {existing} ({name}), score {score:.2f}")
        text = translate(message, lang).format(
            record=review.record_id, existing=review.existing_id, name=review.existing_name, score=review.score
        )
        out.console().print(text, markup=False, highlight=False)


@app.command()
def export(
    ctx: typer.Context,
    kind: KindOption,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="file to write")],
    file_format: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx or geojson")] = "csv",
    statements: Annotated[
        bool,
        typer.Option(
            "--statements",
            help="every source statement in the import columns (importing it again changes nothing), "
            "instead of one row per record",
        ),
    ] = False,
    withdrawn: Annotated[
        bool,
        typer.Option(
            "--withdrawn",
            help="with --statements: withdrawn statements too, marked in a 'withdrawn' column (not for import)",
        ),
    ] = False,
) -> None:
    """Export a kind: one row (GeoJSON: one feature) per record, or with --statements every source statement."""
    from corridor.bootstrap import open_app
    from corridor.registry.exchange import write_records, write_statements

    current = state(ctx)
    with fail_on_error(current):
        registry = open_app(current.settings).registry
        if statements:
            rows = registry.export_rows(kind, withdrawn=withdrawn)
            write_statements(kind, rows, out_path, file_format)
        else:
            rows = registry.export_records(kind)
            write_records(kind, rows, out_path, file_format)
    out.console().print(translate("Wrote {n} rows to {path}", current.settings.lang).format(n=len(rows), path=out_path))


@app.command()
def template(
    ctx: typer.Context,
    kind: KindOption,
    out_path: Annotated[Path, typer.Option("--out", "-o", help=".csv or .xlsx file to write")],
) -> None:
    """Write an empty import template with Vietnamese and English column help."""
    from corridor.registry.exchange import write_template
    from corridor.registry.kinds import KINDS

    current = state(ctx)
    with fail_on_error(current):
        if kind not in KINDS:
            raise typer.BadParameter(", ".join(KINDS), param_hint="--kind")
        write_template(kind, out_path, current.settings.lang)
    out.console().print(translate("Wrote {n} rows to {path}", current.settings.lang).format(n=0, path=out_path))
