"""Jobs the build's worker processes run in tests (named "tests.build_jobs:...").

`cached_build` stands in for `pipeline.build.task.build_document` where a test is about the
build's bookkeeping (what is stale, what is kept, what is never half-written) rather than about
reading: a sample document's outputs were made once for the whole test session
(`conftest.sample_outputs`), and each worker copies them instead of starting spaCy and the PDF
libraries and reading the sample again. Any other file (a changed sample, a picture, a damaged
PDF) is really read, by the real job.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from pipeline.build.task import BuildResult, build_document
from pipeline.core.model import json_bytes
from pipeline.emit.summary import summarise

CACHE_ENV = "PIPELINE_TEST_SAMPLE_OUTPUTS"  # the folder of the session's sample outputs, by content hash


def cached_build(source: str, stem: str, staging: str, rules_dir: str, fingerprint: str) -> BuildResult:
    data = Path(source).read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    made = Path(os.environ[CACHE_ENV]) / sha256
    if not (made / "document.json").is_file():
        return build_document(source, stem, staging, rules_dir, fingerprint)
    record = json.loads((made / "document.json").read_text(encoding="utf-8"))
    record["source"]["file"] = Path(source).name
    body = json_bytes(record)
    out = Path(staging)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_bytes(body)
    shutil.copyfile(made / "workbook.xlsx", out / f"{stem}.xlsx")
    return BuildResult(sha256, summarise(record), [f"{stem}.json", f"{stem}.xlsx"], hashlib.sha256(body).hexdigest())


def reader_with_a_bug(source: str, stem: str, staging: str, rules_dir: str, fingerprint: str) -> BuildResult:
    """The real job, with a defect injected into the text reader: its text helper returns None."""
    import pipeline.read.text.reader as text_reader

    text_reader.safe_text = lambda text: None  # type: ignore[assignment,return-value]
    return build_document(source, stem, staging, rules_dir, fingerprint)


def extract_with_a_bug(source: str, stem: str, output: str, rules_dir: str, password: str | None, debug: bool) -> Any:
    """`extract`'s real job, with the same defect injected into the text reader."""
    import pipeline.read.text.reader as text_reader
    from pipeline.build.commands import extract_file

    text_reader.safe_text = lambda text: None  # type: ignore[assignment,return-value]
    return extract_file(source, stem, output, rules_dir, password, debug)


def disk_full(**_: object) -> BuildResult:
    """A document's outputs meet a full disk as they are written."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
