"""The guard in front of the routing engine: bad input is an error, never a crashed process or a wrong answer.

Inputs that crash the native engine outright (SIGFPE, SIGSEGV) are tried in a subprocess, so that a missing
guard fails the test instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
import routingkit_cch as rk

from corridor.errors import InvalidInput
from corridor.logistics.shortest_paths import ENGINE_INFINITY, MAX_ARC_WEIGHT, UNREACHABLE, ShortestPaths


def _graph(node_count: int, arcs: list[tuple[int, int]], **weights: list[float]) -> ShortestPaths:
    tail = np.array([a for a, _ in arcs], dtype=np.int64)
    head = np.array([b for _, b in arcs], dtype=np.int64)
    paths = ShortestPaths(node_count, tail, head)
    for metric, values in weights.items():
        paths.set_weights(metric, np.array(values))
    return paths


def _run_isolated(code: str) -> subprocess.CompletedProcess[str]:
    """Python code in a fresh process (with this test run's import path): the engine may kill that one."""
    preamble = "import sys; sys.path[:0] = " + repr(sys.path) + "\n"
    return subprocess.run(
        [sys.executable, "-c", preamble + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_empty_graph_has_no_paths_and_does_not_reach_the_engine() -> None:
    done = _run_isolated(
        """
        import numpy as np
        from corridor.logistics.shortest_paths import ShortestPaths
        empty = np.array([], dtype=np.int64)
        for coordinates in ({}, {"lat": np.array([]), "lon": np.array([])}):
            paths = ShortestPaths(0, empty, empty, **coordinates)
            paths.set_weights("time", empty)
            print(paths.distances("time", [], []).shape)
        """
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    assert done.stdout.split() == ["(0,", "0)", "(0,", "0)"]


def test_a_graph_without_arcs_answers_unreachable() -> None:
    paths = _graph(3, [], time=[])
    assert paths.path("time", 0, 2) is None
    assert paths.distances("time", [0, 1], [2]).tolist() == [[UNREACHABLE], [UNREACHABLE]]


@pytest.mark.parametrize(("source", "target"), [(0, 7), (-1, 1), (5, 0)])
def test_node_ids_outside_the_graph_are_invalid_input(source: int, target: int) -> None:
    paths = _graph(2, [(0, 1)], time=[5])
    with pytest.raises(InvalidInput, match="not in the routing graph of 2 nodes"):
        paths.path("time", source, target)
    with pytest.raises(InvalidInput, match="not in the routing graph of 2 nodes"):
        paths.distances("time", [source], [target])


def test_arcs_outside_the_graph_are_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="touches node 5, outside its 2 nodes"):
        _graph(2, [(0, 5)])
    with pytest.raises(InvalidInput, match="one head per arc tail"):
        ShortestPaths(2, np.array([0, 1]), np.array([1]))


@pytest.mark.parametrize(
    "weights",
    [[-1.0], [float("nan")], [float("inf")], [2.5], [MAX_ARC_WEIGHT + 1.0], [2.0**40], [1.0, 2.0], []],
)
def test_weights_the_engine_cannot_take_are_invalid_input(weights: list[float]) -> None:
    paths = _graph(2, [(0, 1)])
    with pytest.raises(InvalidInput, match="must be 1 whole numbers from 0 to 2147483646"):
        paths.set_weights("time", np.array(weights))


def test_an_unknown_weighting_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="no weighting 'cost'"):
        _graph(2, [(0, 1)], time=[5]).path("cost", 0, 1)


def test_empty_source_or_target_lists_give_an_empty_matrix() -> None:
    paths = _graph(2, [(0, 1)], time=[5])
    assert paths.distances("time", [], [1]).shape == (0, 1)
    assert paths.distances("time", [0], []).shape == (1, 0)


def test_the_engine_reads_a_path_too_long_for_its_weights_as_unreachable() -> None:
    """Why the guard is needed: the engine saturates at 2^31 - 1 and then says "no path", silently."""
    cch = rk.CCH(rk.compute_order_degree(3, [0, 1], [1, 2]), [0, 1], [1, 2], False)
    metric = rk.CCHMetric(cch, [MAX_ARC_WEIGHT, MAX_ARC_WEIGHT])
    query = rk.CCHQuery(metric)
    result = query.run(0, 2)
    assert result.distance is None
    del result


def test_a_path_too_long_for_the_engine_is_an_error_not_no_route() -> None:
    paths = _graph(4, [(0, 1), (1, 2)], cost=[MAX_ARC_WEIGHT, MAX_ARC_WEIGHT])
    with pytest.raises(InvalidInput, match=f"more than the routing engine can count \\({ENGINE_INFINITY - 1} units"):
        paths.path("cost", 0, 2)
    with pytest.raises(InvalidInput, match="more than the routing engine can count"):
        paths.distances("cost", [0], [2, 3])
    assert paths.path("cost", 0, 3) is None  # node 3 is truly unreachable
    assert paths.distances("cost", [0], [1, 3]).tolist() == [[MAX_ARC_WEIGHT, UNREACHABLE]]


def test_exact_answers_are_unchanged() -> None:
    paths = _graph(3, [(0, 1), (1, 2), (0, 2)], time=[2, 3, 9])
    assert paths.path("time", 0, 2) == (5, [0, 1])
    assert paths.distances("time", [0, 1], [2]).tolist() == [[5], [3]]
