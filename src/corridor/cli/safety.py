"""`corridor backup` and `corridor restore`: the whole database in one checked file, and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.errors import InvalidInput
from corridor.i18n import mark, translate

ONE_OF_OUT_OR_CHECK = mark("Give either --out FILE (write a backup) or --check FILE (verify one)")


def backup(
    ctx: typer.Context,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="backup file to write (.zip)")] = None,
    check: Annotated[Path | None, typer.Option("--check", help="verify this backup file; write nothing")] = None,
) -> None:
    """Back up every table to one file (consistent even during imports), or verify a backup with --check."""
    from corridor.bootstrap import backup_database, check_backup_file

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        if (out_path is None) == (check is None):
            raise InvalidInput(ONE_OF_OUT_OR_CHECK)
        if check is not None:
            manifest = check_backup_file(check)
            message, path = mark("{path}: intact; {tables} tables, {rows} rows, schema revision {revision}"), check
        else:
            assert out_path is not None
            manifest = backup_database(current.settings, out_path)
            message, path = (
                mark("Backed up {tables} tables, {rows} rows (schema revision {revision}) to {path}"),
                out_path,
            )
    out.console().print(
        translate(message, lang).format(
            path=path, tables=len(manifest.tables), rows=manifest.total_rows, revision=manifest.schema_revision
        ),
        markup=False,
    )


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="backup file written by 'corridor backup'")],
) -> None:
    """Restore a backup into an empty database (checked first; all or nothing), then upgrade its schema."""
    from corridor.bootstrap import restore_database

    current = state(ctx)
    with fail_on_error(current):
        manifest = restore_database(current.settings, file)
    message = mark("Restored {tables} tables, {rows} rows from {path} into {url}")
    out.console().print(
        translate(message, current.settings.lang).format(
            tables=len(manifest.tables), rows=manifest.total_rows, path=file, url=current.settings.db_url
        ),
        markup=False,
    )
