"""Scenarios of the freight network, kept in the `scenarios` table; every save and delete is logged."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from corridor.logistics.scenarios import Scenario, scenario_from_dict
from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlScenarioStore"]


class SqlScenarioStore:
    def __init__(self, engine: sa.Engine, default_actor: str = "unknown") -> None:
        self.engine = engine
        # Who a delete is logged under when the caller names nobody (the logistics protocol passes no user).
        self.default_actor = default_actor

    def save_scenario(self, scenario: Scenario, user: str) -> None:
        """Create or replace the scenario of that name."""
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            replaced = conn.execute(t.scenarios.delete().where(t.scenarios.c.name == scenario.name)).rowcount
            conn.execute(
                t.scenarios.insert().values(
                    name=scenario.name, definition=scenario.as_dict(), created_at=now, created_by=user
                )
            )
            detail = {"replaced": bool(replaced), "changes": len(scenario.changes)}
            append_write(conn, WriteEntry("scenario_save", "scenarios", user, [scenario.name], detail), now)

    def get_scenario(self, name: str) -> Scenario | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.scenarios.c.definition).where(t.scenarios.c.name == name)).first()
        return scenario_from_dict(row[0], f"scenario '{name}'") if row else None

    def list_scenarios(self) -> list[Scenario]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.scenarios.c.name, t.scenarios.c.definition).order_by(t.scenarios.c.name))
            return [scenario_from_dict(definition, f"scenario '{name}'") for name, definition in rows]

    def delete_scenario(self, name: str, user: str | None = None) -> bool:
        """Delete the scenario; False (and nothing logged) when there was none."""
        with begin_write(self.engine) as conn:
            deleted = bool(conn.execute(t.scenarios.delete().where(t.scenarios.c.name == name)).rowcount)
            if deleted:
                append_write(conn, WriteEntry("scenario_delete", "scenarios", user or self.default_actor, [name]))
            return deleted
