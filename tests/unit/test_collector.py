"""`core.collector`: a document's objects are kept out of the cycle collector's walks while it is
processed, and everything is as it was once it is done (collection on, nothing left frozen)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.core import collector
from pipeline.process import process
from pipeline.read.pdf import parallel as pdf_parallel
from tests.helpers import FIXTURES


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


def test_what_is_settled_during_a_document_is_released_at_its_end() -> None:
    gc.unfreeze()
    with collector.document_lifetime():
        kept = [[n] for n in range(1000)]
        collector.settle()
        assert gc.get_freeze_count() >= 1000  # out of the collector's sight while the document is processed
    assert gc.get_freeze_count() == 0
    assert kept


def test_settling_outside_a_document_freezes_nothing() -> None:
    gc.unfreeze()
    collector.settle()
    assert gc.get_freeze_count() == 0


def test_someone_elses_freeze_is_left_to_them() -> None:
    gc.unfreeze()
    theirs = [[n] for n in range(100)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with collector.document_lifetime():
        collector.settle()
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == frozen  # not unfrozen by us
    assert theirs


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_pages_turns_collection_back_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with collector.pages_being_read():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_a_page_done_frees_the_pages_cycles() -> None:
    gc.disable()
    with collector.pages_being_read():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect(0) >= 0  # prime: nothing else young
        loop: list[object] = []
        loop.append(loop)
        del loop
        gc.callbacks.append(_count)
        try:
            _collected.clear()
            collector.page_done()
        finally:
            gc.callbacks.remove(_count)
        assert _collected and _collected[-1] >= 1


_collected: list[int] = []


def _count(phase: str, info: dict[str, int]) -> None:
    if phase == "stop":
        _collected.append(info["collected"])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_pdf_leaves_collection_on_and_nothing_frozen(jobs: str, rules, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PIPELINE_PAGE_JOBS", jobs)
    monkeypatch.setattr(pdf_parallel, "PAGE_THRESHOLD", 1)
    monkeypatch.setattr(pdf_parallel, "MIN_PAGES_PER_JOB", 1)
    gc.enable()
    gc.unfreeze()
    process(Path(FIXTURES / "plan-word.pdf"), rules)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_turns_collection_off_and_back_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with pytest.raises(RuntimeError), collector.loading():
        assert not gc.isenabled()
        raise RuntimeError("an import failed")
    assert gc.isenabled() is enabled


def test_a_worker_loads_its_libraries_and_rules_without_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from pipeline.build import task

    seen: list[bool] = []
    real = importlib.import_module
    monkeypatch.setattr(importlib, "import_module", lambda name: seen.append(gc.isenabled()) or real(name))
    gc.enable()
    task.prepare(str(Path(__file__).resolve().parents[2] / "rules"))
    assert seen and not any(seen)  # each import ran with collection off
    assert gc.isenabled()  # and on again for the documents
