from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.rules import Rules, load_rules


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


@pytest.fixture(scope="session")
def sample_outputs(tmp_path_factory: pytest.TempPathFactory, rules: Rules) -> Path:
    """The outputs of the text samples (inputs/ and the revision fixtures), each made once per
    session, in a folder named by the sample's content hash (see tests/build_jobs.py)."""
    from pipeline.core.model import json_bytes
    from pipeline.emit.xlsx.document import write_workbook
    from pipeline.process import process
    from tests.helpers import FIXTURES, ROOT

    folder = tmp_path_factory.mktemp("sample-outputs")
    for path in [*sorted((ROOT / "inputs").glob("*.txt")), *sorted(FIXTURES.glob("revision-*.txt"))]:
        data = path.read_bytes()
        made = folder / hashlib.sha256(data).hexdigest()
        made.mkdir(exist_ok=True)
        doc = process(path, rules, data=data)
        (made / "document.json").write_bytes(json_bytes(doc))
        write_workbook(doc, made / "workbook.xlsx", rules)
    return folder


@pytest.fixture
def cached_reading(sample_outputs: Path) -> Iterator[None]:
    """Builds in this test copy the samples' outputs made once per session instead of reading
    the samples again in fresh workers: for tests of the build's bookkeeping, not of reading."""
    import pipeline.build.run as build_module
    from tests.build_jobs import CACHE_ENV

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(sample_outputs))
        patch.setattr(build_module, "JOB", "tests.build_jobs:cached_build")
        patch.setattr(build_module, "PREPARE", None)  # nothing heavy to import first
        yield
