"""Alembic environment: runs migrations on the connection that `corridor.storage.schema` hands over."""

from __future__ import annotations

from alembic import context

from corridor.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through corridor.storage.schema.upgrade(), which passes a connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
