"""Upload limits, checked in one place for the command line and the API before any parser sees a file.

Bytes and content are checked first (`check_file`), XLSX archives from their zip central directory alone, so a
zip bomb is refused without inflating a byte; rows, columns and cell lengths while the table is read
(`check_row_count`, `check_columns`, `check_cell`).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from corridor.errors import ImportRejected, RowError, UnsupportedContent, UploadTooLarge
from corridor.i18n import mark

__all__ = [
    "ACCEPTED_CONTENT_TYPES",
    "UploadLimits",
    "check_cell",
    "check_columns",
    "check_declared_type",
    "check_file",
    "check_row_count",
    "copy_upload",
    "upload_file_name",
]

_MB = 1024 * 1024
_CHUNK_BYTES = 64 * 1024
_XLSX_WORKBOOK_PART = "xl/workbook.xml"
_ZIP_MAGIC = b"PK\x03\x04"
_NESTED_ARCHIVE_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".docx", ".jar", ".gz", ".7z", ".rar")
# a member smaller than this may compress as well as it likes: tiny XML parts routinely reach ratios over 100
_RATIO_FLOOR_BYTES = 1 * _MB

# Content types a browser or client may declare for each suffix; generic ones are allowed because many clients
# send application/octet-stream for every file (the content itself is checked anyway).
_GENERIC = frozenset({"application/octet-stream", ""})
ACCEPTED_CONTENT_TYPES: dict[str, frozenset[str]] = {
    ".csv": _GENERIC | {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"},
    ".xlsx": _GENERIC | {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".geojson": _GENERIC | {"application/geo+json", "application/json", "text/plain"},
    ".json": _GENERIC | {"application/geo+json", "application/json", "text/plain"},
}


@dataclass(frozen=True)
class UploadLimits:
    """What one import file may hold (settings CORRIDOR_MAX_UPLOAD_MB, CORRIDOR_MAX_IMPORT_ROWS,
    CORRIDOR_MAX_CELL_CHARS, CORRIDOR_MAX_IMPORT_COLUMNS)."""

    max_bytes: int = 20 * _MB
    max_rows: int = 200_000
    max_cell_chars: int = 10_000
    max_columns: int = 200
    # an XLSX is a zip: what it may expand to, how far one member may expand, how many members it may have
    max_expanded_bytes: int = 200 * _MB
    max_compression_ratio: int = 100
    max_zip_members: int = 1_000

    @property
    def max_mb(self) -> float:
        return round(self.max_bytes / _MB, 2)


def copy_upload(source: BinaryIO, target: Path, limits: UploadLimits, file_name: str) -> None:
    """Copy an uploaded stream to disk in chunks, stopping as soon as it passes the byte limit."""
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK_BYTES):
            written += len(chunk)
            if written > limits.max_bytes:
                raise _too_many_bytes(file_name, limits)
            out.write(chunk)


def upload_file_name(client_name: str | None) -> str:
    """The name an uploaded file is saved and reported under: the client's base name with only safe characters
    (never a path, never empty), keeping the suffix that decides how it is read."""
    base = Path((client_name or "").replace("\\", "/")).name
    safe = "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in base).strip(". ")
    return safe[:120] or "upload"


def check_declared_type(file_name: str, content_type: str | None) -> None:
    """The content type a client declared must be one that fits the file's suffix."""
    suffix = Path(file_name).suffix.lower()
    declared = (content_type or "").split(";", 1)[0].strip().lower()
    accepted = ACCEPTED_CONTENT_TYPES.get(suffix)
    if accepted is not None and declared not in accepted:
        raise UnsupportedContent(
            mark("{file}: declared as '{declared}', which is not a {suffix} file; expected one of {expected}"),
            file=file_name,
            declared=declared,
            suffix=suffix,
            expected=", ".join(sorted(t for t in accepted if t)),
        )


