"""Each layout detector's thresholds are one frozen, validated settings object, not numbers in the code."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from pipeline.read.geometry.borderless import BORDERLESS, BorderlessSettings
from pipeline.read.geometry.flow import FLOW, FlowSettings
from pipeline.read.geometry.lines import BANDS, BandSettings
from pipeline.read.geometry.wordbreak import WORD_BREAKS, WordBreakSettings
from pipeline.read.pdf.ruled import RULED, RuledSettings

DEFAULTS = [
    (RULED, RuledSettings),
    (BORDERLESS, BorderlessSettings),
    (BANDS, BandSettings),
    (FLOW, FlowSettings),
    (WORD_BREAKS, WordBreakSettings),
]


@pytest.mark.parametrize("settings,kind", DEFAULTS, ids=[k.__name__ for _, k in DEFAULTS])
def test_the_defaults_are_frozen_and_every_value_says_why(settings: object, kind: type) -> None:
    assert settings == kind()
    field = dataclasses.fields(kind)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(settings, field.name, 0)
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(kind))
    body = tree.body[0].body  # type: ignore[attr-defined]
    explained = {
        node.target.id  # type: ignore[union-attr]
        for node, after in itertools.pairwise(body)
        if isinstance(node, ast.AnnAssign) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
    }
    assert explained == {f.name for f in dataclasses.fields(kind)}, "each value needs a line on why"


@pytest.mark.parametrize(
    "make",
    [
        lambda: RuledSettings(snap=0),
        lambda: RuledSettings(slack=-1),
        lambda: BorderlessSettings(row_gap=0),
        lambda: BorderlessSettings(larger=0.9),
        lambda: BandSettings(edge=0.1, band=0.08),
        lambda: BandSettings(band=0.6),
        lambda: FlowSettings(large=1.0),
        lambda: FlowSettings(bold_heading_words=0),
        lambda: WordBreakSettings(letter=0),
        lambda: WordBreakSettings(short_tail=0),
    ],
)
def test_impossible_settings_are_refused(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        make()


def test_a_narrower_band_changes_what_is_margin_text() -> None:
    from pipeline.read.geometry.lines import mark_bands
    from pipeline.read.geometry.types import Line, PageContent, Word

    def footer() -> tuple[Line, PageContent]:
        content = PageContent(number=1, width=600, height=800)
        content.sizes[10.0] = 100
        word = Word("Small print", 50, 120, 740, 748, 8.0, False, 1)
        return Line([word], 1), content

    line, content = footer()
    mark_bands([line], content)
    assert line.band  # 740 is below the bottom 8 % of 800 (736)
    line, content = footer()
    mark_bands([line], content, BandSettings(band=0.05, edge=0.02))
    assert not line.band and not line.furniture
