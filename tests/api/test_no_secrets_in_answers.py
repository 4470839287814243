"""An unexpected failure is answered with a short message in the reader's language: no traceback, SQL, file path
or database URL, in JSON for the API and as the error page for pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from corridor.bootstrap import App
from corridor.server.app import create_app

SECRET = "postgresql+psycopg://corridor:hunter2@db.internal/corridor"
LEAKS = ("hunter2", "db.internal", "SELECT", "Traceback", 'File "', "/src/corridor", ".py", "RuntimeError")


def _explode(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError(f"cannot run SELECT * FROM zones on {SECRET} (see /src/corridor/storage/registry_store.py)")


def _lose_the_database(*_args: Any, **_kwargs: Any) -> Any:
    raise OperationalError(f"SELECT * FROM zones -- {SECRET}", {}, Exception("server closed the connection"))


@pytest.fixture
def failing(loaded_app: App, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(loaded_app.registry, "list_records", _explode)
    with TestClient(create_app(loaded_app, cache_check_s=None), raise_server_exceptions=False) as test_client:
        yield test_client


def _assert_clean(body: str) -> None:
    for leak in LEAKS:
        assert leak not in body, leak


def test_an_internal_error_in_the_api_is_a_plain_json_500(failing: TestClient) -> None:
    for lang, text in (("en", "Internal error; it has been logged"), ("vi", "Lỗi nội bộ")):
        answer = failing.get(f"/api/v1/zones?lang={lang}")
        assert answer.status_code == 500
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.json()["error"]["status"] == 500
        assert text in answer.json()["error"]["message"]
        _assert_clean(answer.text)


def test_an_internal_error_on_a_page_is_the_error_page(failing: TestClient) -> None:
    answer = failing.get("/zones?lang=vi")
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("text/html")
    assert "Lỗi nội bộ" in answer.text and "Internal error" not in answer.text
    assert "content-security-policy" in answer.headers
    _assert_clean(answer.text)


def test_a_lost_database_is_503_without_its_url(loaded_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaded_app.registry, "list_records", _lose_the_database)
    with TestClient(create_app(loaded_app, cache_check_s=None), raise_server_exceptions=False) as client:
        answer = client.get("/api/v1/zones?lang=en")
        assert answer.status_code == 503
        assert "database cannot answer" in answer.json()["error"]["message"]
        _assert_clean(answer.text)
        _assert_clean(client.get("/firms?lang=en").text)


def test_framework_refusals_are_translated(client: Any) -> None:
    wrong_method = client.delete("/api/v1/zones?lang=vi")
    assert wrong_method.status_code == 405
    assert "not allowed" not in wrong_method.json()["error"]["message"]
    unreadable = client.post(
        "/api/v1/import/firms?lang=en",
        content=b"--x\r\nbroken",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert unreadable.status_code in {400, 422}
    _assert_clean(unreadable.text)
