"""`corridor edit|history|withdraw|revert`: a record's facts changed with a source, its history, and undoing.

Operators at the console act as CORRIDOR_USER (or the login name), as imports do; who may do what is decided by
the entry points of the accounts, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.errors import InvalidInput
from corridor.i18n import mark, translate

if TYPE_CHECKING:
    from corridor.registry.history import HistoryEntry

KindArgument = Annotated[str, typer.Argument(help="zones, firms, nodes, needs or offers")]
ReasonOption = Annotated[str, typer.Option("--reason", help="why (history shows it)")]
HISTORY_HEADERS = (mark("Write"), mark("Date"), mark("Who"), mark("Action"), mark("Source"), mark("Change"))


def edit(
    ctx: typer.Context,
    kind: KindArgument,
    record_id: Annotated[str, typer.Argument(help="the record's ID")],
    sets: Annotated[list[str], typer.Option("--set", help="field=value (repeat for more fields)")],
    source_title: Annotated[str, typer.Option("--source-title", help="title of the source")],
    source_url: Annotated[str, typer.Option("--source-url", help="address of the source")],
    as_of: Annotated[str, typer.Option("--as-of", help="date the source speaks for: YYYY[-MM[-DD]], not after today")],
) -> None:
    """Change some facts of one record, from one source; the old statements stay in its history."""
    from corridor.bootstrap import open_app
    from corridor.registry.models import SourceRef

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        changes = _parse_sets(sets)
        source = SourceRef(source_title.strip(), source_url.strip(), as_of.strip())
        result = open_app(current.settings).registry.edit_record(
            kind, record_id, changes, source, current.settings.user
        )
    message = translate("Write {write}: statement {statement} stored for {record}", lang)
    out.console().print(message.format(write=result.write_id, statement=result.statement_id, record=record_id))
    for change in result.changes:
        out.console().print(f"  {_change_text(change.field, change.old, change.new, lang)}", markup=False)
    if not result.changes:
        out.console().print(translate("No value shown changed: another source is newer", lang))


def history(
    ctx: typer.Context,
    kind: KindArgument,
    record_id: Annotated[str, typer.Argument(help="the record's ID")],
    file_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Every write that touched a record, newest first: when, who, source, and each field's old -> new value."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        registry = open_app(current.settings).registry
        if file_format == "json":
            out.print_json(registry.history_json(kind, record_id))
            return
        entries = registry.history(kind, record_id)
    rows = [row for entry in entries for row in _history_rows(entry, lang)]
    out.print_table(record_id, [translate(h, lang) for h in HISTORY_HEADERS], rows)


def withdraw(
    ctx: typer.Context,
    statement_id: Annotated[int, typer.Argument(help="the statement's ID (corridor history shows it)")],
    reason: ReasonOption,
) -> None:
    """Withdraw one statement: the record no longer uses it, and its history shows it withdrawn."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        write_id = open_app(current.settings).registry.withdraw_statement(statement_id, reason, current.settings.user)
    message = translate("Write {write}: statement {statement} withdrawn", current.settings.lang)
    out.console().print(message.format(write=write_id, statement=statement_id))


def revert(
    ctx: typer.Context,
    write_id: Annotated[int, typer.Argument(help="the write's ID (corridor history shows it)")],
    reason: ReasonOption,
) -> None:
    """Undo an import or an edit in one step: every statement it stored is withdrawn."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        revert_id = open_app(current.settings).registry.revert_write(write_id, reason, current.settings.user)
    message = translate("Write {write}: write {reverted} reverted", current.settings.lang)
    out.console().print(message.format(write=revert_id, reverted=write_id))


def _parse_sets(sets: list[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for item in sets:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise InvalidInput("Expected --set field=value, got '{value}'", value=item)
        changes[name.strip()] = value.strip()
    return changes


def _history_rows(entry: HistoryEntry, lang: str) -> list[list[str]]:
    source = "; ".join(f"{_shortened(s.title)} ({s.as_of})" for s in entry.sources) or entry.reason
    lines = [_change_text(c.field, c.old, c.new, lang) for c in entry.changes]
    lines += [_statement_text(s.order, s.withdrawn is not None, lang) for s in entry.statements]
    first = [str(entry.write_id), entry.at.strftime("%Y-%m-%d %H:%M"), entry.actor, translate(entry.action, lang)]
    rows = [[*first, source, lines[0] if lines else "-"]]
    return rows + [["", "", "", "", "", line] for line in lines[1:]]


def _shortened(text: str, width: int = 50) -> str:
    """A long source title cut to fit a table column (the JSON answer has it whole)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _statement_text(statement_id: int, withdrawn: bool, lang: str) -> str:
    message = mark("statement {id} (withdrawn)") if withdrawn else mark("statement {id}")
    return translate(message, lang).format(id=statement_id)


def _change_text(field: str, old: Any, new: Any, lang: str) -> str:
    from corridor.registry.labels import field_label

    return f"{field_label(field, lang)}: {_value(old, lang)} → {_value(new, lang)}"


def _value(value: Any, lang: str) -> str:
    if value is None or value == "":
        return out.unknown(lang)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return out.format_number(value, lang)
    return str(value)
