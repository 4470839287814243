"""`corridor events ...`: forums for organisers (run with database access, as the operator): create from an event
file, list, schedule B2B meetings, write agendas, count outcomes; registrations come in with `corridor import`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import State, fail_on_error, state
from corridor.cli.files import read_table_file
from corridor.errors import InvalidInput
from corridor.i18n import mark, translate

if TYPE_CHECKING:
    from corridor.accounts import Principal
    from corridor.settings import Settings

events_app = typer.Typer(help="Forums: events, B2B meeting schedules, agendas and outcomes.", no_args_is_help=True)

SHOWN = (mark("event"), mark("dates"), mark("venue"), mark("registrations"))


def operator(settings: Settings) -> Principal:
    """Who the command acts as: the operator, who runs it with access to the database (an administrator)."""
    from corridor.accounts import Grant, Principal

    return Principal(user_id=0, email=settings.user, display_name=settings.user, grants=(Grant("admin"),))


@events_app.command("create")
def create(
    ctx: typer.Context,
    event_file: Annotated[Path, typer.Argument(help="TOML or JSON: name, dates, venue, slots, sessions, exhibitors")],
) -> None:
    """Create an event from its file (the forum file of `corridor schedule` with a programme and exhibitors)."""
    from corridor.bootstrap import open_app
    from corridor.events.definition import event_from_dict

    current = state(ctx)
    with fail_on_error(current):
        definition = event_from_dict(read_table_file(event_file), event_file.name)
        created = open_app(current.settings).events.create(operator(current.settings), definition)
    message = translate("Event {id} created: {name}, {first} to {last}", current.settings.lang)
    out.console().print(
        message.format(id=created.id, name=created.name, first=created.starts_on, last=created.ends_on),
        markup=False,
        highlight=False,
    )


@events_app.command("list")
def list_events(
    ctx: typer.Context, file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table"
) -> None:
    """Every event, soonest first, with its number of registrations."""
    from corridor.bootstrap import open_app
    from corridor.events.definition import event_to_dict

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        events = open_app(current.settings).events
        found = [(e, len(events.registrations(e.id))) for e in events.events()]
    if file_format == "json":
        out.print_json([{**event_to_dict(e), "registrations": n} for e, n in found])
        return
    rows = [[e.id, e.name, f"{e.starts_on} – {e.ends_on}", e.venue, str(n)] for e, n in found]
    out.print_table("", ["ID", *(translate(h, lang) for h in ("event", "dates", "venue", "registrations"))], rows)


@events_app.command("schedule")
def schedule_event(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="the event's ID")],
    time_limit: Annotated[float, typer.Option("--time-limit", help="seconds HiGHS may search", min=0.5, max=600)] = 8.0,
) -> None:
    """Place accepted meeting requests in the B2B slots (HiGHS MILP): nobody in two places, no meeting during a
    session the person attends, at most 'tables' per slot; confirmed meetings never move."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        result = open_app(current.settings).events.schedule(operator(current.settings), event_id, time_limit)
    message = translate(
        "{held} meetings confirmed ({status}, gap {gap:.2%}, {seconds:.1f} s); {missing} accepted requests unplaced",
        current.settings.lang,
    )
    out.console().print(
        message.format(
            held=len(result.meetings),
            status=result.status,
            gap=result.gap,
            seconds=result.solve_s,
            missing=len(result.unscheduled),
        )
    )


@events_app.command("agendas")
def agendas(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="the event's ID")],
    out_dir: Annotated[Path, typer.Option("--out", help="folder for the schedule and the agendas")],
) -> None:
    """Write the confirmed schedule and each participant's agenda (HTML and .ics, in her language)."""
    from corridor.bootstrap import open_app
    from corridor.matching.agenda import write_schedule

    current = state(ctx)
    with fail_on_error(current):
        schedule = open_app(current.settings).events.current_schedule(event_id)
        written = write_schedule(schedule, out_dir)
    message = translate("Wrote {n} files to {path}", current.settings.lang)
    out.console().print(message.format(n=len(written), path=out_dir), markup=False, highlight=False)


@events_app.command("outcomes")
def outcomes(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="the event's ID")],
    file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Requests, acceptance rate, meetings held and missed, follow-ups by stage, by sector and by locality."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        found = open_app(current.settings).events.outcomes(operator(current.settings), event_id)
    if file_format == "json":
        out.print_json(found.as_dict())
        return
    rate = found.acceptance_rate
    rows = [
        [translate("registrations", lang), f"{found.registrations} ({found.approved} ✓, {found.checked_in} ➜)"],
        [translate("requests", lang), str(found.requests)],
        [translate("acceptance rate", lang), out.unknown(lang) if rate is None else f"{rate:.0%}"],
        [translate("meetings held", lang), f"{found.held} / {found.meetings}"],
        [translate("no-shows", lang), str(found.no_shows)],
        *([translate(stage, lang), str(n)] for stage, n in found.follow_ups.items()),
    ]
    out.print_table(translate("Outcomes of {id}", lang).format(id=event_id), ["", ""], rows)


def import_registrations(current: State, file: Path, event_id: str | None, *, dry_run: bool) -> None:
    """`corridor import FILE --kind registrations --event ID`: every row checked, then all registered or none."""
    from corridor.bootstrap import open_app
    from corridor.events.registrations import registrations_from_table
    from corridor.registry.files import read_table

    lang = current.settings.lang
    with fail_on_error(current):
        if not event_id:
            raise InvalidInput(mark("--kind registrations needs --event ID"))
        app = open_app(current.settings)
        event = app.events.event(event_id)
        rows = registrations_from_table(read_table(file, app.registry.limits), event)
        done = [] if dry_run else app.events.register(operator(current.settings), event_id, rows)
    message = mark("{file}: {rows} registrations valid; {added} registered, pending the organisers' approval")
    if dry_run:
        message = mark("{file}: {rows} registrations valid (dry run: nothing written)")
    out.console().print(translate(message, lang).format(file=file.name, rows=len(rows), added=len(done)))
    proposed = [r for r in done if r.proposal_id is not None]
    if proposed:
        names = ", ".join(r.organisation for r in proposed)
        text = translate("New organisations proposed to the moderators: {names}", lang).format(names=names)
        out.console().print(text, markup=False, highlight=False)
