"""The matching tests' application on a loaded scratch database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corridor.bootstrap import App, open_app
from corridor.settings import Settings


@pytest.fixture
def app(sqlite_loaded_url: str) -> Iterator[App]:
    opened = open_app(Settings(db_url=sqlite_loaded_url, lang="en", user="t", cache_dir=None))
    yield opened
    opened.store.engine.dispose()
