"""Entity resolution of firms: name folding, tax codes, places, bands, and quality on the labelled set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corridor.registry.resolution import FirmFields, compare_firms, normalise_firm_name, tax_code_relation


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Công ty TNHH LG Display Việt Nam", "lg display"),
        ("LG DISPLAY VIETNAM CO., LTD.", "lg display"),
        ("Cty CP Thép Việt Pháp", "thep viet phap"),
        ("Công ty trách nhiệm hữu hạn một thành viên Đình Vũ", "dinh vu"),
        ("Nguyen Group Corporation JSC", "nguyen"),
        ("Chi nhánh Công ty Cổ phần Đại Việt", "dai viet"),
        ("Công ty TNHH Cơ khí Chính xác", "co khi chinh xac"),  # "cơ" is a word, not "Co."
        ("Haiyun Vietnam (Hải Vận Co)", "haiyun hai van"),
    ],
)
def test_legal_forms_diacritics_and_punctuation_are_folded_away(name: str, normalised: str) -> None:
    assert normalise_firm_name(name) == normalised


def test_tax_codes_relate_parent_and_branch() -> None:
    assert tax_code_relation("0100109106", "0100109106") == "same"
    assert tax_code_relation("0100109106", "0100109106-001") == "branch"
    assert tax_code_relation("0100109106-001", "0100109106-002") == "branch"
    assert tax_code_relation("0100109106", "0200109106") == "different"
    assert tax_code_relation("0100109106", None) == "unknown"


def test_same_tax_code_merges_and_different_tax_codes_never_do() -> None:
    same = compare_firms(FirmFields("Cty ABC", "0100109106"), FirmFields("Công ty XYZ", "0100109106"))
    assert same.band == "merge"
    different = compare_firms(FirmFields("LG Display", "0100109106"), FirmFields("LG Display", "0200109106"))
    assert different.band == "distinct"


def test_a_branch_and_its_parent_go_to_review_even_with_one_name() -> None:
    branch = compare_firms(FirmFields("LG Display", "0100109106"), FirmFields("LG Display", "0100109106-001"))
    assert branch.band == "review"
    assert any("branch" in reason.render("en") for reason in branch.reasons)


def test_spelling_variants_merge_and_sister_companies_do_not() -> None:
    vi = FirmFields("Công ty TNHH LG Display Việt Nam Hải Phòng", province="Hải Phòng")
    en = FirmFields("LG Display Vietnam Hai Phong", province="Hai Phong")
    assert compare_firms(vi, en).band == "merge"
    assert compare_firms(en, FirmFields("LG Innotek Vietnam Hai Phong", province="Hải Phòng")).band == "distinct"


def test_another_province_or_a_far_point_lowers_the_score() -> None:
    here = FirmFields("Daikin", province="Hưng Yên", lat=20.9, lon=106.0)
    near = compare_firms(here, FirmFields("Daikin", province="Hưng Yên", lat=20.9, lon=106.001))
    far = compare_firms(here, FirmFields("Daikin", province="Quảng Ninh", lat=21.0, lon=107.1))
    assert near.band == "merge" and far.score < near.score and far.band != "merge"


def test_reasons_are_translated() -> None:
    result = compare_firms(FirmFields("Daikin", zone="a"), FirmFields("Daikin", zone="b"))
    assert [reason.render("vi") for reason in result.reasons] != [reason.render("en") for reason in result.reasons]


def test_held_out_pairs_meet_the_goal_and_beat_the_baseline() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from entity_resolution import baseline, evaluate

    held_out = evaluate("held_out")
    assert held_out.pairs >= 150
    assert held_out.merge_precision >= 0.95 and held_out.review_share <= 0.10
    assert held_out.recall > baseline("held_out").recall


def test_no_two_bundled_firms_fall_in_the_merge_band() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from entity_resolution import bundled_bands

    bands = bundled_bands()
    assert bands["merge"] == [] and len(bands["review"]) <= 10
