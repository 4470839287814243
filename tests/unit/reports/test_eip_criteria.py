"""The eco-industrial park checklist's criteria (Decree 35/2022/ND-CP): each cited, in both languages, checkable."""

from __future__ import annotations

from corridor.reports.report_places import _criteria

FIELDS = ("key", "short", "short_vi", "label", "label_vi", "article", "article_vi", "evidence")
EVIDENCE = {"none", "wastewater", "eco_flag", "iso14001"}  # what report_places._evidence reads


def test_every_criterion_names_its_article_in_both_languages_and_what_evidence_speaks_to_it() -> None:
    criteria = _criteria()
    assert criteria["source"]["url"].startswith("https://") and criteria["source"]["as_of"]
    keys = [c["key"] for c in criteria["criteria"]]
    assert len(keys) == len(set(keys)) >= 5
    for criterion in criteria["criteria"]:
        assert all(str(criterion.get(name, "")).strip() for name in FIELDS), criterion["key"]
        assert criterion["article"].startswith("Art. ") and "Điều" in criterion["article_vi"]
        assert criterion["evidence"] in EVIDENCE
