"""The rules in `rules/` as typed objects: loaded once, checked on load, errors named by file and line.

`yaml_lines` reads YAML remembering lines; `files` holds one loader per rule file; `types` the
typed rules and their lookups; `loader` puts them together (cached by the files' fingerprint).
"""

from pipeline.core.text import fold
from pipeline.rules.loader import DEFAULT_RULES_DIR, load_rules, rules_fingerprint, summary
from pipeline.rules.types import STATUS_FAMILIES, Limits, Rules, StatusRule

__all__ = [
    "DEFAULT_RULES_DIR",
    "STATUS_FAMILIES",
    "Limits",
    "Rules",
    "StatusRule",
    "fold",
    "load_rules",
    "rules_fingerprint",
    "summary",
]
