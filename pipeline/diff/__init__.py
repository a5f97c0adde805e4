"""What changed between two revisions of an action plan, and each action's status over time.

Data first, text second: `compare.compare(old, new, rules)` returns a plain `ChangeSet`
(`changes.py`); the renderers turn it into Markdown (`render_md`), JSON (`render_json`) and a
workbook (`render_xlsx`). `command.run_diff` is `python -m pipeline diff`; `revisions.py`
finds the revisions of one plan among the build's documents and writes their history
workbook and consecutive diffs. `xlsx_text` shows a workbook as text for `git diff`.
"""
