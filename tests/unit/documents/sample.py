"""A small hand-made document: Vietnamese and CJK text, a cited paragraph, a table, a chart and a map."""

from __future__ import annotations

from corridor.documents import (
    Cited,
    Document,
    Figure,
    Labels,
    MapPoint,
    Paragraph,
    Section,
    Source,
    Table,
    line_chart,
    point_map,
)

CAFEF = Source("GRDP bình quân đầu người (CafeF)", "https://cafef.vn/grdp.chn", "2025-02")
GSO = Source("Niên giám thống kê", "https://www.gso.gov.vn/", "2024")
# Decomposed marks (NFD), as some sources type them: the renderers must write them precomposed (NFC).
NFD_TITLE = "Ha\u0309i Phòng va\u0300 Quảng Ninh"
BOXES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
        [106.0, 20.5], [107.5, 20.5], [107.5, 21.5], [106.0, 21.5], [106.0, 20.5]]]}},
]}  # fmt: skip
LABELS_VI = Labels("Mục lục", "Hình", "Bảng", "Nguồn", "số liệu tại", "Trang")


def sample_document(lang: str = "vi", extra_text: str = "") -> Document:
    chart = line_chart({"Hải Phòng": [(2022, 10.0), (2023, None), (2024, 11.01)]}, "%", lang)
    points = [MapPoint(106.7, 20.9, 35.0, "A"), MapPoint(107.0, 21.0, None, "B")]
    drawn = point_map(BOXES, points, "phút", "chưa có số liệu", lang, (105.9, 20.4, 107.6, 21.6))
    economy = Section(
        NFD_TITLE,
        (
            Paragraph.of(
                "GRDP năm 2024 đạt ",
                Cited("347.000 tỷ đồng", (CAFEF,)),
                ", tăng ",
                Cited("8,42 %", (CAFEF, GSO)),
                ". " + extra_text,
            ),
            Table(
                "Tăng trưởng GRDP",
                ("Tỉnh", "2024"),
                (("Hải Phòng", Cited("11,01", (GSO,))), ("Quảng Ninh", "chưa có số liệu")),
                (False, True),
            ),
            Figure("Tăng trưởng GRDP Hải Phòng", chart, "Biểu đồ đường", (GSO,)),
            Figure("Thời gian đến cảng", drawn, "Bản đồ", (CAFEF,)),
        ),
        key="economy",
    )
    summary = Section("Tóm tắt", (Paragraph.of("Đường cao tốc phía Đông: ổn định, ẫ ặ ỡ."),), key="summary")
    return Document("Báo cáo kinh tế tiểu vùng", "Hành lang kinh tế", lang, "01/12/2026", LABELS_VI,
                    (summary, economy), ("Cục Thống kê",))  # fmt: skip
