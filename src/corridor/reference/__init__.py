"""Reference data: administrative units across the 2025 merger, HS and VSIC code lists, name folding."""

from corridor.reference.names import fold_name, short_unit_name, slugify

__all__ = ["fold_name", "short_unit_name", "slugify"]
