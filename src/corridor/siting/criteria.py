"""The criteria a zone is scored on: direction, unit, fixed bounds (for SPOTIS), and default weights per profile."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from corridor.errors import InvalidInput
from corridor.i18n import mark
from corridor.siting.brief import PROFILES, Brief

__all__ = ["CRITERIA", "CRITERION_IDS", "Criterion", "profile_weights", "weights_for", "weights_from_mapping"]

BAD_WEIGHT = mark("Weight of '{name}': expected a number from 0 to 100, got {value}")
UNKNOWN_CRITERION = mark("Unknown criterion '{name}' in the weights; known: {known}")
ALL_ZERO = mark("At least one weight must be greater than 0")


@dataclass(frozen=True)
class Criterion:
    """`benefit`: more is better. `low`/`high`: the range SPOTIS measures against, fixed in advance so that adding
    or removing a zone moves no other zone's score; values outside it count as the bound."""

    id: str
    label: str
    unit: str
    benefit: bool
    low: float
    high: float


CRITERIA: tuple[Criterion, ...] = (
    Criterion("port_time_h", mark("travel time to the nearest deep-sea port"), "h", False, 0.0, 24.0),
    Criterion("airport_time_h", mark("travel time to the nearest airport"), "h", False, 0.0, 24.0),
    Criterion("border_time_h", mark("travel time to the nearest border gate"), "h", False, 0.0, 48.0),
    Criterion("available_ha", mark("land still available"), "ha", True, 0.0, 300.0),
    Criterion("rent_usd_m2", mark("land rent"), "USD/m²", False, 30.0, 200.0),
    Criterion("occupancy_pct", mark("occupancy"), "%", True, 0.0, 100.0),
    Criterion("sector_fit", mark("tenants in related sectors"), "0-1", True, 0.0, 1.0),
    Criterion("supply_time_h", mark("travel time to suppliers and buyers"), "h", False, 0.0, 24.0),
    Criterion("green", mark("eco-industrial park"), "0-1", True, 0.0, 1.0),
    Criterion("incentives", mark("location incentives"), "0-1", True, 0.0, 1.0),
    Criterion("preferred_locality", mark("in a preferred locality"), "0-1", True, 0.0, 1.0),
)
CRITERION_IDS = tuple(c.id for c in CRITERIA)

# A brief that asks for a connection gets at least this weight on it, whatever the profile says.
MINIMUM_WHEN_ASKED = {"export_deep_sea": ("port_time_h", 15.0), "air_freight": ("airport_time_h", 10.0)}
MINIMUM_WHEN_ASKED |= {"china_trade": ("border_time_h", 10.0)}


def profile_weights(profile: str) -> dict[str, float]:
    """The default weights of a profile (weights.toml), in points; they are normalised to sum 1 when scoring."""
    text = resources.files("corridor.siting").joinpath("weights.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)["profiles"]
    if profile not in PROFILES:
        raise InvalidInput("Unknown profile '{name}'; choose one of {names}", name=profile, names=", ".join(PROFILES))
    return {c: float(table[profile].get(c, 0.0)) for c in CRITERION_IDS}


def weights_from_mapping(data: Mapping[str, Any], base: Mapping[str, float]) -> dict[str, float]:
    """`base` with the weights a user gave (criterion -> points, 0 to 100); unknown names are refused."""
    weights = dict(base)
    for name, value in data.items():
        if name not in weights:
            raise InvalidInput(UNKNOWN_CRITERION, name=name, known=", ".join(CRITERION_IDS))
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
            raise InvalidInput(BAD_WEIGHT, name=name, value=repr(value))
        weights[name] = float(value)
    if not any(weights.values()):
        raise InvalidInput(ALL_ZERO)
    return weights


def weights_for(brief: Brief, given: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The profile's weights, raised where the brief asks for a connection, zero for a criterion the brief makes
    moot (no preferred locality), then the user's own weights on top."""
    weights = profile_weights(brief.profile)
    for flag, (criterion, minimum) in MINIMUM_WHEN_ASKED.items():
        if getattr(brief, flag):
            weights[criterion] = max(weights[criterion], minimum)
    if not brief.preferred_localities:
        weights["preferred_locality"] = 0.0
    return weights_from_mapping(given or {}, weights)
