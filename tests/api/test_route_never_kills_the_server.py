"""No route request can kill the server: every profile x optimisation x kind of place gets an answer.

The routing engine is native code: a profile without a usable arc once reached it with an empty graph and the
process died of SIGFPE (the CLI exited 136 with no message). So the server and the CLI run in subprocesses here,
and the parameter file adds a `sea_only` profile of its own (named as the file names it). Every bundled profile
(truck, rail, barge, coastal, multimodal) is asked too, and Kunming, beyond the Lào Cai – Hekou border.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest

from corridor.logistics import load_parameters
from corridor.logistics.graph import OBJECTIVES
from corridor.logistics.parameters import DEFAULT_FILE
from tests.conftest import Backend

START_CLI = "import sys; from corridor.cli.main import app; sys.argv[0] = 'corridor'; app()"
DECLARED_4XX = {400, 404, 422}
PLACES = {
    "zone": "KCN Tràng Duệ",
    "node": "PT_LH34",
    "locality": "Hà Nội",
    "coordinates": "20.85,106.68",
    "beyond the border": "Kunming",
    "unknown name": "Nowhere Harbour",
}


@pytest.fixture(scope="module")
def parameters_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parameters") / "parameters.toml"
    bundled = DEFAULT_FILE.read_text(encoding="utf-8")
    path.write_text(bundled + '\n[profiles.sea_only]\nlabel = "Coastal ship only"\nmodes = ["sea"]\n', encoding="utf-8")
    return path


def _environment(database_url: str, parameters: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CORRIDOR_DB": database_url,
        "CORRIDOR_LOGISTICS_PARAMETERS": str(parameters),
        "CORRIDOR_LANG": "en",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(sqlite_backend: Backend, parameters_file: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    url = sqlite_backend.clone("loaded")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", START_CLI, "serve", "--port", str(port)],
        env=_environment(url, parameters_file),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, process)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stderr is not None
        process.stderr.close()


def _wait_until_answering(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped while starting"
        try:
            _get(f"{base}/api/v1/localities")
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("the server did not answer within 30 s")


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read()


def _route(base: str, origin: str, destination: str, profile: str, optimize: str) -> tuple[int, bytes]:
    query = urllib.parse.urlencode({"from": origin, "to": destination, "profile": profile, "optimize": optimize})
    return _get(f"{base}/api/v1/route?{query}")


def test_every_profile_optimisation_and_place_kind_gets_an_answer(
    server: tuple[str, subprocess.Popen[bytes]], parameters_file: Path
) -> None:
    base, process = server
    profiles = [*load_parameters(parameters_file).profiles, "bogus"]
    kinds = list(PLACES)
    asked = [(p, o, k) for p, o, k in product(profiles, [*OBJECTIVES, "bogus"], kinds)]
    statuses = {}
    for profile, optimize, kind in asked:
        destination = "Hải Phòng" if kind != "node" else "Lào Cai"
        try:
            status, body = _route(base, PLACES[kind], destination, profile, optimize)
        except OSError as error:
            pytest.fail(f"{profile}/{optimize}/{kind}: no answer ({error}); server exit code {process.poll()}")
        statuses[(profile, optimize, kind)] = status
        assert status == 200 or status in DECLARED_4XX, (profile, optimize, kind, status, body[:300])
        if status != 200:
            assert json.loads(body)["error"]["message"], (profile, optimize, kind)
    assert process.poll() is None, "the server died"
    assert _get(f"{base}/api/v1/localities")[0] == 200
    assert statuses[("coastal", "time", "locality")] == 422  # no route: no sea link reaches Hà Nội
    assert statuses[("sea_only", "time", "locality")] == 422
    assert statuses[("truck", "time", "beyond the border")] == 200  # Kunming by G80/G8011 and CT.05
    assert statuses[("truck", "time", "locality")] == 200
    assert statuses[("truck", "bogus", "zone")] == 400
    assert statuses[("bogus", "time", "zone")] == 400
    assert statuses[("truck", "time", "unknown name")] == 404


def test_alternatives_and_the_route_page_answer_every_profile_and_place_kind(
    server: tuple[str, subprocess.Popen[bytes]], parameters_file: Path
) -> None:
    """The alternatives (API) and the route page (HTML: the message in the page) answer or say why, never 500."""
    base, process = server
    profiles = [*load_parameters(parameters_file).profiles, "bogus"]
    for profile, kind in product(profiles, PLACES):
        query = urllib.parse.urlencode({"from": PLACES[kind], "to": "Hải Phòng", "profile": profile})
        for path in ("/api/v1/route/alternatives", "/route"):
            try:
                status, body = _get(f"{base}{path}?{query}")
            except OSError as error:
                pytest.fail(f"{path} {profile}/{kind}: no answer ({error}); server exit code {process.poll()}")
            assert status == 200 or status in DECLARED_4XX, (path, profile, kind, status, body[:300])
            if status != 200 and path == "/route":
                assert b"data-route-error" in body, (profile, kind)
    assert process.poll() is None, "the server died"


def _cli(url: str, parameters: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", START_CLI, *args],
        env=_environment(url, parameters),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("profile", ["barge", "coastal", "sea_only"])
def test_the_cli_says_there_is_no_route_and_exits_4(
    sqlite_loaded_url: str, parameters_file: Path, profile: str
) -> None:
    done = _cli(sqlite_loaded_url, parameters_file, "route", "Lao Cai", "Hai Phong", "--profile", profile)
    assert done.returncode == 4, (done.returncode, done.stderr[-500:])
    # A bundled profile is named in the reader's language; a profile of the parameter file keeps its name.
    named = {"barge": "barge or coastal ship", "coastal": "coastal ship"}.get(profile, profile)
    assert f"No {named} route" in done.stderr
