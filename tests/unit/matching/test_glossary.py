"""The glossary bridge: Korean, Japanese and Chinese (simplified and traditional) terms rendered in English."""

from __future__ import annotations

import csv
from importlib import resources

from corridor.matching.glossary import cjk_to_english, is_cjk, to_other_language


def test_each_language_and_script_renders_its_terms_in_english() -> None:
    assert cjk_to_english("정밀 사출 금형 제작") == ("precision injection moulds manufacturing", 3)
    assert cjk_to_english("射出成形金型（PP樹脂）") == ("injection moulds pp plastic", 2)
    assert cjk_to_english("防静电托盘") == ("anti-static trays", 2)
    assert cjk_to_english("防靜電托盤") == ("anti-static trays", 2)
    assert cjk_to_english("積體電路") == ("integrated circuits", 1)
    assert cjk_to_english("ＣＮＣ加工") == ("CNC machining", 1)  # full-width letters read as ASCII


def test_words_inside_longer_words_are_not_taken_apart() -> None:
    # サービス holds ビス (a screw in trade slang) and 空港 holds 港: neither is rendered.
    assert "screws" not in cjk_to_english("物流サービス")[0]
    assert cjk_to_english("空港") == ("", 0)


def test_only_cjk_text_goes_through_the_cjk_glossary() -> None:
    assert is_cjk("하이퐁") and is_cjk("ハイフォン") and is_cjk("海防") and not is_cjk("Hải Phòng")
    assert to_other_language("Khay nhựa chống tĩnh điện") == "plastic trays anti-static"
    assert to_other_language("謝謝") is None


def test_every_entry_has_english_and_a_basis() -> None:
    text = (resources.files("corridor.matching") / "glossary_cjk.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))
    assert len(rows) > 100
    for row in rows:
        assert row["en"] and all(row[c] for c in ("ko", "ja", "zh_hans", "zh_hant")), row
        assert row["basis"] == "trade" or row["basis"].startswith("HS "), row
