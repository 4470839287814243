"""`corridor zones|firms|nodes list|show`: querying the registry from the terminal."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.errors import CorridorError
from corridor.i18n import mark, translate
from corridor.registry.labels import code_label, column_code_field
from corridor.registry.terms import term_label

FORMATS = ("table", "json", "csv")
# Columns holding the sources' own words, shown through the glossary (corridor.registry.terms).
TERM_COLUMNS = frozenset({"origin_country", "sector", "indicator", "unit"})
# Column and field names shown in tables, marked so that the catalog translates them.
SHOWN_NAMES = (
    mark("zones"),
    mark("firms"),
    mark("nodes"),
    mark("id"),
    mark("name"),
    mark("name_en"),
    mark("type"),
    mark("province"),
    mark("status"),
    mark("area_ha"),
    mark("leasable_ha"),
    mark("occupancy_pct"),
    mark("available_ha"),
    mark("precision"),
    mark("role"),
    mark("origin_country"),
    mark("zone"),
    mark("sector"),
    mark("kkt_kind"),
    mark("parent_zone"),
    mark("province_2025"),
    mark("province_pre2025"),
    mark("address"),
    mark("status_note"),
    mark("developer"),
    mark("established"),
    mark("target_industries"),
    mark("area_ha_max"),
    mark("industrial_area_ha"),
    mark("board_contact"),
    mark("notes"),
    mark("as_of"),
    mark("updated_at"),
    mark("updated_by"),
    mark("lat"),
    mark("lon"),
    mark("tax_code"),
    mark("products_vi"),
    mark("products_en"),
    mark("employees"),
    mark("investment_usd"),
    mark("year"),
    mark("attributes"),
    mark("place"),
)


def _cell(kind: str, column: str, value: Any, lang: str) -> str:
    """A table cell: codes and the sources' words (country, sector) in `lang`, numbers in its format."""
    if value is None or value == "":
        return out.unknown(lang)
    code_field = column_code_field(kind, column)
    if code_field:
        return code_label(code_field, str(value), lang)
    if column in TERM_COLUMNS:
        return term_label(str(value), lang) or str(value)
    if isinstance(value, float):
        return out.format_number(value, lang)
    return str(value)


def _check_format(file_format: str, lang: str) -> None:
    if file_format not in FORMATS:
        message = translate("choose one of {choices}", lang).format(choices=", ".join(FORMATS))
        raise typer.BadParameter(message, param_hint="--format")


def records_app(kind: str) -> typer.Typer:
    group = typer.Typer(help=f"List and show {kind}.", no_args_is_help=True)

    @group.command("list")
    def list_records(
        ctx: typer.Context,
        province: Annotated[str | None, typer.Option(help="province or locality, old or new name")] = None,
        as_of: Annotated[str | None, typer.Option("--as-of", help="date YYYY-MM-DD (default today)")] = None,
        zone_type: Annotated[str | None, typer.Option("--type", help="KCN, KKT, CCN (zones); node type")] = None,
        status: Annotated[str | None, typer.Option(help="planned, under_construction, operating")] = None,
        industry: Annotated[str | None, typer.Option(help="VSIC code prefix")] = None,
        min_leasable_ha: Annotated[float | None, typer.Option("--min-leasable-ha")] = None,
        min_available_ha: Annotated[float | None, typer.Option("--min-available-ha")] = None,
        role: Annotated[str | None, typer.Option(help="firm role")] = None,
        zone: Annotated[str | None, typer.Option(help="firms in this zone (ID or name)")] = None,
        corridor: Annotated[str | None, typer.Option(help="corridor ID: vehec, kunming-lao-cai-hai-phong")] = None,
        search: Annotated[str | None, typer.Option(help="name, any case, with or without diacritics")] = None,
        sort: Annotated[str | None, typer.Option(help="column; '-' prefix sorts descending")] = None,
        limit: Annotated[int | None, typer.Option(min=1)] = None,
        file_format: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
    ) -> None:
        from corridor.bootstrap import open_app
        from corridor.registry.kinds import flat_record, record_kind
        from corridor.registry.service import ListFilters

        current = state(ctx)
        lang = current.settings.lang
        _check_format(file_format, lang)
        with fail_on_error(current):
            day = _parse_date(as_of)
            filters = ListFilters(
                province=province,
                as_of=day,
                zone_type=zone_type if kind != "nodes" else None,
                status=status,
                industry=industry,
                min_leasable_ha=min_leasable_ha,
                min_available_ha=min_available_ha,
                search=search,
                role=role,
                zone=zone,
                node_type=zone_type if kind == "nodes" else None,
                corridor=corridor,
                sort=sort,
                limit=limit,
            )
            page = open_app(current.settings).registry.list_records(kind, filters)
        for note in page.notes:
            out.err_console().print(note.render(current.settings.lang), markup=False)
        columns = record_kind(kind).table_columns
        if file_format == "json":
            out.print_json({"total": page.total, "items": page.items})
        elif file_format == "csv":
            out.print_csv([flat_record(r) for r in page.items], (*columns, "lat", "lon", "as_of"))
        else:
            rows = [[_cell(kind, c, flat_record(r).get(c), lang) for c in columns] for r in page.items]
            title = translate("{n} {kind}", lang).format(n=page.total, kind=translate(kind, lang))
            out.print_table(title, [translate(c, lang) for c in columns], rows)

    @group.command("show")
    def show_record(
        ctx: typer.Context,
        id_or_name: Annotated[str, typer.Argument(help="ID or name (diacritics optional)")],
        as_of: Annotated[str | None, typer.Option("--as-of", help="date YYYY-MM-DD (default today)")] = None,
        file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    ) -> None:
        from corridor.bootstrap import open_app
        from corridor.registry.kinds import flat_record

        current = state(ctx)
        lang = current.settings.lang
        with fail_on_error(current):
            record = open_app(current.settings).registry.show(kind, id_or_name, _parse_date(as_of))
        if file_format == "json":
            out.print_json(record)
            return
        flat = flat_record(record)
        rows = [
            [translate(k, lang), _cell(kind, k, v, lang)]
            for k, v in flat.items()
            if k not in {"sources", "location", "firms", "flags", "utilities"} and not isinstance(v, dict | list)
        ]
        out.print_table(str(record["name"]), [translate("Field", lang), translate("Value", lang)], rows)
        for source in record["sources"]:
            out.console().print(f"- {source['title']} ({source['as_of']}) {source['url'] or ''}", markup=False)

    return group


def _parse_date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CorridorError("Expected a date as YYYY-MM-DD, got '{value}'", value=text) from error
