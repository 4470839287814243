"""Vietnamese labels for English words that come from the sources: countries, sectors, indicators, units.

These are data, not our words, so the original stays in the data and in the JSON API; pages and CLI tables
show `term_label(text, lang)`. A value is labelled only when every part of it is in the glossary below (parts
split at ' / ', ' & ' and one bracketed remark); otherwise it is shown as the source wrote it, so a name is
never mistranslated. The Vietnamese of each term is in the catalog (country names as the Ministry of Foreign
Affairs writes them; sector, indicator and unit words as the GSO's statistical yearbooks word them).
"""

from __future__ import annotations

import re

from corridor.i18n import mark, translate

__all__ = ["TERMS", "term_label"]

_COUNTRIES = (
    mark("Japan"),
    mark("South Korea"),
    mark("Vietnam"),
    mark("Taiwan"),
    mark("China"),
    mark("United States"),
    mark("Germany"),
    mark("Netherlands"),
    mark("Hong Kong"),
    mark("Samoa"),
    mark("Singapore"),
    mark("Hong Kong investor"),
    mark("company registration as stated"),
)
_SECTORS = (
    mark("manufacturing"),
    mark("electronics"),
    mark("machinery"),
    mark("auto parts"),
    mark("petroleum"),
    mark("automotive"),
    mark("supporting industry"),
    mark("components"),
    mark("supplier"),
    mark("EMS"),
    mark("building materials"),
    mark("office equipment"),
    mark("solar"),
    mark("petrochemicals"),
    mark("real estate"),
    mark("IP developer"),
    mark("electronic components"),
    mark("automotive parts"),
    mark("home appliances"),
    mark("displays"),
    mark("rubber"),
    mark("logistics"),
    mark("chemicals"),
    mark("materials"),
    mark("telecom"),
    mark("textiles"),
    mark("apparel"),
    mark("consumer goods"),
    mark("metals"),
    mark("electronics parts"),
    mark("PCB"),
    mark("fertiliser"),
    mark("LG vendor"),
    mark("glass"),
    mark("plastics"),
    mark("technical textiles"),
    mark("tools"),
    mark("precision components"),
    mark("automotive electronics"),
    mark("steel"),
    mark("logistics real estate"),
    mark("electrical equipment"),
    mark("industrial real estate"),
    mark("computers"),
    mark("peripherals"),
    mark("medical devices"),
    mark("food processing"),
    mark("garments"),
    mark("toys"),
    mark("packaging"),
    mark("construction materials"),
    mark("pharmaceuticals"),
    mark("nutraceuticals"),
    mark("3PL"),
    mark("ICD"),
    mark("supporting industry – mould making"),
)
_INDICATORS = (
    mark("GRDP growth"),
    mark("GRDP (current prices)"),
    mark("GRDP per capita"),
    mark("FDI attracted (registered)"),
    mark("Operating industrial parks"),
    mark("Labour productivity"),
    mark("Realised investment"),
    mark("GRDP growth H1"),
    mark("GRDP growth Q1"),
    mark("FDI projects in IPs (valid)"),
    mark("Industrial parks (count)"),
    mark("Industrial parks (area)"),
    mark("Industrial clusters (count)"),
    mark("Industrial clusters (area)"),
    mark("Planned IP area (all listed KCN)"),
    mark("Population"),
    # Round 5: provincial series and the PCI with its sub-indices (economy/province_timeseries.csv, pci_scores.csv)
    mark("Exports"),
    mark("FDI registered"),
    mark("GRDP constant 2010 prices"),
    mark("GRDP current prices"),
    mark("GRDP growth (annual average)"),
    mark("PCI"),
    mark("PCI rank"),
    mark("PCI: Access to land"),
    mark("PCI: Business support policy"),
    mark("PCI: Business support policy rank"),
    mark("PCI: Entry costs"),
    mark("PCI: Informal charges"),
    mark("PCI: Informal charges rank"),
    mark("PCI: Labor policy (training)"),
    mark("PCI: Law & order (legal institutions)"),
    mark("PCI: Policy bias (fair competition)"),
    mark("PCI: Proactivity"),
    mark("PCI: Time costs"),
    mark("PCI: Time costs rank"),
    mark("PCI: Transparency"),
    mark("PGI rank"),
)
_UNITS = (
    mark("billion VND"),
    mark("million USD"),
    mark("million VND"),
    mark("million VND/person"),
    mark("projects"),
    mark("persons"),
)
TERMS = frozenset(_COUNTRIES + _SECTORS + _INDICATORS + _UNITS)
_SEPARATORS = re.compile(r"( / | & )")
_REMARK = re.compile(r"^(?P<head>.+?) \((?P<remark>[^()]+)\)$")


def term_label(text: str | None, lang: str) -> str | None:
    """`text` in `lang` when all its parts are known terms ('Japan / Vietnam' -> 'Nhật Bản / Việt Nam'), else as is."""
    if not text or lang == "en":
        return text
    labelled = _label_with_remark(text.strip(), lang)
    return labelled if labelled is not None else text


def _label_with_remark(text: str, lang: str) -> str | None:
    if text in TERMS:
        return translate(text, lang)
    remark = _REMARK.match(text)
    if remark and not _SEPARATORS.search(remark["remark"]):
        head, note = _label_parts(remark["head"], lang), _label_parts(remark["remark"], lang)
        return f"{head} ({note})" if head is not None and note is not None else None
    return _label_parts(text, lang)


def _label_parts(text: str, lang: str) -> str | None:
    parts = _SEPARATORS.split(text)
    words = parts[::2]
    if not all(word in TERMS for word in words):
        return None
    return "".join(translate(p, lang) if i % 2 == 0 else p for i, p in enumerate(parts))
