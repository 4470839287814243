"""Charts and static maps drawn offline with matplotlib: line and bar charts as SVG, point maps as PNG.

Charts set their text as paths (no font needed by the reader or the PDF engine); the fonts are the same Noto
faces as the text. Missing values are gaps in a line and absent bars, never zero.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from corridor.documents.fonts import bundled_font_dir, cjk_font_dirs, text_families
from corridor.documents.model import Image, nfc

__all__ = ["MapPoint", "bar_chart", "line_chart", "point_map"]

_DPI = 100
_MAP_DPI = 130


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    value: float | None  # None: drawn hollow, "no data" in the legend
    label: str = ""


@cache
def _pyplot(lang: str) -> Any:
    """matplotlib with the Agg backend and our fonts registered (imported lazily: it takes ~0.3 s)."""
    import matplotlib as mpl

    mpl.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for path in sorted(bundled_font_dir().glob("NotoSans-*.ttf")):
        font_manager.fontManager.addfont(str(path))
    for directory in cjk_font_dirs():
        for path in sorted(directory.glob("NotoSansCJK-*.ttc")):
            font_manager.fontManager.addfont(str(path))
    mpl.rcParams.update(
        {
            "svg.fonttype": "path",
            "svg.hashsalt": "corridor",  # the same chart gives the same bytes
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": _DPI,
        }
    )
    return plt


def _use_fonts(plt: Any, lang: str) -> None:
    plt.rcParams["font.family"] = ["sans-serif"]
    families = text_families(lang)
    # Text drawn as paths takes its glyphs from the first family only: for Korean, Japanese and Chinese the CJK face
    # comes first (it also draws every Vietnamese letter), or the CJK text would be missing from the chart.
    plt.rcParams["font.sans-serif"] = families[::-1] if len(families) > 1 and lang in {"ko", "ja", "zh"} else families


def _image(plt: Any, fig: Any, fmt: str) -> Image:
    buffer = io.BytesIO()
    dpi = _MAP_DPI if fmt == "png" else _DPI
    fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    width_in, height_in = fig.get_size_inches()
    plt.close(fig)
    return Image(buffer.getvalue(), fmt, int(width_in * dpi), int(height_in * dpi))


def line_chart(
    series: Mapping[str, Sequence[tuple[int, float | None]]],
    y_label: str,
    lang: str,
    size_in: tuple[float, float] = (7, 3.4),
) -> Image:
    """One line per series (year -> value); a None value breaks the line instead of dropping to zero."""
    plt = _pyplot(lang)
    _use_fonts(plt, lang)
    fig, ax = plt.subplots(figsize=size_in)
    for name, points in series.items():
        years = [year for year, _ in points]
        values = [float("nan") if value is None else value for _, value in points]
        ax.plot(years, values, marker="o", markersize=3, linewidth=1.4, label=nfc(name))
    ax.set_ylabel(nfc(y_label))
    ax.grid(axis="y", linewidth=0.4, alpha=0.6)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if series:
        ax.legend(fontsize=7, frameon=False, ncols=min(3, len(series)), loc="upper left", bbox_to_anchor=(0, -0.12))
    return _image(plt, fig, "svg")


def bar_chart(
    values: Mapping[str, float | None], x_label: str, no_data: str, lang: str, size_in: tuple[float, float] = (7, 3.2)
) -> Image:
    """Horizontal bars by category; a category without a value is written "no data" where its bar would be."""
    plt = _pyplot(lang)
    _use_fonts(plt, lang)
    fig, ax = plt.subplots(figsize=size_in)
    names = [nfc(name) for name in values]
    numbers = [0.0 if value is None else value for value in values.values()]
    bars = ax.barh(names, numbers, color="#2f6f8f")
    for bar, value in zip(bars, values.values(), strict=True):
        if value is None:
            bar.set_visible(False)
            ax.text(0, bar.get_y() + bar.get_height() / 2, " " + nfc(no_data), va="center", fontsize=7, color="#666")
    ax.invert_yaxis()
    ax.set_xlabel(nfc(x_label))
    ax.grid(axis="x", linewidth=0.4, alpha=0.6)
    return _image(plt, fig, "svg")


def point_map(
    boundaries: Mapping[str, Any],
    points: Sequence[MapPoint],
    value_label: str,
    no_data: str,
    lang: str,
    bbox: tuple[float, float, float, float],
    size_in: tuple[float, float] = (7, 5.2),
    annotate: bool = False,
) -> Image:
    """Points coloured by value over the polygons of a GeoJSON FeatureCollection, clipped to bbox (lon/lat);
    `annotate` writes each point's label beside it (for a few points: a zone and its hubs)."""
    plt = _pyplot(lang)
    _use_fonts(plt, lang)
    from matplotlib.collections import PolyCollection

    fig, ax = plt.subplots(figsize=size_in)
    rings = [
        ring
        for feature in boundaries.get("features", [])
        for ring in _outer_rings(feature.get("geometry"))
        if _overlaps(ring, bbox)  # rings outside the frame cost drawing time and show nothing
    ]
    ax.add_collection(PolyCollection(rings, facecolor="#f2efe9", edgecolor="#9a9a9a", linewidth=0.5))
    known = [p for p in points if p.value is not None]
    unknown = [p for p in points if p.value is None]
    if known:
        drawn = ax.scatter(
            [p.lon for p in known], [p.lat for p in known], c=[p.value for p in known], cmap="viridis_r", s=22,
            edgecolors="black", linewidths=0.3, zorder=3,
        )  # fmt: skip
        fig.colorbar(drawn, ax=ax, shrink=0.7, label=nfc(value_label))
    if unknown:
        ax.scatter([p.lon for p in unknown], [p.lat for p in unknown], facecolors="none", edgecolors="#c0392b", s=22,
                   linewidths=0.8, zorder=3, label=nfc(no_data))  # fmt: skip
        ax.legend(fontsize=7, loc="lower right")
    if annotate:
        for i, p in enumerate(points):
            # alternate above and below: a zone's hubs often lie close together
            ax.annotate(nfc(p.label), (p.lon, p.lat), xytext=(5, 4 if i % 2 == 0 else -10),
                        textcoords="offset points", fontsize=7, zorder=4)  # fmt: skip
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect(1.0 / 0.93)  # about 1/cos(21.5°): degrees of longitude are shorter at the corridor's latitude
    ax.set_xticks([])
    ax.set_yticks([])
    return _image(plt, fig, "png")


def _overlaps(ring: list[tuple[float, float]], bbox: tuple[float, float, float, float]) -> bool:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs) <= bbox[2] and max(xs) >= bbox[0] and min(ys) <= bbox[3] and max(ys) >= bbox[1]


def _outer_rings(geometry: Mapping[str, Any] | None) -> list[list[tuple[float, float]]]:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [[(x, y) for x, y, *_ in geometry["coordinates"][0]]]
    if geometry.get("type") == "MultiPolygon":
        return [[(x, y) for x, y, *_ in polygon[0]] for polygon in geometry["coordinates"]]
    return []
