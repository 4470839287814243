"""Matching with the real multilingual model: signals, reasons, determinism, bad input, and quality."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import CorridorError
from corridor.i18n import render_all
from corridor.matching.encoder import E5Encoder
from corridor.matching.ranking import Candidate, Request, code_agreement, lexical_score, load_weights, rank
from corridor.matching.service import MatchQuery

ENCODER = E5Encoder()
WEIGHTS = load_weights()


def _candidates() -> list[Candidate]:
    return [
        Candidate("f1", "Khuôn Việt", "o1", "Thiết kế và chế tạo khuôn ép nhựa chính xác", ("848071",)),
        Candidate("f2", "Tray Co", "o2", "Anti-static plastic trays for electronics", ("392390",), (), ("ISO 9001",)),
        Candidate("f3", "Carton HP", "o3", "Thùng carton sóng 5 lớp", ("481910",)),
        Candidate("f4", "Mould Tech", "o4", "Precision plastic injection moulds", ("848071",), (), ("ISO 9001",)),
    ]


def test_cross_language_match_and_reasons() -> None:
    results = rank(Request("khuôn ép nhựa", hs_codes=("848071",)), _candidates(), ENCODER, WEIGHTS, top=4)
    assert {m.firm_id for m in results[:2]} == {"f1", "f4"}  # Vietnamese and English moulds both lead
    top = results[0]
    assert top.signals["hs"] == 1.0 and top.signals["travel"] is None
    reasons = render_all(top.reasons, "en")
    assert any(r.startswith("HS codes 848071") for r in reasons)
    assert "travel time unknown (a location is missing)" in reasons
    assert "thời gian" in " ".join(render_all(top.reasons, "vi"))


def test_certifications_and_codes_count() -> None:
    request = Request("plastic trays", hs_codes=("392310",), certifications=("ISO 9001", "RoHS"))
    (best, *_) = rank(request, _candidates(), ENCODER, WEIGHTS)
    assert best.firm_id == "f2"
    assert best.signals["certifications"] == 0.5 and best.signals["hs"] == 0.75
    assert "certifications missing: RoHS" in render_all(best.reasons, "en")
    assert code_agreement(("8480",), ("848071",), ((6, 1.0), (4, 0.75), (2, 0.4))) == 0.75
    assert lexical_score("khuon ep nhua", "Khuôn ép nhựa chính xác") == pytest.approx(1.0)


def test_the_same_data_gives_the_same_ranking() -> None:
    first = [m.as_dict() for m in rank(Request("moulds"), _candidates(), ENCODER, WEIGHTS)]
    second = [m.as_dict() for m in rank(Request("moulds"), list(reversed(_candidates())), ENCODER, WEIGHTS)]
    assert first == second


def test_suppliers_for_a_need_from_the_registry(app: App) -> None:
    results = app.matching().suppliers_for(MatchQuery(text="mô-đun camera cho điện thoại", top=3))
    assert results[0].firm_id == "lg-innotek-vietnam-hai-phong"
    tyres = app.matching().suppliers_for(MatchQuery(text="car tyres", province="Hải Phòng", top=3))
    assert tyres[0].firm_id == "bridgestone-tire-manufacturing-vietnam"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        (MatchQuery(text="   "), "the text is empty"),
        (MatchQuery(text="x" * 1001), "at most 1000"),
        (MatchQuery(text="trays", hs_codes=("847199",)), "Unknown HS 2022 code(s): 847199"),
        (MatchQuery(text="trays", certifications=("ISO 9002",)), "Unknown certification(s): ISO 9002"),
    ],
)
def test_bad_requests_are_explained(app: App, query: MatchQuery, fragment: str) -> None:
    with pytest.raises(CorridorError) as caught:
        app.matching().suppliers_for(query)
    assert fragment in caught.value.render("en")


@pytest.fixture(scope="module")
def quality_by_language() -> dict[str, tuple[float, float, int]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
    from matching_quality import evaluate_by_language

    return evaluate_by_language()


@pytest.mark.parametrize("lang", ["vi", "en", "ko", "ja", "zh"])
def test_quality_on_the_labelled_sets_in_each_language(
    quality_by_language: dict[str, tuple[float, float, int]], lang: str
) -> None:
    """nDCG@5 of the needs written in `lang` (tests/data/README.md); the goal is 0.90, under 0.85 fails."""
    gain, precision, needs = quality_by_language[lang]
    print(f"{lang}: {needs} needs, nDCG@5 {gain:.3f}, precision@5 {precision:.3f}")
    assert needs >= (6 if lang in ("vi", "en") else 20)
    assert gain >= 0.85 and precision >= 0.7


def test_korean_japanese_and_chinese_needs_find_vietnamese_and_english_offers_and_back() -> None:
    offers = [
        Candidate("f1", "Khuôn Việt", "o1", "Thiết kế và chế tạo khuôn ép nhựa chính xác"),
        Candidate("f2", "Carton HP", "o2", "Thùng carton sóng 5 lớp in flexo"),
        Candidate("f3", "Harness Co", "o3", "Automotive wire harness assembly"),
    ]
    for need in ("정밀 사출 금형 제작", "精密射出成形金型の製作", "精密注塑模具", "精密注塑模具設計"):
        assert rank(Request(need), offers, ENCODER, WEIGHTS)[0].firm_id == "f1", need
    for need in ("자동차용 와이어 하네스", "ワイヤーハーネス", "汽车线束", "汽車線束"):
        assert rank(Request(need), offers, ENCODER, WEIGHTS)[0].firm_id == "f3", need
    written = [
        Candidate("k", "K", "ok", "수출용 골판지 박스 생산"),
        Candidate("j", "J", "oj", "射出成形金型の設計・製作"),
        Candidate("z", "Z", "oz", "汽車線束總成生產"),
    ]
    assert rank(Request("Thùng carton xuất khẩu"), written, ENCODER, WEIGHTS)[0].firm_id == "k"
    assert rank(Request("injection moulds"), written, ENCODER, WEIGHTS)[0].firm_id == "j"
    best = rank(Request("Bó dây điện cho ô tô"), written, ENCODER, WEIGHTS)[0]
    assert best.firm_id == "z" and best.item_text == "汽車線束總成生產"  # the matched text quoted as written


def test_reasons_in_the_reader_language(app: App) -> None:
    (best, *_) = app.matching().suppliers_for(MatchQuery(text="승용차용 레이디얼 타이어", province="Hải Phòng", top=3))
    assert best.firm_id == "bridgestone-tire-manufacturing-vietnam"
    assert any(r.startswith("텍스트 의미") for r in best.as_dict("ko")["reasons"])
    assert any(r.startswith("テキストの意味") for r in best.as_dict("ja")["reasons"])
    assert any(r.startswith("文本含义") for r in best.as_dict("zh")["reasons"])


def test_supply_gaps_list_derived_inputs_per_locality(app: App) -> None:
    from corridor.matching.gaps import find_gaps

    found = find_gaps(app.matching(), province="Hưng Yên", max_hours=2, min_suppliers=1)
    assert found and all(g.locality == "Hưng Yên" for g in found)
    assert all(g.derived for g in found)  # the bundled lead firms have posted no needs
    # Carton is no gap since trucks use access links to stations (Thái Bình to VSIP Hải Phòng: 58 km, not 273).
    assert any("Stamped metal parts" in g.input_text for g in found)


def test_a_batch_encodes_each_text_exactly_as_alone() -> None:
    """find_gaps encodes every need and supplier in one batch ahead of the rankings: that must not change a bit."""
    import numpy as np

    texts = [c.text for c in _candidates()] + ["khuôn ép nhựa chính xác", "Stamped metal parts / Linh kiện dập"]
    batch, single = E5Encoder(), E5Encoder()  # fresh ones, each keeping only what it encoded here
    assert np.array_equal(batch.queries(texts), np.vstack([single.queries([text]) for text in texts]))
    assert np.array_equal(batch.passages(texts), np.vstack([single.passages([text]) for text in texts]))


def test_supply_gaps_are_those_of_ranking_one_need_at_a_time(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gaps with their encoding ahead are exactly those of ranking each need alone with a fresh encoder."""
    from corridor.matching import gaps
    from corridor.matching.service import MatchingService

    found = gaps.find_gaps(app.matching())
    alone = MatchingService(app.registry, E5Encoder(), app.logistics())
    monkeypatch.setattr(gaps, "encode_ahead", lambda *_args: None)  # the path before: each need encoded when ranked
    reference = gaps.find_gaps(alone)
    assert found and [g.as_dict() for g in found] == [g.as_dict() for g in reference]


