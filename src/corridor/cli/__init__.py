"""The `corridor` command line (Typer): one module per domain."""
