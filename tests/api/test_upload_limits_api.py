"""The import endpoint under the upload limits: 413 and 415 with a clear message, nothing written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corridor.bootstrap import App
from corridor.registry.limits import UploadLimits
from corridor.server.app import create_app
from tests.factories import FIRM_HEADER, make_firm_row, make_token, write_zip_bomb_xlsx

LIMIT_BYTES = 4000


@pytest.fixture
def small_client(empty_app: App) -> Iterator[TestClient]:
    empty_app.registry.limits = UploadLimits(max_bytes=LIMIT_BYTES, max_rows=10)
    with TestClient(create_app(empty_app, cache_check_s=None), raise_server_exceptions=False) as test_client:
        test_client.headers.update(make_token(empty_app))
        yield test_client


def _csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIRM_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(make_firm_row(name=f"Công ty {i}", tax_code="") for i in range(rows))
    return out.getvalue().encode()


def _firm_total(client: TestClient) -> int:
    return int(client.get("/api/v1/firms", params={"limit": 1}).json()["total"])


def _post(client: TestClient, name: str, data: bytes, content_type: str = "text/csv", lang: str = "en") -> Any:
    return client.post(f"/api/v1/import/firms?lang={lang}", files={"file": (name, data, content_type)})


def test_a_file_over_the_byte_limit_is_refused_with_413(small_client: TestClient) -> None:
    data = b"x" * (LIMIT_BYTES + 1000)  # passes the body guard (envelope room), stopped while copied
    answer = _post(small_client, "firms.csv", data)
    assert answer.status_code == 413
    assert "larger than the limit" in answer.json()["error"]["message"]
    vietnamese = _post(small_client, "firms.csv", data, lang="vi").json()["error"]["message"]
    assert "firms.csv" in vietnamese and "larger than" not in vietnamese
    assert _firm_total(small_client) == 0


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(small_client: TestClient) -> None:
    answer = _post(small_client, "firms.csv", b"x" * 500_000)
    assert answer.status_code == 413
    assert answer.json()["error"]["status"] == 413


def test_a_streamed_body_without_length_is_cut_at_the_limit(small_client: TestClient) -> None:
    boundary = "corridorboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="firms.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()

    def body() -> Iterator[bytes]:  # chunked: no Content-Length to refuse up front
        yield head
        for _ in range(100):
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = small_client.post(
        "/api/v1/import/firms?lang=en",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 413
    assert "larger than the limit" in answer.json()["error"]["message"]


def test_too_many_rows(small_client: TestClient) -> None:
    data = _csv(11)
    assert len(data) < LIMIT_BYTES  # under the byte limit: refused for its rows
    answer = _post(small_client, "firms.csv", data)
    assert answer.status_code == 413
    assert "more than 10 rows" in answer.json()["error"]["message"]


def test_wrong_declared_type_or_content_gives_415(small_client: TestClient, tmp_path: Path) -> None:
    answer = _post(small_client, "firms.csv", _csv(1), content_type="image/png")
    assert answer.status_code == 415
    assert "image/png" in answer.json()["error"]["message"]
    zipped = _post(small_client, "firms.csv", b"PK\x03\x04" + b"\x00" * 100)
    assert zipped.status_code == 415
    assert _firm_total(small_client) == 0


def test_a_zip_bomb_upload_is_refused(empty_app: App, tmp_path: Path) -> None:
    bomb = write_zip_bomb_xlsx(tmp_path / "firms.xlsx", expanded_mb=300).read_bytes()
    with TestClient(create_app(empty_app, cache_check_s=None), raise_server_exceptions=False) as client:
        client.headers.update(make_token(empty_app))
        answer = _post(client, "firms.xlsx", bomb, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        assert answer.status_code == 413
        assert "expands to 300.0 MB" in answer.json()["error"]["message"]
        assert _firm_total(client) == 0


def test_the_command_line_uses_the_limit_settings(sqlite_backend: Any, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corridor.cli.main import app

    url = sqlite_backend.clone("empty")
    path = tmp_path / "firms.csv"
    path.write_bytes(_csv(3))
    env = {"CORRIDOR_MAX_IMPORT_ROWS": "2", "COLUMNS": "250"}
    result = CliRunner().invoke(app, ["--db", url, "--lang", "en", "import", str(path), "--kind", "firms"], env=env)
    assert result.exit_code == 1
    assert "more than 2 rows" in result.output + str(result.stderr)
