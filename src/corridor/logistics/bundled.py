"""The bundled tables: links (data/transport/links.csv) and the junction network (junctions.csv, arcs.csv),
built from the research files by scripts/build_dataset.py."""

from __future__ import annotations

from dataclasses import dataclass

import polyline

from corridor.logistics.network import Link, Node
from corridor.reference.loading import DATA, read_csv

__all__ = ["Linework", "read_linework", "read_link_rows"]

GEOMETRY_PRECISION = 5  # decimals of the encoded polylines (about 1 m)


@dataclass(frozen=True)
class Linework:
    """The junction network: junctions (nodes of kind 'junction') and arcs (links with their geometry)."""

    junctions: tuple[Node, ...]
    arcs: tuple[Link, ...]
    attribution: str  # the credit every map, route and export of the network shows (licences of the linework)


def read_link_rows() -> list[dict[str, str]]:
    return list(read_csv(DATA / "transport" / "links.csv"))


def read_linework() -> Linework:
    junctions = tuple(
        Node(row["id"], row["name"] or row["id"], "junction", float(row["lat"]), float(row["lon"]))
        for row in read_csv(DATA / "transport" / "junctions.csv")
    )
    rows = list(read_csv(DATA / "transport" / "arcs.csv"))
    arcs = tuple(_arc(row) for row in rows)
    return Linework(junctions, arcs, " · ".join(sorted({row["licence"] for row in rows})))


def _arc(row: dict[str, str]) -> Link:
    coordinates = tuple((lon, lat) for lat, lon in polyline.decode(row["geometry"], GEOMETRY_PRECISION))
    return Link(
        id=row["id"],
        a=row["from_junction"],
        b=row["to_junction"],
        mode=row["mode"],
        link_class=row["link_class"],
        length_km=float(row["length_km"]),
        length_basis="measured",
        name=row["name"] or row["ref"],
        source=f"{row['source_title']} {row['source_url']} ({row['licence']}; as of {row['source_date']})",
        coordinates=coordinates,
    )
