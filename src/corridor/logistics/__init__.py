"""Corridor freight: the multimodal network, routes, matrices, CO2e and scenarios (no web or database code)."""

from corridor.logistics.bundled import read_link_rows
from corridor.logistics.hub_matrix import HubMatrix
from corridor.logistics.network import Link, Network, Node
from corridor.logistics.parameters import Parameters, load_parameters
from corridor.logistics.scenarios import Scenario, scenario_from_dict
from corridor.logistics.service import Alternatives, LogisticsService

__all__ = [
    "Alternatives",
    "HubMatrix",
    "Link",
    "LogisticsService",
    "Network",
    "Node",
    "Parameters",
    "Scenario",
    "load_parameters",
    "read_link_rows",
    "scenario_from_dict",
]
