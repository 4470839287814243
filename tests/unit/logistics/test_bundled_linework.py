"""The bundled junction network (data/transport/junctions.csv and arcs.csv): whole, sourced and small."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict

from corridor.bootstrap import App
from corridor.logistics.bundled import read_linework
from corridor.reference.loading import DATA, read_csv


def test_every_arc_joins_two_bundled_junctions_and_carries_its_source_licence_and_date() -> None:
    linework = read_linework()
    junctions = {j.id for j in linework.junctions}
    assert len(linework.arcs) > 250 and len(junctions) > 250
    assert all(arc.a in junctions and arc.b in junctions for arc in linework.arcs)
    rows = list(read_csv(DATA / "transport" / "arcs.csv"))
    assert all(row["source_title"] and row["source_url"] and row["licence"] and row["source_date"] for row in rows)
    licences = Counter(row["licence"] for row in rows)
    assert set(licences) == {
        "roads: CTU-SematX LegoCity, CC BY-SA 4.0",
        "railways: © OpenStreetMap contributors, ODbL 1.0",
    }
    assert "OpenStreetMap" in linework.attribution and "LegoCity" in linework.attribution


def test_arcs_keep_their_geometry_and_a_length_no_shorter_than_the_line_between_their_ends() -> None:
    linework = read_linework()
    at = {j.id: (j.lon, j.lat) for j in linework.junctions}
    for arc in linework.arcs:
        assert arc.coordinates is not None and len(arc.coordinates) >= 2
        assert arc.length_basis == "measured" and arc.length_km > 0
        start, end = arc.coordinates[0], arc.coordinates[-1]
        assert abs(start[0] - at[arc.a][0]) < 1e-4 and abs(end[1] - at[arc.b][1]) < 1e-4


def test_the_main_railway_lines_are_kept_and_the_files_stay_small() -> None:
    names = {arc.name for arc in read_linework().arcs if arc.mode == "rail"}
    assert {"Đường sắt Hà Nội - Lào Cai", "Đường sắt Hà Nội - Hải Phòng", "Đường sắt Kép-Cái Lân"} <= names
    sizes = [(DATA / "transport" / name).stat().st_size for name in ("arcs.csv", "junctions.csv")]
    assert sum(sizes) < 1_000_000


def test_the_network_version_is_the_hash_of_every_node_and_link_as_asdict_writes_them(loaded_app: App) -> None:
    """The fingerprint skips asdict's deep copy of the linework; the version it gives must stay the same."""
    network = loaded_app.logistics().base
    written = [sorted(map(str, network.nodes.values())), [asdict(link) for link in network.links]]
    payload = json.dumps(written, sort_keys=True, default=str)
    assert any(link.class_tolls for link in network.links) and any(link.coordinates for link in network.links)
    assert network.fingerprint() == hashlib.sha256(payload.encode()).hexdigest()[:16]
