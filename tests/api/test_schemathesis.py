"""Property-based API test: schemathesis generates requests from /api/v1/openapi.json and checks every answer.

No operation may answer 500, and every status code, content type and response body must be one the OpenAPI
document declares. The document covers the REST API and OGC API - Features (one application, one document).
The server runs in a subprocess: routing calls native code, and a crash there must fail this test, not kill
pytest. Generation is derandomized and bounded, so a run is repeatable and takes seconds.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import Backend

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# generated requests per operation: valid ones, and ones that break the declared parameters (answered 4xx)
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 30, schemathesis.GenerationMode.NEGATIVE: 10}
SERVER_START_S = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the API server exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            requests.get(f"{url}/api/v1/openapi.json", timeout=2).raise_for_status()
        except requests.RequestException:
            time.sleep(0.2)
            continue
        # load the text model once, so that the first /match is not timed out by schemathesis
        requests.get(f"{url}/api/v1/match", params={"need": "thép"}, timeout=SERVER_START_S)
        return
    pytest.fail(f"the API server did not answer within {SERVER_START_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def api_server(sqlite_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`corridor.server.asgi` under uvicorn on the bundled data; yields its URL and its log file."""
    port, log = _free_port(), tmp_path_factory.mktemp("api-server") / "server.log"
    env = {**os.environ, "CORRIDOR_DB": sqlite_backend.clone("loaded"), "CORRIDOR_API_CACHE": "off"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[2] / "src"), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "uvicorn", "corridor.server.asgi:app", "--port", str(port), "--log-level", "error"]
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, server, log)
        yield url, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_operation_answers_as_declared(api_server: tuple[str, Path]) -> None:
    url, log = api_server
    schema = schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    started = time.monotonic()
    with requests.Session() as session:  # one connection, kept alive, for every case
        for operation in operations:
            for mode, examples in EXAMPLES.items():
                failure = _run_operation(operation, mode, examples, (url, session), statuses)
                if failure:
                    failures.append(f"{operation.label} ({mode.value} cases): {failure}")
    seconds = time.monotonic() - started
    print(f"schemathesis: {len(operations)} operations, {statuses.total()} cases in {seconds:.1f} s, {statuses}")
    if failures:
        pytest.fail("\n\n".join(failures) + f"\n\nserver log:\n{log.read_text()[-3000:]}")
    assert len(operations) >= 22 and statuses[200] > 0 and statuses[404] > 0


def _run_operation(
    operation: schemathesis.APIOperation,
    mode: schemathesis.GenerationMode,
    examples: int,
    server: tuple[str, requests.Session],
    statuses: Counter[int],
) -> str | None:
    """Up to `examples` generated cases against `operation`; what went wrong, or None."""

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        url, session = server
        response = case.call_and_validate(base_url=url, session=session, checks=CHECKS, timeout=SERVER_START_S)
        statuses[response.status_code] += 1

    try:
        check()
    # every operation's failure is reported, not only the first one's (a crashed server: connection errors)
    except (AssertionError, BaseExceptionGroup, requests.RequestException) as error:
        return _describe(error)
    return None


def _describe(error: BaseException) -> str:
    parts = [str(error), *(_describe(inner) for inner in getattr(error, "exceptions", ()))]
    return "\n".join(parts)[:3000]
