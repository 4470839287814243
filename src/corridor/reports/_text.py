"""Figures as a reader sees them in the report: numbers in the language's format, each cited, unknown said plainly."""

from __future__ import annotations

from collections.abc import Iterable

from corridor.documents import Cited, Inline, Source, number
from corridor.i18n import mark, translate
from corridor.reports.indicators import Fact, Point

NO_DATA = mark("no data")
NOT_COMBINED = mark("not combined")


def source_of(fact: Fact) -> Source:
    return Source(fact.source_title, fact.source_url or "-", fact.as_of)


def sources_of(facts: Iterable[Fact]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(source_of(f) for f in facts))


def cited_point(point: Point | None, lang: str, digits: int = 2) -> Inline:
    """A series value with its sources; "no data" or "not combined" (never 0) when there is none."""
    if point is None:
        return translate(NO_DATA, lang)
    if point.value is None:
        refused = point.method == "refused"
        return translate(NOT_COMBINED if refused else NO_DATA, lang)
    return Cited(number(point.value, lang, digits), sources_of((*point.used, *point.weights)))


def cited_fact(fact: Fact | None, lang: str, digits: int = 2) -> Inline:
    if fact is None:
        return translate(NO_DATA, lang)
    return Cited(number(fact.value, lang, digits), (source_of(fact),))


_OLD_SUFFIX = " (pre-2025)"  # what AdminIndex.label adds to an old province's name that a new one took over
OLD_PROVINCE = mark("{name} (before 2025)")


def place_name(name: str, lang: str) -> str:
    """'Hải Phòng (pre-2025)' as the reader's language writes it: 'Hải Phòng (trước 2025)'."""
    if name.endswith(_OLD_SUFFIX):
        return translate(OLD_PROVINCE, lang).format(name=name.removesuffix(_OLD_SUFFIX))
    return name
