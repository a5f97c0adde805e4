"""The rules in `rules/` as typed objects: loaded once, checked on load, named by file and line."""

from pipeline.rules.loader import (
    DEFAULT_RULES_DIR,
    Limits,
    Rules,
    StatusRule,
    fold,
    load_rules,
    rules_fingerprint,
    summary,
)

__all__ = ["DEFAULT_RULES_DIR", "Limits", "Rules", "StatusRule", "fold", "load_rules", "rules_fingerprint", "summary"]
