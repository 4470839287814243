"""Who may rank as a supplier, which side's certifications are required, and a table that hides no reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.bootstrap import App
from corridor.cli.main import app as cli
from corridor.errors import CorridorError
from corridor.i18n import render_all
from corridor.matching.encoder import E5Encoder
from corridor.matching.ranking import Candidate, Request, load_weights, rank
from corridor.matching.service import NOT_SUPPLIERS, MatchQuery
from corridor.registry.service import ListFilters
from tests.factories import make_firm_row, write_csv

ENCODER = E5Encoder()
WEIGHTS = load_weights()


def _needs() -> list[Candidate]:
    """Buyers' needs: certifications here are the ones each need requires."""
    return [
        Candidate("b1", "Buyer One", "n1", "Precision plastic injection moulds"),
        Candidate("b2", "Buyer Two", "n2", "Khuôn ép nhựa chính xác", (), (), ("ISO 9001", "IATF 16949")),
    ]


def test_buyer_ranking_compares_what_the_need_requires_with_what_the_offer_holds() -> None:
    offer = Request("Precision plastic injection moulds", certifications=("ISO 9001",), is_offer=True)
    found = {m.firm_id: m for m in rank(offer, _needs(), ENCODER, WEIGHTS)}
    # A need that requires nothing: the signal does not apply, and nothing is 'missing'.
    assert found["b1"].signals["certifications"] is None
    assert not any("certifications" in r for r in render_all(found["b1"].reasons, "en"))
    # A need that requires two: the offer holds one of them.
    assert found["b2"].signals["certifications"] == 0.5
    assert "certifications missing: IATF 16949" in render_all(found["b2"].reasons, "en")


def test_an_offer_holding_nothing_misses_what_a_need_requires() -> None:
    offer = Request("Khuôn ép nhựa", is_offer=True)
    found = {m.firm_id: m for m in rank(offer, _needs(), ENCODER, WEIGHTS)}
    assert found["b2"].signals["certifications"] == 0.0
    assert "certifications missing: ISO 9001, IATF 16949" in render_all(found["b2"].reasons, "en")


def test_stored_needs_require_only_their_own_certifications(app: App, tmp_path: Path) -> None:
    # The buying firm holds certifications of its own; they are not requirements of its need.
    app.registry.import_file(write_csv(tmp_path / "f.csv", [_certified_firm()]), "firms", "t")
    need = {"firm": "Công ty Mua Thử", "text_vi": "Khuôn ép nhựa chính xác", "text_en": "", "category": "part"}
    app.registry.import_file(write_csv(tmp_path / "n.csv", [need]), "needs", "t")
    (found,) = app.matching().buyers_for(MatchQuery(text="khuôn ép nhựa chính xác", top=5))
    assert found.signals["certifications"] is None
    assert not any("certifications missing" in r for r in render_all(found.reasons, "en"))


def _certified_firm() -> dict[str, str]:
    name = "Công ty Mua Thử"
    return make_firm_row(name=name, tax_code="0100109113", role="lead_firm", products_vi="", products_en="")


def test_park_developers_are_not_suppliers(app: App) -> None:
    firms = app.registry.list_records("firms", ListFilters()).items
    developers = {f["id"] for f in firms if f["role"] in NOT_SUPPLIERS}
    assert developers  # the bundled data has park developers, whose products say 'Industrial park developer'
    ranked = app.matching().suppliers_for(MatchQuery(text="khuôn ép nhựa chính xác", top=100))
    assert ranked and not developers & {m.firm_id for m in ranked}
    logistics = {f["id"] for f in firms if f["role"] == "logistics_provider"}
    warehousing = app.matching().suppliers_for(MatchQuery(text="kho ngoại quan, vận chuyển container", top=3))
    assert logistics & {m.firm_id for m in warehousing}  # they supply services, and stay candidates for them


def test_the_match_table_shows_every_reason(app: App, sqlite_loaded_url: str, tmp_path: Path) -> None:
    app.registry.import_file(write_csv(tmp_path / "f.csv", [make_firm_row()]), "firms", "t")
    asked = ["match", "--need", "khuôn ép nhựa", "--hs", "848071", "--certification", "ISO 9001", "--top", "1"]
    result = CliRunner().invoke(cli, ["--db", sqlite_loaded_url, "--lang", "en", *asked], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    # Five reasons; a cut to three used to hide the last two without a word.
    (row,) = [line for line in result.stdout.splitlines() if line.startswith("1 ")]
    for reason in ("text meaning", "shared words", "HS codes 848071 vs", "certifications held", "travel time unknown"):
        assert reason in row, reason


def test_a_match_query_reads_certification_aliases_as_imports_do(app: App) -> None:
    service = app.matching()
    aliases = MatchQuery(text="khuôn ép nhựa chính xác", certifications=("ISO 27001", "iris"), top=3)
    assert isinstance(service.suppliers_for(aliases), list)  # refused as unknown before the aliases were read
    with pytest.raises(CorridorError, match="ISO 2700X"):
        service.suppliers_for(MatchQuery(text="khuôn ép nhựa chính xác", certifications=("ISO 2700X",), top=3))
