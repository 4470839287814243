"""Error answers in Vietnamese: every pydantic validation kind, and record kinds named in Vietnamese."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic_core import core_schema

from corridor.server.errors import validation_message

# ctx values for the kinds whose message names a limit or a choice.
CTX = {"gt": 1, "ge": 1, "lt": 1, "le": 1, "min_length": 1, "max_length": 2, "pattern": "^a$", "expected": "'a'"}


@pytest.mark.parametrize("kind", typing.get_args(core_schema.ErrorType))
def test_every_pydantic_error_kind_reads_in_vietnamese(kind: str) -> None:
    problem = {"type": kind, "loc": ("query", "x"), "msg": "Input should be valid", "ctx": {**CTX, "multiple_of": 2}}
    vietnamese, english = validation_message(problem, "vi"), validation_message(problem, "en")
    assert "Input should" not in vietnamese
    assert vietnamese != english


def test_a_limit_below_one_is_explained_in_vietnamese(client: Any) -> None:
    answer = client.get("/api/v1/zones", params={"limit": 0, "lang": "vi"}).json()["error"]["message"]
    assert "limit" in answer and "Input should" not in answer and "phải" in answer


def test_an_unknown_zone_is_named_in_vietnamese(client: Any) -> None:
    answer = client.get("/api/v1/zones/khong-co", params={"lang": "vi"}).json()["error"]["message"]
    assert "zone" not in answer.replace("khong-co", "") and "khu" in answer
