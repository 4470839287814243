"""Investor site selection: briefs, hard filters, criteria, two scoring methods, explanations and robustness,
and one inquiry to the management boards of a shortlist (no web or database code)."""

from corridor.siting.brief import PROFILES, Brief, Phase, brief_from_dict, brief_to_dict
from corridor.siting.criteria import CRITERIA, CRITERION_IDS, Criterion
from corridor.siting.explain import Ranking
from corridor.siting.service import SitingService

__all__ = [
    "CRITERIA",
    "CRITERION_IDS",
    "PROFILES",
    "Brief",
    "Criterion",
    "Phase",
    "Ranking",
    "SitingService",
    "brief_from_dict",
    "brief_to_dict",
]
