"""The text model's same-language bias: which language a text is in, the shipped measurement, the correction."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.matching.encoder import E5Encoder
from corridor.matching.languages import load_unrelated_cosines, measure_unrelated_cosines, offsets, text_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Khay nhựa chống tĩnh điện", "vi"),
        ("Đình Vũ", "vi"),
        ("khay nhua chong tinh dien", "en"),  # without its marks Vietnamese cannot be told from English by script
        ("Anti-static trays", "en"),
        ("정전기 방지 트레이", "ko"),
        ("帯電防止トレイ", "ja"),
        ("防静电托盘", "zh"),
        ("電子部品", "zh"),  # kanji alone: read as Chinese
        ("PCB 조립", "ko"),
    ],
)
def test_a_text_language_is_told_by_its_script(text: str, language: str) -> None:
    assert text_language(text) == language


def test_the_shipped_measurement_is_that_of_the_model_and_glossaries_shipped() -> None:
    """Fails when the model or the glossaries changed: run scripts/measure_language_offsets.py."""
    measured = measure_unrelated_cosines(E5Encoder())
    shipped = load_unrelated_cosines()
    assert measured.keys() == shipped.keys()
    assert all(abs(measured[pair] - shipped[pair]) < 2e-3 for pair in shipped), measured


def test_offsets_lower_same_language_pairs_against_comparing_with_english() -> None:
    table = offsets(["zh", "en", "ko"], ["en", "zh", "ko"])  # passages x queries
    assert np.allclose(table[0], 0.0)  # a passage in English is the reference for every query language
    assert table[1, 0] > 0.02  # Chinese against Chinese: unrelated texts score markedly higher
    assert table[2, 2] > 0.0 and table[1, 1] < 0.0  # Korean against Korean lowered; English query, Chinese text raised
