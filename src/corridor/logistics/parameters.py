"""The routing parameters (speeds, costs, emission intensities, transfers, border dwell) from a TOML file."""

from __future__ import annotations

import hashlib
import math
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeGuard

from corridor.errors import CorridorError
from corridor.i18n import Message

__all__ = ["MODES", "Parameters", "Profile", "load_parameters"]

MODES = ("road", "rail", "sea", "waterway")
DEFAULT_FILE = resources.files("corridor.logistics") / "parameters.toml"


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    modes: frozenset[str]
    toll_class: str | None = None  # the vehicle class whose tolls its road links charge (None: no tolls apply)


@dataclass(frozen=True)
class Parameters:
    version: str
    fingerprint: str  # sha256 of the file: cache key
    default_cargo_t: float
    detour: dict[str, float]
    speed_kph: dict[str, float]
    cost_vnd_per_tkm: dict[str, float]
    co2e_g_per_tkm: dict[str, float]
    co2e_method: str
    transfer_time_h: float
    transfer_cost_vnd: float
    transfer_co2e_kg_per_t: float
    transfer_allowed_at: frozenset[str]
    border_dwell_h: float
    border_cost_vnd: float
    profiles: dict[str, Profile]
    hubs: dict[str, list[str]]
    localities: dict[str, str]  # locality name -> node standing for it
    bases: dict[str, str]  # section -> where its values come from

    def speed(self, mode: str, link_class: str) -> float:
        key = f"{mode}/{link_class}"
        if key in self.speed_kph:
            return self.speed_kph[key]
        fallbacks = [v for k, v in self.speed_kph.items() if k.startswith(f"{mode}/")]
        return min(fallbacks)

    def profile(self, name: str) -> Profile:
        if name not in self.profiles:
            raise CorridorError(
                "Unknown profile '{name}'; choose one of {names}", name=name, names=", ".join(self.profiles)
            )
        return self.profiles[name]


def load_parameters(path: Path | None = None) -> Parameters:
    """Read and check a parameter file (the bundled one by default); errors name the file and the key."""
    name = str(path) if path else "parameters.toml (bundled)"
    raw = path.read_bytes() if path else DEFAULT_FILE.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CorridorError("{file}: not a valid TOML file ({reason})", file=name, reason=str(error)) from error
    reader = _Reader(name, data)
    return Parameters(
        version=reader.text("version"),
        fingerprint=hashlib.sha256(raw).hexdigest(),
        default_cargo_t=reader.positive("shipment.default_cargo_t"),
        detour=reader.table_of_numbers("detour", minimum=1.0),
        speed_kph=reader.table_of_numbers("speed_kph", minimum=0.1),
        cost_vnd_per_tkm=reader.table_of_numbers("cost_vnd_per_tkm", minimum=0.0),
        co2e_g_per_tkm=reader.table_of_numbers("co2e_g_per_tkm", minimum=0.0),
        co2e_method=reader.text("co2e_g_per_tkm.method"),
        transfer_time_h=reader.positive("transfer.time_h", allow_zero=True),
        transfer_cost_vnd=reader.positive("transfer.cost_vnd", allow_zero=True),
        transfer_co2e_kg_per_t=reader.positive("transfer.co2e_kg_per_t", allow_zero=True),
        transfer_allowed_at=frozenset(reader.list_of_text("transfer.allowed_at")),
        border_dwell_h=reader.positive("border.dwell_h", allow_zero=True),
        border_cost_vnd=reader.positive("border.cost_vnd", allow_zero=True),
        profiles=reader.profiles(),
        hubs={k: list(v) for k, v in reader.section("hubs").items() if isinstance(v, list)},
        localities={k: str(v) for k, v in reader.section("localities").items() if k != "basis"},
        bases={k: str(v.get("basis", "")) for k, v in data.items() if isinstance(v, dict)},
    )


def _finite_number(value: object) -> TypeGuard[int | float]:
    """An int or a float other than nan and inf (TOML allows both, and neither makes a weight)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class _Reader:
    def __init__(self, file_name: str, data: dict[str, Any]) -> None:
        self.file_name = file_name
        self.data = data

    def _fail(self, key: str, expected: Message, value: object) -> CorridorError:
        return CorridorError(
            "{file}: '{key}' is {value!r}; expected {expected}",
            file=self.file_name,
            key=key,
            value=value,
            expected=expected,
        )

    def get(self, key: str) -> object:
        node: object = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise self._fail(key, Message("a value (the key is missing)"), None)
            node = node[part]
        return node

    def section(self, key: str) -> dict[str, Any]:
        value = self.get(key)
        if not isinstance(value, dict):
            raise self._fail(key, Message("a table"), value)
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value:
            raise self._fail(key, Message("text"), value)
        return value

    def positive(self, key: str, *, allow_zero: bool = False) -> float:
        value = self.get(key)
        if not _finite_number(value) or not (value > 0 or (allow_zero and value == 0)):
            raise self._fail(
                key, Message("a number of at least 0") if allow_zero else Message("a positive number"), value
            )
        return float(value)

    def table_of_numbers(self, key: str, minimum: float) -> dict[str, float]:
        numbers = {}
        for name, value in self.section(key).items():
            if name in {"basis", "method"}:
                continue
            if not _finite_number(value) or value < minimum:
                raise self._fail(f"{key}.{name}", Message("a number of at least {minimum}", minimum=minimum), value)
            numbers[name] = float(value)
        return numbers

    def list_of_text(self, key: str) -> list[str]:
        value = self.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(key, Message("a list of text"), value)
        return list(value)

    def profiles(self) -> dict[str, Profile]:
        profiles = {}
        for name, table in self.section("profiles").items():
            modes = self.list_of_text(f"profiles.{name}.modes")
            unknown = [m for m in modes if m not in MODES]
            if unknown or not modes:
                raise self._fail(
                    f"profiles.{name}.modes", Message("modes among {modes}", modes=", ".join(MODES)), modes
                )
            toll_class = table.get("toll_class")
            if toll_class is not None and not isinstance(toll_class, str):
                raise self._fail(f"profiles.{name}.toll_class", Message("text"), toll_class)
            profiles[name] = Profile(name, str(table.get("label", name)), frozenset(modes), toll_class)
        return profiles
