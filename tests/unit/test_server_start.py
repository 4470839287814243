"""The server's start-up leaves nothing for the garbage collector to walk again and again under load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_what_the_server_builds_at_start_up_is_frozen_out_of_the_collector(tmp_path: Path) -> None:
    # Without gc.freeze() a full collection walks the app, the reference tables and the encoder on every pass:
    # the tail of the cached answers' latency under 200 connections (benchmarks/api.py).
    probe = "import gc, corridor.server.asgi; print(gc.get_freeze_count())"
    env = {**os.environ, "CORRIDOR_DB": f"sqlite:///{tmp_path / 'corridor.db'}", "CORRIDOR_LANG": "en"}
    init = [str(Path(sys.executable).parent / "corridor"), "--db", env["CORRIDOR_DB"], "init", "--empty"]
    subprocess.run(init, env=env, check=True, capture_output=True)
    frozen = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True)
    assert int(frozen.stdout.strip()) > 10_000
