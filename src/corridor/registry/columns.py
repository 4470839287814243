"""The columns of each importable kind: names in English and Vietnamese, types, limits and help text.

One specification drives the import validator, the downloadable templates and the exports, so the three
cannot drift apart. Column keys are the English names; a file may use either the key or the Vietnamese header.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = [
    "FIRM_COLUMNS",
    "INDICATOR_COLUMNS",
    "NODE_COLUMNS",
    "PRECISIONS",
    "ROLES",
    "STATUSES",
    "ZONE_COLUMNS",
    "ZONE_TYPES",
    "Column",
    "ColumnType",
    "exchange_columns",
]

ZONE_TYPES = ("KCN", "KKT", "CCN")
KKT_KINDS = ("coastal", "border_gate")
STATUSES = ("planned", "under_construction", "operating", "unknown")
PRECISIONS = ("site", "approximate", "ward", "district", "province", "unknown")
ROLES = ("lead_firm", "supplier", "logistics_provider", "developer")
# How firm files name the roles, in Vietnamese and English (folded: case and diacritics do not matter).
ROLE_SYNONYMS = (
    ("lead firm", "lead_firm"),
    ("anchor firm", "lead_firm"),
    ("doanh nghiệp dẫn dắt", "lead_firm"),
    ("doanh nghiệp đầu tàu", "lead_firm"),
    ("doanh nghiệp đầu chuỗi", "lead_firm"),
    ("supplier", "supplier"),
    ("vendor", "supplier"),
    ("nhà cung cấp", "supplier"),
    ("nhà cung ứng", "supplier"),
    ("doanh nghiệp phụ trợ", "supplier"),
    ("logistics", "logistics_provider"),
    ("logistics provider", "logistics_provider"),
    ("logistics service provider", "logistics_provider"),
    ("3pl", "logistics_provider"),
    ("freight forwarder", "logistics_provider"),
    ("forwarder", "logistics_provider"),
    ("dịch vụ logistics", "logistics_provider"),
    ("nhà cung cấp dịch vụ logistics", "logistics_provider"),
    ("giao nhận vận tải", "logistics_provider"),
    ("kho vận", "logistics_provider"),
    ("developer", "developer"),
    ("infrastructure developer", "developer"),
    ("park developer", "developer"),
    ("chủ đầu tư hạ tầng", "developer"),
    ("nhà phát triển khu công nghiệp", "developer"),
)
NODE_TYPES = (
    "seaport",
    "seaport_terminal",
    "berth",
    "port_zone",
    "airport",
    "border_gate",
    "rail_station",
    "icd",
    "river_port",
    "logistics_center",
    "city",
    "bridge",
    "interchange",
)
# Above this an area is absurd: the largest zone in the corridor, Vân Đồn EZ, is 217,100 ha (land + sea).
MAX_AREA_HA = 300_000.0
EXCHANGE_CATEGORIES = ("part", "material", "process", "service", "goods")


class ColumnType(Enum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    LAT = "lat"
    LON = "lon"
    PROVINCE = "province"
    ZONE = "zone"
    VSIC_LIST = "vsic_list"
    HS_LIST = "hs_list"
    TEXT_LIST = "text_list"
    TAX_CODE = "tax_code"
    FIRM = "firm"
    CERT_LIST = "cert_list"
    SOURCE_DATE = "source_date"


@dataclass(frozen=True)
class Column:
    key: str
    header_vi: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()  # (another way to write a choice, the choice)
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 2000
    help_en: str = ""
    help_vi: str = ""


_C = ColumnType

_SOURCE_COLUMNS = (
    Column(
        "source_title",
        "nguon",
        help_en="title of the cited page or document (default: the file itself)",
        help_vi="tên trang hoặc văn bản nguồn (mặc định: chính tệp này)",
    ),
    Column("source_url", "duong_dan_nguon", help_en="address of the source", help_vi="địa chỉ của nguồn"),
    Column(
        "source_date",
        "ngay_nguon",
        _C.SOURCE_DATE,
        help_en="date the source speaks for: YYYY, YYYY-MM, YYYY-MM-DD or 'unknown'",
        help_vi="ngày của nguồn: YYYY, YYYY-MM, YYYY-MM-DD hoặc 'unknown'",
    ),
)


def _area(key: str, header_vi: str) -> Column:
    return Column(key, header_vi, _C.NUMBER, min_value=0.0, max_value=MAX_AREA_HA)


ZONE_COLUMNS = (
    Column(
        "id",
        "ma",
        help_en="stable ID; empty: derived from the name",
        help_vi="mã ổn định; để trống: tạo từ tên",
    ),
    Column(
        "name_vi",
        "ten",
        required=True,
        max_length=300,
        help_en="name in Vietnamese",
        help_vi="tên tiếng Việt",
    ),
    Column("name_en", "ten_tieng_anh", max_length=300, help_en="name in English", help_vi="tên tiếng Anh"),
    Column(
        "zone_type",
        "loai",
        _C.CHOICE,
        choices=ZONE_TYPES,
        help_en="KCN, KKT or CCN",
        help_vi="KCN, KKT hoặc CCN",
    ),
    Column("kkt_kind", "loai_kkt", _C.CHOICE, choices=KKT_KINDS),
    Column("is_high_tech", "cong_nghe_cao", _C.BOOLEAN),
    Column("is_specialised", "chuyen_biet", _C.BOOLEAN),
    Column("is_eco", "sinh_thai", _C.BOOLEAN),
    Column("parent_zone", "thuoc_kkt", _C.ZONE, help_en="economic zone containing it", help_vi="KKT chứa khu này"),
    Column(
        "province",
        "tinh",
        _C.PROVINCE,
        help_en="province (old or new name)",
        help_vi="tỉnh (tên cũ hoặc mới)",
    ),
    Column("province_pre2025", "tinh_truoc_2025", _C.PROVINCE),
    Column("address", "dia_chi", max_length=500),
    Column("status", "trang_thai", _C.CHOICE, choices=STATUSES),
    Column("status_note", "ghi_chu_trang_thai", max_length=500),
    Column("developer", "chu_dau_tu", max_length=500),
    Column("established", "thanh_lap", max_length=300),
    Column("target_industries", "nganh_thu_hut", max_length=1000),
    Column("target_vsic", "ma_vsic", _C.VSIC_LIST),
    _area("area_ha", "dien_tich_ha"),
    _area("area_ha_max", "dien_tich_toi_da_ha"),
    _area("industrial_area_ha", "dien_tich_cong_nghiep_ha"),
    _area("leasable_ha", "dien_tich_cho_thue_ha"),
    Column(
        "leased_ha",
        "dien_tich_da_cho_thue_ha",
        _C.NUMBER,
        min_value=0.0,
        max_value=MAX_AREA_HA,
        help_en="land already leased (ha)",
        help_vi="diện tích đã cho thuê (ha)",
    ),
    Column(
        "available_ha",
        "dien_tich_con_trong_ha",
        _C.NUMBER,
        min_value=0.0,
        max_value=MAX_AREA_HA,
        help_en="land still available to lease, as the source states it (ha)",
        help_vi="diện tích đất còn trống để cho thuê, theo nguồn (ha)",
    ),
    Column(
        "available_derivation",
        "cach_tinh_dien_tich_con_trong",
        max_length=300,
        help_en="empty if the source states available_ha; else how it was computed from stated figures",
        help_vi="để trống nếu nguồn nêu diện tích còn trống; nếu không, cách tính từ số liệu đã nêu",
    ),
    Column("occupancy_pct", "ty_le_lap_day_pct", _C.NUMBER, min_value=0.0, max_value=100.0),
    Column("power_supply", "cap_dien"),
    Column("water_supply", "cap_nuoc"),
    Column("wastewater", "xu_ly_nuoc_thai"),
    Column("board_contact", "ban_quan_ly", max_length=500),
    Column("lat", "vi_do", _C.LAT),
    Column("lon", "kinh_do", _C.LON),
    Column("precision", "do_chinh_xac", _C.CHOICE, choices=PRECISIONS),
    Column("polygon_geojson", "ranh_gioi_geojson", max_length=1_000_000),
    Column("location_note", "ghi_chu_vi_tri", max_length=1000),
    Column("notes", "ghi_chu", max_length=2000),
    *_SOURCE_COLUMNS,
)

FIRM_COLUMNS = (
    Column("id", "ma"),
    Column("name", "ten", required=True, max_length=300),
    Column("tax_code", "ma_so_thue", _C.TAX_CODE, help_en="10 or 13 digits (MST)", help_vi="10 hoặc 13 số (MST)"),
    Column("origin_country", "quoc_gia", max_length=100),
    Column("province", "tinh", _C.PROVINCE),
    Column("zone", "khu", _C.ZONE),
    Column("address", "dia_chi", max_length=500),
    Column(
        "role",
        "vai_tro",
        _C.CHOICE,
        choices=ROLES,
        synonyms=ROLE_SYNONYMS,
        help_en="lead_firm, supplier, logistics_provider or developer (or e.g. 'logistics', 'nhà cung cấp')",
        help_vi="lead_firm, supplier, logistics_provider hoặc developer (hoặc vd. 'logistics', 'nhà cung cấp')",
    ),
    Column("sector", "linh_vuc", max_length=200),
    Column("vsic", "ma_vsic", _C.VSIC_LIST),
    Column("products_vi", "san_pham", max_length=2000),
    Column("products_en", "san_pham_tieng_anh", max_length=2000),
    Column("hs_codes", "ma_hs", _C.HS_LIST),
    Column("certifications", "chung_nhan", _C.CERT_LIST),
    Column("employees", "so_lao_dong", _C.INTEGER, min_value=0, max_value=1_000_000),
    Column("investment_usd", "von_dau_tu_usd", _C.NUMBER, min_value=0, max_value=1e11),
    Column("year", "nam", _C.INTEGER, min_value=1900, max_value=2100),
    Column("lat", "vi_do", _C.LAT),
    Column("lon", "kinh_do", _C.LON),
    Column("notes", "ghi_chu", max_length=2000),
    *_SOURCE_COLUMNS,
)

NODE_COLUMNS = (
    Column("id", "ma"),
    Column("name", "ten", required=True, max_length=300),
    Column("node_type", "loai", _C.CHOICE, required=True, choices=NODE_TYPES),
    Column("status", "trang_thai", max_length=100),
    Column("province", "tinh", _C.PROVINCE),
    Column("lat", "vi_do", _C.LAT),
    Column("lon", "kinh_do", _C.LON),
    Column("precision", "do_chinh_xac", _C.CHOICE, choices=PRECISIONS),
    Column("attributes", "thuoc_tinh", max_length=2000),
    Column("notes", "ghi_chu", max_length=2000),
    *_SOURCE_COLUMNS,
)

INDICATOR_COLUMNS = (
    Column("locality", "dia_phuong", _C.PROVINCE, required=True),
    Column("year", "nam", _C.INTEGER, min_value=1900, max_value=2100),
    Column("indicator", "chi_tieu", required=True, max_length=200),
    Column("value", "gia_tri", _C.NUMBER, required=True),
    Column("unit", "don_vi", required=True, max_length=50),
    Column("note", "ghi_chu", max_length=1000),
    Column("status", "trang_thai", max_length=200),
    *_SOURCE_COLUMNS,
)


def exchange_columns(*, offer: bool) -> tuple[Column, ...]:
    """Needs (what a firm buys) and offers (what it supplies) share their columns; offers add capacity."""
    extra = (
        (
            Column("capacity", "cong_suat", _C.NUMBER, min_value=0.0, max_value=1e12),
            Column("lead_time_days", "thoi_gian_giao_ngay", _C.INTEGER, min_value=0, max_value=3650),
        )
        if offer
        else (Column("deadline", "han_chot", _C.SOURCE_DATE, help_en="YYYY-MM-DD"),)
    )
    return (
        Column("id", "ma"),
        Column("firm", "doanh_nghiep", _C.FIRM, required=True, help_en="firm ID or name", help_vi="mã hoặc tên DN"),
        Column("text_vi", "mo_ta", max_length=1000, help_en="what, in Vietnamese", help_vi="mô tả tiếng Việt"),
        Column("text_en", "mo_ta_tieng_anh", max_length=1000, help_en="what, in English", help_vi="mô tả tiếng Anh"),
        Column("category", "nhom", _C.CHOICE, choices=EXCHANGE_CATEGORIES),
        Column("hs_codes", "ma_hs", _C.HS_LIST),
        Column("vsic", "ma_vsic", _C.VSIC_LIST),
        Column("quantity", "so_luong", _C.NUMBER, min_value=0.0, max_value=1e12),
        Column("unit", "don_vi", max_length=50),
        Column("certifications", "chung_nhan", _C.CERT_LIST),
        Column("place", "dia_diem", _C.PROVINCE, help_en="delivery or supply province", help_vi="tỉnh giao/nhận"),
        *extra,
        Column("notes", "ghi_chu", max_length=2000),
        *_SOURCE_COLUMNS,
    )
