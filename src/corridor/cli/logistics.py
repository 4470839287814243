"""`corridor route`, `corridor matrix` and `corridor scenario`: the freight network from the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.cli.files import read_table_file
from corridor.errors import CorridorError
from corridor.i18n import mark, translate
from corridor.registry.labels import leg_mode_label

# Headings and values shown through translate(), marked for the catalog.
SHOWN = (
    mark("mode"),
    mark("from"),
    mark("to"),
    mark("distance_km"),
    mark("duration_h"),
    mark("cost_vnd"),
    mark("co2e_kg"),
    mark("basis"),
    mark("sourced"),
    mark("estimated"),
    mark("measured"),
    mark("assumption"),
    mark("scenario"),
    mark("optimised for"),
    mark("dominates"),
    mark("yes"),
    mark("no"),
    mark("time"),
    mark("cost"),
    mark("co2"),
)
YES_NO = {True: "yes", False: "no"}
ProfileOption = Annotated[str, typer.Option("--profile", help="truck, rail, barge or multimodal")]
YearOption = Annotated[int | None, typer.Option("--as-of", help="network as of this year (default: this year)")]
ScenarioOption = Annotated[str | None, typer.Option("--scenario", help="name of a saved scenario")]
TonnesOption = Annotated[float | None, typer.Option("--tonnes", help="cargo mass (default: parameter file)")]


def route(
    ctx: typer.Context,
    origin: Annotated[str, typer.Argument(help="zone, node, locality (old or new name) or 'lat,lon'")],
    destination: Annotated[str, typer.Argument(help="zone, node, locality or 'lat,lon'")],
    profile: ProfileOption = "truck",
    optimize: Annotated[str, typer.Option("--optimize", help="time, cost, co2 or distance")] = "time",
    year: YearOption = None,
    scenario: ScenarioOption = None,
    tonnes: TonnesOption = None,
    file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    alternatives: Annotated[
        bool, typer.Option("--alternatives", help="the time-, cost- and CO2e-optimal routes side by side")
    ] = False,
) -> None:
    """The best route between two places, leg by leg, with distance, time, cost and CO2e."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    if alternatives:
        with fail_on_error(current):
            found_all = (
                open_app(current.settings)
                .logistics()
                .alternatives(origin, destination, profile=profile, year=year, scenario=scenario, cargo_t=tonnes)
            )
        _print_alternatives(found_all.as_dict(lang), file_format, lang)
        return
    with fail_on_error(current):
        found = (
            open_app(current.settings)
            .logistics()
            .route(
                origin, destination, profile=profile, optimize=optimize, year=year, scenario=scenario, cargo_t=tonnes
            )
        )
    result = found.as_dict(lang)
    if file_format == "json":
        out.print_json(result)
        return
    rows = [
        [
            leg_mode_label(leg["mode"], lang),
            leg["from"]["name"],
            leg["to"]["name"],
            out.format_number(leg["distance_km"], lang),
            out.format_number(leg["duration_h"], lang),
            out.format_number(leg["cost_vnd"], lang),
            out.format_number(leg["co2e_kg"], lang),
            translate(leg["basis"], lang),
        ]
        for leg in result["legs"]
    ]
    totals = result["totals"]
    rows.append(
        [
            translate("Total", lang),
            "",
            "",
            *(out.format_number(totals[k], lang) for k in ("distance_km", "duration_h", "cost_vnd", "co2e_kg")),
            "",
        ]
    )
    headers = ["mode", "from", "to", "distance_km", "duration_h", "cost_vnd", "co2e_kg", "basis"]
    title = f"{result['origin']['name']} → {result['destination']['name']} ({profile}, {optimize}, {result['year']})"
    out.print_table(title, [translate(h, lang) for h in headers], rows)
    for note in result["notes"]:
        out.console().print(f"- {note}", markup=False)


def _print_alternatives(result: dict[str, Any], file_format: str, lang: str) -> None:
    if file_format == "json":
        out.print_json(result)
        return
    keys = ("distance_km", "duration_h", "cost_vnd", "co2e_kg")
    rows = [
        [
            translate(item["optimize"], lang),
            *(out.format_number(item["route"]["totals"][k], lang) for k in keys),
            translate(YES_NO[item["dominates"]], lang),
        ]
        for item in result["alternatives"]
    ]
    title = f"{result['origin']['name']} → {result['destination']['name']} ({result['profile']}, {result['year']})"
    out.print_table(title, [translate(h, lang) for h in ("optimised for", *keys, "dominates")], rows)


