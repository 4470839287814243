"""`corridor duplicates list|check`, `corridor merge` and `corridor unmerge`: entity resolution of firms and zones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.i18n import mark, translate

if TYPE_CHECKING:
    from corridor.registry.duplicates import Duplicate, DuplicatePair

duplicates_app = typer.Typer(
    help="Possible duplicate firms and zones: the review list and checks.", no_args_is_help=True
)

KindOption = Annotated[str, typer.Option("--kind", "-k", help="firms or zones")]
BAND_LABELS = {"merge": mark("merge"), "review": mark("review"), "distinct": mark("distinct")}


@duplicates_app.command("list")
def list_duplicates(ctx: typer.Context, kind: KindOption = "firms") -> None:
    """Pairs of stored records that may be one firm (or zone), best first: the review list."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        pairs = open_app(current.settings).registry.duplicate_pairs(kind)
    headers = [translate(h, lang) for h in (mark("Score"), mark("Band"), mark("Record"), mark("Possible duplicate"))]
    out.print_table(translate("Possible duplicates to review", lang), headers, [_pair_row(p, lang) for p in pairs])


def _pair_row(pair: DuplicatePair, lang: str) -> list[str]:
    return [
        f"{pair.score:.2f}",
        translate(BAND_LABELS[pair.band], lang),
        f"{pair.first_id} ({pair.first_name})",
        f"{pair.second_id} ({pair.second_name})",
    ]


@duplicates_app.command("check")
def check(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help="the firm's name as typed, in Vietnamese or English")],
    tax_code: Annotated[str | None, typer.Option("--tax-code", help="tax code (MST), 10 or 13 digits")] = None,
    province: Annotated[str | None, typer.Option("--province", help="province name or ID")] = None,
    zone: Annotated[str | None, typer.Option("--zone", help="zone ID")] = None,
    kind: KindOption = "firms",
) -> None:
    """Which stored records a new record would duplicate, with the score, band and reasons."""
    from corridor.bootstrap import open_app
    from corridor.registry.resolution import FirmFields

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        found = open_app(current.settings).registry.find_duplicates(kind, FirmFields(name, tax_code, province, zone))
    headers = [translate(h, lang) for h in (mark("Score"), mark("Band"), mark("Record"), mark("Why"))]
    rows = [_duplicate_row(d, lang) for d in found]
    title = translate(mark("Stored records like {name}"), lang).format(name=name)
    out.print_table(title, headers, rows)
    if not found:
        out.console().print(translate(mark("No stored record is like it: it would be a new record"), lang))


def _duplicate_row(found: Duplicate, lang: str) -> list[str]:
    reasons = "; ".join(reason.render(lang) for reason in found.reasons)
    return [
        f"{found.score:.2f}",
        translate(BAND_LABELS[found.band], lang),
        f"{found.record_id} ({found.name})",
        reasons,
    ]


def merge(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="firms or zones")],
    kept_id: Annotated[str, typer.Argument(help="ID of the record that stays")],
    merged_id: Annotated[str, typer.Argument(help="ID of the duplicate folded into it")],
) -> None:
    """Merge a duplicate into the record that stays (undo with `corridor unmerge`)."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        merge_id = open_app(current.settings).registry.merge_records(kind, kept_id, merged_id, current.settings.user)
    message = mark("Merged {merged} into {kept} (merge {merge_id}; undo with: corridor unmerge {merge_id})")
    text = translate(message, current.settings.lang).format(merged=merged_id, kept=kept_id, merge_id=merge_id)
    out.console().print(text, markup=False, highlight=False)


def unmerge(
    ctx: typer.Context,
    merge_id: Annotated[int, typer.Argument(help="the merge's number, shown by `corridor merge`")],
) -> None:
    """Undo a merge: both records come back as they were."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        undone = open_app(current.settings).registry.unmerge(merge_id, current.settings.user)
    message = translate(mark("Undid merge {merge_id}: {merged} and {kept} are separate again"), current.settings.lang)
    text = message.format(merge_id=merge_id, merged=undone["merged_id"], kept=undone["kept_id"])
    out.console().print(text, markup=False, highlight=False)
