"""Corridor (Hành lang): the registry, freight network and portal of Vietnam's northern economic corridors."""

__version__ = "0.1.0"
__all__ = ["__version__"]
