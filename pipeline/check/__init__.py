"""The check stage: findings about a finished document (what is wrong or odd in it)."""

from pipeline.check.findings import check

__all__ = ["check"]
