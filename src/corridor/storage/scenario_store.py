"""Scenarios of the freight network, kept in the `scenarios` table."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from corridor.logistics.scenarios import Scenario, scenario_from_dict
from corridor.storage import tables as t

__all__ = ["SqlScenarioStore"]


class SqlScenarioStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def save_scenario(self, scenario: Scenario, user: str) -> None:
        """Create or replace the scenario of that name."""
        with self.engine.begin() as conn:
            conn.execute(t.scenarios.delete().where(t.scenarios.c.name == scenario.name))
            conn.execute(
                t.scenarios.insert().values(
                    name=scenario.name,
                    definition=scenario.as_dict(),
                    created_at=dt.datetime.now(dt.UTC),
                    created_by=user,
                )
            )

    def get_scenario(self, name: str) -> Scenario | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.scenarios.c.definition).where(t.scenarios.c.name == name)).first()
        return scenario_from_dict(row[0], f"scenario '{name}'") if row else None

    def list_scenarios(self) -> list[Scenario]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.scenarios.c.name, t.scenarios.c.definition).order_by(t.scenarios.c.name))
            return [scenario_from_dict(definition, f"scenario '{name}'") for name, definition in rows]

    def delete_scenario(self, name: str) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(t.scenarios.delete().where(t.scenarios.c.name == name)).rowcount)
