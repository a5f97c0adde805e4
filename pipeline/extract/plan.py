"""Choose how to read a plan: from its tables, from text copied out of a PDF table, or from a
table a copy into text flattened (recovered into a table first)."""

from __future__ import annotations

from pipeline.core.layout import Layout
from pipeline.extract import plan_table, plan_text
from pipeline.extract.plan_recover import recover
from pipeline.extract.records import RawPlan
from pipeline.rules import Rules


def extract_plan(layout: Layout, rules: Rules, name: str = "") -> RawPlan:
    """`name`: the file's name, for column mappings pinned to it in rules/documents.yaml."""
    if layout.tables() and plan_table.has_plan_table(layout, rules):
        return plan_table.extract(layout, rules, name)
    raw = plan_text.extract(layout, rules)
    if raw.actions:
        return raw
    recovered = recover(layout, rules)
    if recovered.layout is not layout and plan_table.has_plan_table(recovered.layout, rules):
        plan = plan_table.extract(recovered.layout, rules, name)
        plan.notes += recovered.notes
        return plan
    return raw
