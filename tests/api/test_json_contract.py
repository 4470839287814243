"""The JSON contract three ways: docs/json.md, the API's response models, and what the registry returns."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from corridor.api import event_schemas, schemas, siting
from corridor.bootstrap import App
from corridor.registry.service import ListFilters

DOC = Path(__file__).parents[2] / "docs" / "json.md"
# section of docs/json.md -> the models whose top-level fields it lists
SECTIONS: dict[str, tuple[type[BaseModel], ...]] = {
    "Zone": (schemas.ZoneDetail,),
    "Unit": (schemas.Unit,),
    "Location": (schemas.Location,),
    "Source": (schemas.Source,),
    "Firm": (schemas.Firm,),
    "Node": (schemas.Node,),
    "Need and offer": (schemas.Need, schemas.Offer),
    "Page": (schemas.ZonePage,),
    "Indicator": (schemas.Indicator,),
    "Series point": (schemas.SeriesPoint,),
    "Locality": (schemas.Locality,),
    "Search": (schemas.SearchResults,),
    "Route": (schemas.Route,),
    "Leg": (schemas.Leg,),
    "Alternatives": (schemas.Alternatives,),
    "Alternative": (schemas.Alternative,),
    "Hubs": (schemas.ZoneHubs,),
    "Hub matrix": (schemas.HubMatrix,),
    "Match": (schemas.Matches,),
    "Site ranking": (siting.SiteRanking,),
    "Inquiry": (siting.InquiryPublic,),
    "Import": (schemas.ImportSummary,),
    "History": (schemas.History,),
    "Edit": (schemas.EditDone,),
    "Proposal": (schemas.ProposalPublic,),
    "Claim": (schemas.ClaimPublic,),
    "Match contact": (schemas.MatchContact,),
    "Event": (event_schemas.EventPublic,),
    "Registration": (event_schemas.RegistrationPublic,),
    "Meeting request": (event_schemas.RequestPublic,),
    "Meeting": (event_schemas.MeetingPublic,),
    "Paper": (event_schemas.PaperPublic,),
    "Forum outcomes": (event_schemas.Outcomes,),
    "Error": (schemas.Error,),
}


def _documented_fields() -> dict[str, set[str]]:
    """Section title -> the `names` in the first column of its tables."""
    sections: dict[str, set[str]] = {}
    title = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            sections[title] = set()
        elif title and line.startswith("| `"):
            sections[title] |= set(re.findall(r"`([a-z_0-9]+)`", line.split(" | ")[0]))
    return sections


def _model_fields(models: tuple[type[BaseModel], ...]) -> set[str]:
    return {field.alias or name for model in models for name, field in model.model_fields.items()}


def test_every_section_of_json_md_names_the_fields_of_its_model() -> None:
    documented = _documented_fields()
    assert set(documented) == set(SECTIONS), "a section of docs/json.md without a model, or the reverse"
    for title, models in SECTIONS.items():
        fields = _model_fields(models)
        assert documented[title] - fields == set(), f"{title}: documented, but not in {models}"
        assert fields - documented[title] == set(), f"{title}: in {models}, but not documented"


def _as_written(model: Any, body: Any) -> str:
    adapter = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_python(body), by_alias=True).decode()


@pytest.mark.parametrize(
    ("kind", "model", "detail"),
    [
        ("zones", schemas.Zone, schemas.ZoneDetail),
        ("firms", schemas.Firm, schemas.FirmDetail),
        ("nodes", schemas.Node, schemas.NodeDetail),
    ],
)
def test_models_keep_the_registry_json_as_it_is(
    loaded_app: App, kind: str, model: type[BaseModel], detail: type[BaseModel]
) -> None:
    """Every record passes its model unchanged: same keys in the same order, no number turned int <-> float."""
    items = loaded_app.registry.list_records(kind, ListFilters()).items
    assert items
    plain = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    assert _as_written(list[model], items) == plain  # type: ignore[valid-type]
    shown = loaded_app.registry.show(kind, items[0]["id"])
    assert _as_written(detail, shown) == json.dumps(shown, ensure_ascii=False, separators=(",", ":"))


def test_a_field_the_model_lacks_is_refused(loaded_app: App) -> None:
    (zone,) = loaded_app.registry.list_records("zones", ListFilters(limit=1)).items
    with pytest.raises(ValueError, match="surprise"):
        schemas.Zone.model_validate({**zone, "surprise": 1})