def _place_ids(app_logistics: object, spec: str) -> list[str]:
    from corridor.logistics import LogisticsService

    assert isinstance(app_logistics, LogisticsService)
    if spec == "zones":
        return [n.id for n in app_logistics.base.nodes.values() if n.kind == "zone" and n.located]
    if spec == "hubs":
        return app_logistics.hub_ids()
    if spec.startswith("hubs:"):
        return app_logistics.hub_ids(spec.removeprefix("hubs:"))
    return [app_logistics.places.resolve(item).node_id for item in spec.split(";") if item.strip()]


def matrix(
    ctx: typer.Context,
    origins: Annotated[str, typer.Option("--from", help="zones, hubs, hubs:CLASS, or places separated by ';'")],
    destinations: Annotated[str, typer.Option("--to", help="zones, hubs, hubs:CLASS, or places separated by ';'")],
    metric: Annotated[str, typer.Option("--metric", help="time, distance, cost or co2")] = "time",
    profile: ProfileOption = "truck",
    year: YearOption = None,
    scenario: ScenarioOption = None,
    tonnes: TonnesOption = None,
    file_format: Annotated[str, typer.Option("--format", help="csv or json")] = "csv",
) -> None:
    """Travel time, distance, cost or CO2e from many places to many places (each pair optimised for it)."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        logistics = open_app(current.settings).logistics()
        result = logistics.matrix(
            _place_ids(logistics, origins),
            _place_ids(logistics, destinations),
            metric=metric,
            profile=profile,
            year=year,
            scenario=scenario,
            cargo_t=tonnes,
        )
    rows = result.rows()
    if file_format == "json":
        out.print_json({"metric": result.metric, "unit": result.unit, "profile": profile, "rows": rows})
    else:
        out.print_csv(rows, ["origin", "origin_name", "destination", "destination_name", result.metric_key])


scenario_app = typer.Typer(help="Named changes to the freight network, and their effect.", no_args_is_help=True)


@scenario_app.command("create")
def scenario_create(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="TOML or JSON file: name, description, year, changes")],
) -> None:
    """Save a scenario (replacing one of the same name)."""
    from corridor.bootstrap import open_app
    from corridor.logistics import scenario_from_dict

    current = state(ctx)
    with fail_on_error(current):
        definition = read_table_file(file)
        scenario = (
            open_app(current.settings)
            .logistics()
            .save_scenario(scenario_from_dict(definition, file.name), current.settings.user)
        )
    out.console().print(
        translate("Saved scenario '{name}' ({n} changes)", current.settings.lang).format(
            name=scenario.name, n=len(scenario.changes)
        )
    )


@scenario_app.command("list")
def scenario_list(ctx: typer.Context) -> None:
    """The saved scenarios."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        store = open_app(current.settings).logistics().scenarios
        scenarios = store.list_scenarios() if store else []
    out.print_json([s.as_dict() for s in scenarios])


@scenario_app.command("delete")
def scenario_delete(ctx: typer.Context, name: Annotated[str, typer.Argument()]) -> None:
    """Delete a saved scenario."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        logistics = open_app(current.settings).logistics()
        logistics.scenario(name)
        assert logistics.scenarios is not None
        logistics.scenarios.delete_scenario(name)
    out.console().print(translate("Deleted scenario '{name}'", current.settings.lang).format(name=name))


@scenario_app.command("diff")
def scenario_diff(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="scenario name")],
    pairs: Annotated[list[str], typer.Option("--pair", help="ORIGIN:DESTINATION (repeat)")],
    profile: ProfileOption = "truck",
    optimize: Annotated[str, typer.Option("--optimize", help="time, cost, co2 or distance")] = "time",
) -> None:
    """Routes of chosen pairs in the baseline and in the scenario, and the difference."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        split = [_pair(p) for p in pairs]
        rows = open_app(current.settings).logistics().diff(name, split, profile=profile, optimize=optimize)
    out.print_json([row.as_dict(current.settings.lang) for row in rows])


def _pair(text: str) -> tuple[str, str]:
    if ":" not in text:
        raise CorridorError("'{text}': expected ORIGIN:DESTINATION", text=text)
    origin, destination = text.split(":", 1)
    return origin.strip(), destination.strip()
