"""Investor site selection: briefs, hard filters, criteria, two scoring methods, explanations and robustness,
and one inquiry to the management boards of a shortlist (no web or database code).

Modules: `brief` (the brief and its validation), `criteria` (criteria, weights per profile), `facts` and
`bundled` (what is known per zone), `filters`, `scoring` (weighted sum, SPOTIS), `robustness`, `explain`,
`incentives`, `sector` (VSIC code or text in five languages), `service` (the use case), `inquiries`.
The package itself imports only the brief, so that storage and light commands do not load NumPy.
"""

from corridor.siting.brief import PROFILES, Brief, Phase, brief_from_dict, brief_to_dict

__all__ = ["PROFILES", "Brief", "Phase", "brief_from_dict", "brief_to_dict"]
