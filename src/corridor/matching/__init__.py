"""Supply-chain linkage: supplier-buyer matching, forum meeting scheduling (no web or database code)."""
