"""Indicators on 2025 or pre-2025 boundaries, and the sub-regional economic report."""
