"""Choose how to read a plan: from its tables when the layout has plan tables, else from text."""

from __future__ import annotations

from pipeline.core.layout import Layout
from pipeline.extract.records import RawPlan
from pipeline.rules import Rules


def extract_plan(layout: Layout, rules: Rules, name: str = "") -> RawPlan:
    """`name`: the file's name, for column mappings pinned to it in rules/documents.yaml."""
    if layout.tables():
        from pipeline.extract import plan_table

        if plan_table.has_plan_table(layout, rules):
            return plan_table.extract(layout, rules, name)
    from pipeline.extract import plan_text

    return plan_text.extract(layout, rules)