def check_file(path: Path, limits: UploadLimits) -> None:
    """Size and content before parsing: the bytes must be what the suffix says; an XLSX's zip must be sane."""
    if path.stat().st_size > limits.max_bytes:
        raise _too_many_bytes(path.name, limits)
    with path.open("rb") as handle:
        head = handle.read(4)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _check_xlsx_archive(path, head, limits)
    elif _looks_binary(head, _sample(path)):
        raise UnsupportedContent(
            mark("{file}: the content is binary (a spreadsheet or archive?), not {suffix} text"),
            file=path.name,
            suffix=suffix,
        )


def _looks_binary(head: bytes, sample: bytes) -> bool:
    """A zip, or NUL bytes in text that is not UTF-16 (which has NULs but starts with its byte order mark)."""
    if head.startswith(_ZIP_MAGIC):
        return True
    return b"\x00" in sample and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _sample(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_CHUNK_BYTES)


def _too_many_bytes(file_name: str, limits: UploadLimits) -> UploadTooLarge:
    return UploadTooLarge(
        mark("{file}: the file is larger than the limit of {max_mb} MB; split it into smaller files"),
        file=file_name,
        max_mb=limits.max_mb,
    )


def _check_xlsx_archive(path: Path, head: bytes, limits: UploadLimits) -> None:
    """Reads only the zip's central directory. Its declared sizes can be trusted as bounds: Python's zipfile stops
    inflating a member at its declared size (and fails its CRC check), so a member cannot expand past them."""
    if not head.startswith(_ZIP_MAGIC) or not zipfile.is_zipfile(path):
        raise UnsupportedContent(mark("{file}: not an Excel .xlsx file (an .xlsx is a zip archive)"), file=path.name)
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise UploadTooLarge(
            mark("{file}: the workbook has {count} parts, more than the limit of {max}"),
            file=path.name,
            count=len(members),
            max=limits.max_zip_members,
        )
    if _XLSX_WORKBOOK_PART not in {m.filename for m in members}:
        raise UnsupportedContent(
            mark("{file}: a zip archive but not an Excel workbook (no {part})"),
            file=path.name,
            part=_XLSX_WORKBOOK_PART,
        )
    for member in members:
        _check_member(path.name, member, limits)
    expanded = sum(m.file_size for m in members)
    if expanded > limits.max_expanded_bytes:
        raise _expands_too_far(path.name, expanded, limits)


def _check_member(file_name: str, member: zipfile.ZipInfo, limits: UploadLimits) -> None:
    if member.filename.lower().endswith(_NESTED_ARCHIVE_SUFFIXES):
        raise UnsupportedContent(
            mark("{file}: the workbook holds another archive ({part}); remove it and save again"),
            file=file_name,
            part=member.filename,
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
        raise _expands_too_far(file_name, member.file_size, limits)


def _expands_too_far(file_name: str, expanded_bytes: int, limits: UploadLimits) -> UploadTooLarge:
    return UploadTooLarge(
        mark(
            "{file}: the workbook expands to {expanded_mb} MB (or more than {ratio} times its size); "
            "the limit is {max_mb} MB. Save it again from Excel, or split it"
        ),
        file=file_name,
        expanded_mb=round(expanded_bytes / _MB, 1),
        ratio=limits.max_compression_ratio,
        max_mb=round(limits.max_expanded_bytes / _MB, 1),
    )


def check_row_count(file_name: str, rows: int, limits: UploadLimits) -> None:
    """Called as rows are read, so that reading stops at the first row over the limit."""
    if rows > limits.max_rows:
        raise UploadTooLarge(
            mark("{file}: more than {max} rows; split it into smaller files"), file=file_name, max=limits.max_rows
        )


def check_columns(file_name: str, headers: list[str], limits: UploadLimits) -> None:
    if len(headers) > limits.max_columns:
        raise UploadTooLarge(
            mark("{file}: {count} columns, more than the limit of {max}"),
            file=file_name,
            count=len(headers),
            max=limits.max_columns,
        )


def check_cell(file_name: str, row: int, column: str, value: str, limits: UploadLimits) -> None:
    if len(value) > limits.max_cell_chars:
        expected = RowError(
            file_name,
            row,
            column,
            value[:40] + "…",
            mark("at most {max} characters (this cell has {count})"),
            {"max": limits.max_cell_chars, "count": len(value)},
        )
        raise ImportRejected(file_name, [expected])