def test_the_index_shortlists_like_an_exact_scan() -> None:
    import numpy as np

    from corridor.matching.index import VectorIndex

    rng = np.random.default_rng(1)
    centres = rng.standard_normal((100, 32)).astype(np.float32)
    vectors = centres[rng.integers(0, 100, 5000)] + 0.3 * rng.standard_normal((5000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = VectorIndex(vectors, probes=64)
    queries = vectors[:20]
    _, rows = index.search(queries, 10)
    exact = np.argsort(-(vectors @ queries.T), axis=0)[:10].T
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(rows.tolist(), exact.tolist(), strict=True)])
    assert recall >= 0.9 and rows[0][0] == 0


def test_related_sectors_follow_co_location() -> None:
    from corridor.matching.relatedness import related_sectors

    firms = [
        {"sector": "electronics / displays", "zone": "z1", "locality": "Hải Phòng"},
        {"sector": "plastics", "zone": "z1", "locality": "Hải Phòng"},
        {"sector": "electronics", "zone": "z2", "locality": "Hưng Yên"},
        {"sector": "plastics", "zone": "z2", "locality": "Hưng Yên"},
        {"sector": "electronics", "zone": "z3", "locality": "Quảng Ninh"},
        {"sector": "electronics", "zone": "z3", "locality": "Quảng Ninh"},
        {"sector": "textiles", "zone": "z4", "locality": "Quảng Ninh"},
    ]
    found = {(r.locality, r.sector): r for r in related_sectors(firms)}
    plastics_qn = found[("Quảng Ninh", "plastics")]
    # Plastics shares both its zones with electronics, which Quảng Ninh has: fully related.
    assert plastics_qn.firms_here == 0 and plastics_qn.density == 1.0
    assert plastics_qn.related_strong[0][0] == "electronics"
    assert ("Hải Phòng", "textiles") not in found  # textiles shares no zone with anything: no relatedness


def test_goods_surpluses_meet_demands_of_other_localities(app: App, tmp_path: Path) -> None:
    from tests.factories import write_csv

    demand = {
        "firm": "Toto Vietnam – Hưng Yên branch",
        "text_vi": "Vải thiều tươi",
        "text_en": "Fresh lychee",
        "category": "goods",
        "quantity": "20",
        "unit": "t",
        "place": "Hải Phòng",
    }
    supply = {
        "firm": "Boviet Solar",
        "text_vi": "Vải thiều tươi Thanh Hà",
        "text_en": "Fresh Thanh Ha lychee",
        "category": "goods",
        "quantity": "50",
        "unit": "t",
        "place": "Hà Nội",
    }
    app.registry.import_file(write_csv(tmp_path / "n.csv", [demand]), "needs", "t")
    app.registry.import_file(write_csv(tmp_path / "o.csv", [supply]), "offers", "t")
    (found,) = app.matching().goods()
    assert (found.demand_place, found.supply_place) == ("Hải Phòng", "Hà Nội")
    assert found.cost_vnd and found.duration_h and found.score >= 0.5
