"""The bundled link table (data/transport/links.csv), built from the research files by scripts/build_dataset.py."""

from __future__ import annotations

from corridor.reference.loading import DATA, read_csv

__all__ = ["read_link_rows"]


def read_link_rows() -> list[dict[str, str]]:
    return list(read_csv(DATA / "transport" / "links.csv"))
