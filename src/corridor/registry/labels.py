"""Labels for the codes of the data (status, precision, types, roles...), in the reader's language.

The JSON API keeps the codes; pages and CLI tables show `code_label(field, code, lang)`. A label is a catalog
message: a code itself where the English catalog words it ("icd" -> "inland container depot"), or an English
phrase where the bare code would clash with another message ("province" as a precision is "province only").
A code without a label (new data) is shown as it is.
"""

from __future__ import annotations

from corridor.i18n import Message, mark, translate

__all__ = ["CODE_LABELS", "code_label", "column_code_field", "field_label", "kind_name", "leg_mode_label"]

_NODE_TYPES = {
    code: code
    for code in (
        mark("seaport"),
        mark("seaport_terminal"),
        mark("berth"),
        mark("port_zone"),
        mark("airport"),
        mark("border_gate"),
        mark("rail_station"),
        mark("icd"),
        mark("river_port"),
        mark("logistics_center"),
        mark("city"),
        mark("bridge"),
        mark("interchange"),
    )
}
_ROLES = {code: code for code in (mark("lead_firm"), mark("supplier"), mark("logistics_provider"), mark("developer"))}
_HUB_CLASSES = {
    code: code for code in (mark("deep_sea_port"), mark("airport"), mark("border_gate"), mark("rail_terminal"))
}

# Record fields the pages label with field_label (the English catalog words them: 'parent_zone' -> 'Inside economic
# zone'); marked here so that every language's catalog holds them.
RECORD_FIELDS = (
    mark("attributes"),
    mark("basis"),
    mark("co2e_kg"),
    mark("cost_vnd"),
    mark("employees"),
    mark("from"),
    mark("id"),
    mark("investment_usd"),
    mark("kkt_kind"),
    mark("lat"),
    mark("lon"),
    mark("mode"),
    mark("name_en"),
    mark("origin_country"),
    mark("parent_zone"),
    mark("place"),
    mark("products_en"),
    mark("products_vi"),
    mark("province_2025"),
    mark("role"),
    mark("sector"),
    mark("status_note"),
    mark("tax_code"),
    mark("to"),
    mark("updated_at"),
    mark("updated_by"),
    mark("year"),
    mark("zone"),
)

CODE_LABELS: dict[str, dict[str, str]] = {
    "status": {
        "planned": mark("planned"),
        "under_construction": mark("under construction"),
        "operating": mark("operating"),
        "operating (to relocate)": mark("operating (to be relocated)"),
        "closed": mark("closed"),
        "unknown": mark("unknown"),
    },
    "precision": {
        "site": mark("on site"),
        "approximate": mark("approximate (within a few km)"),
        "ward": mark("ward centroid"),
        "district": mark("former district (coarse)"),
        "province": mark("province only (no point)"),
        "unknown": mark("unknown"),
    },
    "zone_type": {
        "KCN": mark("industrial park (KCN)"),
        "KKT": mark("economic zone (KKT)"),
        "CCN": mark("industrial cluster (CCN)"),
    },
    "kkt_kind": {"coastal": mark("coastal economic zone"), "border_gate": mark("border-gate economic zone")},
    "node_type": _NODE_TYPES,
    "role": _ROLES,
    "hub_class": _HUB_CLASSES,
    "category": {
        "part": mark("part"),
        "material": mark("material"),
        "process": mark("process (outsourced work)"),
        "service": mark("service"),
        "goods": mark("goods"),
    },
    "mode": {
        "road": mark("road"),
        "rail": mark("rail"),
        "waterway": mark("waterway"),
        "sea": mark("sea"),
        "transfer": mark("transfer"),
        "border dwell": mark("border dwell"),
        "access": mark("access"),
    },
    "link_class": {
        "national road": mark("national road"),
        "provincial road": mark("provincial road"),
        "district road": mark("district road"),
        "expressway": mark("expressway"),
        "cross-border bridge": mark("cross-border bridge"),
        "cross-border floating bridge": mark("cross-border floating bridge"),
        "approach road": mark("approach road"),
        "access": mark("access link (estimated)"),
        "metre gauge": mark("metre gauge"),
        "standard gauge": mark("standard gauge"),
        "dual gauge": mark("dual gauge"),
        "gauge unknown": mark("railway (gauge not known)"),
        "container barge route": mark("container barge route"),
    },
}


def code_label(field: str, code: str | None, lang: str) -> str:
    """The label of `code` (a value of `field`) in `lang`; 'unknown' for None; the code itself when unlabelled."""
    if code is None or code == "":
        return translate("unknown", lang)
    message = CODE_LABELS.get(field, {}).get(code)
    return translate(message, lang) if message else code


# Field keys shown to people (import columns, a source's list of the fields it states), marked for the catalog.
FIELD_KEYS = (
    mark("name_vi"),
    mark("zone_type"),
    mark("node_type"),
    mark("is_high_tech"),
    mark("is_specialised"),
    mark("is_eco"),
    mark("target_vsic"),
    mark("power_supply"),
    mark("water_supply"),
    mark("wastewater"),
    mark("polygon_geojson"),
    mark("location_note"),
    mark("source_title"),
    mark("source_url"),
    mark("source_date"),
    mark("vsic"),
    mark("hs_codes"),
    mark("certifications"),
    mark("leased_ha"),
    mark("available_ha"),
    mark("available_basis"),
    mark("available_derivation"),
    # needs and offers (the firm's edit form)
    mark("text_vi"),
    mark("text_en"),
    mark("category"),
    mark("quantity"),
    mark("unit"),
    mark("capacity"),
    mark("lead_time_days"),
    mark("deadline"),
)


def field_label(key: str, lang: str) -> str:
    """The label of a record field ('area_ha' -> 'diện tích (ha)')."""
    return translate(key, lang)


# Table columns whose values are codes, and the field of CODE_LABELS that labels them ("type" depends on the kind).
_CODE_COLUMNS = {"status": "status", "precision": "precision", "role": "role", "kkt_kind": "kkt_kind"}
_TYPE_FIELDS = {"zones": "zone_type", "nodes": "node_type", "needs": "category", "offers": "category"}


def column_code_field(kind: str, column: str) -> str | None:
    """Which CODE_LABELS field labels `column` of `kind` in a table, or None when it holds no code."""
    if column == "type":
        return _TYPE_FIELDS.get(kind)
    return _CODE_COLUMNS.get(column)


# The name of one record and of several, for messages ("No zone matches 'x'"; "zones cannot be sorted by...").
# Their own message ids: "zone" alone is a column heading ("Zone" in English).
_KIND_NAMES = {
    "zones": (mark("kind:zone"), mark("kind:zones")),
    "firms": (mark("kind:firm"), mark("kind:firms")),
    "nodes": (mark("kind:node"), mark("kind:nodes")),
    "needs": (mark("kind:need"), mark("kind:needs")),
    "offers": (mark("kind:offer"), mark("kind:offers")),
    "indicators": (mark("kind:indicator"), mark("kind:indicators")),
}


def kind_name(kind: str, *, plural: bool = False) -> Message | str:
    """A record kind's name as a Message, rendered in the reader's language with the rest of the text."""
    names = _KIND_NAMES.get(kind)
    return Message(names[plural]) if names else kind


def leg_mode_label(mode: str, lang: str) -> str:
    """A route leg's 'mode/link class' ('road/national road') as labels ('đường bộ / quốc lộ')."""
    mode_code, _, link_class = mode.partition("/")
    shown = " → ".join(code_label("mode", part, lang) for part in mode_code.split("->"))
    return f"{shown} / {code_label('link_class', link_class, lang)}" if link_class else shown
