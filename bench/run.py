"""`make bench`: the pipeline against the bare libraries, on a long plan (W1) and a mixed corpus (W2).

Measured in one run, printed as a table and written to bench/results.json:
1. W1 extract time (`process()`: read, extract, normalise, check) ÷ bare pdfplumber (open +
   `extract_words()` on every page) in one process, on each rendering of W1 (LibreOffice's and
   reportlab's, when LibreOffice is there); page-parallel extraction ÷ one process; the
   `python -m pipeline extract` command (start-up, JSON and workbook included) beside it; and
   our one-process time ÷ camelot's (stream) on the same file;
2. W1 correctness, on each rendering: every action's fields against the generator's answers;
   and the sequential and page-parallel JSON byte for byte;
3. peak memory (ru_maxrss of a fresh child) reading W1 ÷ reading its first 30 pages;
4. W2 full build with `--jobs 2` against `--jobs 1` (speed-up, fresh output folders, the
   median of the rounds), and the same for the documents phase alone (the workers' part);
5. W2 rebuild with nothing changed: wall time and documents sent to a worker;
6. `python -m pipeline --help` ÷ `python -c pass` (medians);
7. W1 through pdfplumber's default `extract_tables()` and camelot (stream), read into actions
   as a person would (bench/pdfplumber_baseline.py), rows right against ours;
8. W3, a 10,000-row tracker kept in a spreadsheet (.xlsx, .csv, and .ods with LibreOffice): the
   time to read it (target under 2 s), beside openpyxl's two modes, and every action's id and
   status (a word, or only a colour) right.

Timings of the same quantity are interleaved (bare, sequential, parallel, bare, ...) and the
median is kept, so a noisy machine moves them together. Workloads are generated and cached in
bench/work/ (bench/workloads.py). camelot is installed into bench/work/camelot-venv, never into
the project's environment.

Run: `.venv/bin/python bench/run.py [--quick] [--repeat N] [--no-camelot] [--no-libreoffice]`
(`--quick`: a few pages and documents, for the smoke test; its ratios mean little).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import workloads  # noqa: E402
from pdfplumber_baseline import FIELDS, actions_from_tables, pdfplumber_tables, score  # noqa: E402

CAMELOT = "camelot-py==2.0.0"
PAGE_ENV = "PIPELINE_PAGE_JOBS"
FIRST_PAGES = 30


# ----------------------------------------------------------------------------- results


class Results:
    """The measures of one run, each with its target; printed as a table, written as JSON."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.data: dict[str, Any] = {}

    def add(self, key: str, label: str, value: Any, target: str = "", met: bool | None = None, note: str = "") -> None:
        self.rows.append({"key": key, "measure": label, "value": value, "target": target, "met": met, "note": note})
        print(f"  {label}: {_fmt(value)}" + (f"  (target {target})" if target else "") + (f" - {note}" if note else ""))

    def table(self) -> str:
        head = ("#", "measure", "value", "target", "met")
        body = [
            (r["key"], r["measure"], _fmt(r["value"]), r["target"], {True: "yes", False: "MISSED", None: ""}[r["met"]])
            for r in self.rows
        ]
        widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]
        lines = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
        return "\n".join(lines)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"measures": self.rows, **self.data}
        path.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)


def median_times(actions: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Median wall time of each action, the actions interleaved round by round."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            started = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


# ----------------------------------------------------------------------------- W1: speed, correctness


def bare_words(data: bytes) -> None:
    """The library floor: open, `extract_words()` on every page, close each page."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def extract(path: Path, rules: Any, jobs: int) -> str:
    """The document's JSON, its pages read by `jobs` processes."""
    from pipeline.core.model import to_json
    from pipeline.process import process

    os.environ[PAGE_ENV] = str(jobs)
    try:
        return to_json(process(path, rules))
    finally:
        os.environ.pop(PAGE_ENV, None)


# The targets, each with the measure it holds (what `make bench` reports as met or MISSED).
EXTRACT_TARGET = 0.35  # W1 extract, one process, ÷ bare pdfplumber `extract_words()`
PARALLEL_TARGET = 0.6  # W1 page-parallel on every core ÷ one process
BUILD_TARGET = 1.6  # W2 build speed-up, --jobs 2 over --jobs 1
HELP_TARGET = 2.5  # `--help` ÷ bare Python start
MEMORY_TARGET = 1.3  # peak memory at 287 pages ÷ at 30


def measure_w1(
    w1: workloads.W1, rules: Any, results: Results, repeat: int, cores: int, suffix: str = "", parallel: bool = True
) -> dict[str, Any]:
    """Extract time against bare pdfplumber (and page-parallel against one process, if `parallel`)."""
    from pipeline.read.pdf import parallel as pdf_parallel

    data = w1.pdf.read_bytes()
    jobs = max(2, cores)
    extract(workloads.FIXTURES / "plan-word.pdf", rules, 1)  # libraries loaded outside the timings
    outputs: dict[str, str] = {}

    def ours(jobs: int) -> Callable[[], None]:
        def run() -> None:
            outputs[str(jobs)] = extract(w1.pdf, rules, jobs)

        return run

    actions = {"bare": lambda: bare_words(data), "seq": ours(1)}
    if parallel:
        actions["par"] = ours(jobs)
    times = median_times(actions, repeat)
    seq, bare = times["seq"] / times["bare"], times["bare"]
    results.data[f"w1_seconds{suffix}"] = {k: round(v, 3) for k, v in times.items()}
    where = f" ({w1.renderer.split(' ')[0]}, {w1.pages} pages)"
    note = f"bare {bare:.2f} s, ours {times['seq']:.2f} s"
    ok = seq <= EXTRACT_TARGET
    results.add(f"1a{suffix}", "W1 extract ÷ bare pdfplumber, one process" + where, round(seq, 3),
                f"≤ {EXTRACT_TARGET}", ok, note)  # fmt: skip
    out = {"seq": outputs["1"], "bare": bare, "ours": times["seq"]}
    if parallel:
        par = times["par"] / times["seq"]
        will_split = w1.pages >= pdf_parallel.PAGE_THRESHOLD
        note = f"{jobs} processes, {times['par']:.2f} s ({times['par'] / bare:.3f} of bare)"
        note += "" if will_split else "; too few pages to split"
        results.add(f"1b{suffix}", "W1 extract page-parallel ÷ one process", round(par, 3), f"≤ {PARALLEL_TARGET}",
                    par <= PARALLEL_TARGET, note)  # fmt: skip
        out["par"] = outputs[str(jobs)]
    return out


def measure_cli_extract(w1: workloads.W1, results: Results, bare: float, work: Path) -> None:
    """The whole `extract` command a user runs (interpreter start-up, JSON and workbook written)."""
    out = Path(tempfile.mkdtemp(prefix="extract-", dir=work))
    try:
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "pipeline", "extract", str(w1.pdf), "-o", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=_env(),
        )
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    ok = run.returncode == 0
    note = f"{seconds:.2f} s, writes JSON and workbook" + ("" if ok else f"; FAILED: {run.stderr.strip()[:200]}")
    results.add("1c", "W1 `pipeline extract` command ÷ bare pdfplumber", round(seconds / bare, 3), note=note)


def measure_correctness(w1: workloads.W1, outputs: dict[str, Any], results: Results, suffix: str = "") -> None:
    doc = json.loads(outputs.get("par", outputs["seq"]))
    right, diffs = workloads.action_differences(doc, w1.expected)
    total = len(w1.expected["actions"])
    results.data[f"w1_differences{suffix}"] = diffs[:200]
    note = f"{right}/{total} actions, every field" + (f"; first: {diffs[0]}" if diffs else "")
    label = f"W1 actions exactly right ({w1.renderer.split(' ')[0]})"
    ok = right == total and not diffs
    results.add(f"2{suffix}", label, f"{100 * right / total:.1f}%", "100%", ok, note)
    if "par" in outputs:
        same = outputs["seq"] == outputs["par"]
        verdict = "byte-identical" if same else "DIFFERENT"
        results.add(f"2b{suffix}", "W1 JSON page-parallel == sequential", verdict, "identical", same)


# ----------------------------------------------------------------------------- W1: memory


def peak_rss_mb(pdf: Path) -> float:
    """Peak resident memory of a fresh child that reads `pdf` (pages in order, one process).

    The child reports its own high-water mark (VmHWM): the `ru_maxrss` that wait4 gives for a
    child counts the memory of the parent it was forked from as well, so it cannot tell a
    30-page run from a 300-page one.
    """
    code = (
        "import sys; from pathlib import Path; from pipeline.rules import load_rules; "
        "from pipeline.process import process; process(Path(sys.argv[1]), load_rules()); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(pdf)], cwd=ROOT, env=_env({PAGE_ENV: "1"}), capture_output=True, text=True
    )
    if run.returncode != 0:
        raise RuntimeError(f"reading {pdf.name} failed in the memory probe: {run.stderr.strip()[-300:]}")
    return int(run.stdout.split()[-1]) / 1024  # kB


def measure_memory(w1: workloads.W1, results: Results) -> None:
    first = workloads.first_pages(w1.pdf, min(FIRST_PAGES, w1.pages), w1.pdf.with_name(f"first-{FIRST_PAGES}.pdf"))
    whole, part = peak_rss_mb(w1.pdf), peak_rss_mb(first)
    ratio = whole / part
    note = f"{whole:.0f} MB for {w1.pages} pages, {part:.0f} MB for {min(FIRST_PAGES, w1.pages)}"
    ok = ratio <= MEMORY_TARGET
    results.add("3", "W1 peak RSS ÷ first 30 pages' peak RSS", round(ratio, 3), f"≤ {MEMORY_TARGET}", ok, note)


# ----------------------------------------------------------------------------- W2: builds


BUILD_PROBE = """
import dataclasses, json, sys, time
import pipeline.build.run as build
phases = {}
def timed(name, method):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            phases[name] = round(phases.get(name, 0) + time.perf_counter() - started, 3)
    return run
for name in ("_build_documents", "_index", "_revisions"):
    setattr(build._Build, name, timed(name.strip("_"), getattr(build._Build, name)))
stats = {}
run = build._Build.run
def counted(self, *args, **kwargs):
    result = run(self, *args, **kwargs)
    stats.update(dataclasses.asdict(result))
    return result
build._Build.run = counted
from pipeline.cli import exit_with, main
code = main(sys.argv[1:])
print("STATS " + json.dumps({**stats, "phases": phases}))
exit_with(code)  # as `python -m pipeline` ends
"""


def build(inputs: Path, outputs: Path, jobs: int) -> tuple[float, dict[str, Any], int]:
    """(wall seconds, the build's own counts and phase times, exit status) of the build command in a child."""
    argv = [sys.executable, "-c", BUILD_PROBE, "build", str(inputs), str(outputs), "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    run = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env=_env())
    seconds = time.perf_counter() - started
    stats = next((json.loads(line[6:]) for line in run.stdout.splitlines() if line.startswith("STATS ")), {})
    if run.returncode not in (0, 1) or not stats:
        raise RuntimeError(f"the build failed (exit {run.returncode}): {run.stderr.strip()[-400:]}")
    return seconds, stats, run.returncode


def _median_run(runs: list[tuple[float, dict[str, Any], int]]) -> tuple[float, dict[str, Any], int]:
    """The run with the median wall time."""
    return sorted(runs, key=lambda r: r[0])[len(runs) // 2]


def measure_w2(inputs: Path, results: Results, work: Path, repeat: int) -> None:
    count = sum(1 for p in inputs.iterdir() if p.is_file())
    out = Path(tempfile.mkdtemp(prefix="w2-out-", dir=work))
    runs: dict[int, list[tuple[float, dict[str, Any], int]]] = {1: [], 2: []}
    try:
        for n in range(repeat):  # rounds interleaved, each build into a fresh folder
            for jobs in (1, 2):
                runs[jobs].append(build(inputs, out / f"jobs{jobs}-{n}", jobs))
        t3, s3, _ = build(inputs, out / "jobs2-0", 2)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    (t1, s1, _), (t2, s2, code) = (_median_run(runs[1]), _median_run(runs[2]))
    results.data["w2"] = {"documents": count, "jobs1": [t1, s1], "jobs2": [t2, s2], "rebuild": [t3, s3]}
    speedup = t1 / t2
    failed = s2.get("failed", 0)
    p1, p2 = s1.get("phases", {}), s2.get("phases", {})
    note = f"{count} documents: {t1:.1f} s with 1 worker, {t2:.1f} s with 2 (median of {repeat}); "
    note += f"{s2.get('built', 0)} built"
    note += f", {failed} failed" if failed else ""
    ok = speedup >= BUILD_TARGET
    results.add("4", "W2 build speed-up, --jobs 2 over --jobs 1", round(speedup, 3), f"≥ {BUILD_TARGET}", ok, note)
    if p1.get("build_documents") and p2.get("build_documents"):
        docs = p1["build_documents"] / p2["build_documents"]
        note = (
            f"documents {p1['build_documents']:.1f} s -> {p2['build_documents']:.1f} s; after them: "
            f"index {p1.get('index', 0):.1f} s (with 2 workers written in a second process while the revision "
            f"histories are: {p2.get('index', 0):.1f} s to start it), revision histories {p2.get('revisions', 0):.1f} s"
        )
        results.add("4b", "W2 documents phase speed-up (workers only)", round(docs, 3), note=note)
    opened = s3.get("sent", -1)
    results.add("5a", "W2 rebuild, nothing changed: wall time (s)", round(t3, 3), "< 1 s", t3 < 1.0, "whole command")
    results.add("5b", "W2 rebuild: documents opened", opened, "0", opened == 0, f"{s3.get('unchanged', 0)} unchanged")
    if code != 0 or failed:
        results.data["w2_failed"] = failed


# ----------------------------------------------------------------------------- start-up


def measure_startup(results: Results, runs: int) -> None:
    help_cmd = [sys.executable, "-m", "pipeline", "--help"]
    bare_cmd = [sys.executable, "-c", "pass"]

    def run(cmd: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True, env=_env())

    times = median_times({"pass": run(bare_cmd), "help": run(help_cmd)}, runs)
    ratio = times["help"] / times["pass"]
    note = f"{times['help'] * 1000:.0f} ms vs {times['pass'] * 1000:.0f} ms, median of {runs}"
    ok = ratio <= HELP_TARGET
    results.add("6", "`python -m pipeline --help` ÷ `python -c pass`", round(ratio, 3), f"≤ {HELP_TARGET}", ok, note)


# ----------------------------------------------------------------------------- other table finders


def measure_finders(
    w1: workloads.W1, rules: Any, outputs: dict[str, Any], results: Results, camelot: bool, work: Path
) -> None:
    want = w1.expected["cells"]
    total = len(want)
    doc = json.loads(outputs["par"])
    ours = {
        a["id"]: {
            "text": a["text"],
            "status": a["status_raw"] or "",
            "links": a["links_raw"] or "",
            "age_group": a.get("age_group_raw") or "",
        }
        for a in doc["actions"]
    }
    mine = score(ours, want)
    results.add("7a", "W1 rows right: this pipeline", f"{mine['rows_right']}/{total}", note=_fields(mine))
    started = time.perf_counter()
    tables = pdfplumber_tables(w1.pdf.read_bytes())
    seconds = time.perf_counter() - started
    base = score(actions_from_tables(tables, rules), want)
    note = f"{seconds:.1f} s; " + _fields(base)
    results.add("7b", "W1 rows right: pdfplumber extract_tables()", f"{base['rows_right']}/{total}", note=note)
    results.data["finders"] = {"ours": mine, "pdfplumber": base, "pdfplumber_seconds": seconds}
    if not camelot:
        results.add("7c", "W1 rows right: camelot (stream)", "not run", note="--no-camelot")
        return
    python, why = camelot_python(work / "camelot-venv")
    if python is None:
        results.add("7c", "W1 rows right: camelot (stream)", "not installed", note=why)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "camelot.json"
        run = subprocess.run(
            [str(python), str(HERE / "camelot_tables.py"), str(w1.pdf), str(out)], capture_output=True, text=True
        )
        if run.returncode != 0 or not out.is_file():
            results.add("7c", "W1 rows right: camelot (stream)", "failed", note=run.stderr.strip()[-200:])
            return
        found = json.loads(out.read_text(encoding="utf-8"))
    cam = score(actions_from_tables(found["pages"], rules), want)
    note = f"camelot {found.get('version')}, {found['seconds']:.1f} s; " + _fields(cam)
    results.add("7c", "W1 rows right: camelot (stream)", f"{cam['rows_right']}/{total}", note=note)
    results.data["finders"]["camelot"] = cam
    started = time.perf_counter()  # ours again, right after camelot: the same load on the machine
    extract(w1.pdf, rules, 1)
    ours = time.perf_counter() - started
    ratio = ours / found["seconds"]
    note = f"camelot {found['seconds']:.2f} s, then ours {ours:.2f} s in one process (read to checked records)"
    results.add("1d", "W1 extract ÷ camelot (stream), same run", round(ratio, 3), "< 1", ratio < 1, note)


def _fields(counts: dict[str, int]) -> str:
    return "fields right: " + ", ".join(f"{f} {counts[f]}" for f in FIELDS)


def camelot_python(venv: Path | None = None) -> tuple[Path | None, str]:
    """camelot's own virtual environment (made on first use), or None and why not."""
    venv = venv or workloads.WORK / "camelot-venv"
    python = venv / "bin" / "python"
    if python.is_file() and _has_camelot(python):
        return python, ""
    base = getattr(sys, "_base_executable", sys.executable)
    print(f"  installing {CAMELOT} into {venv} (not a project dependency) ...")
    try:
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", CAMELOT],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
        return None, f"{CAMELOT} did not install: {text.strip().splitlines()[-1] if text.strip() else exc}"
    return (python, "") if _has_camelot(python) else (None, f"{CAMELOT} installed but does not import")


def _has_camelot(python: Path) -> bool:
    return subprocess.run([str(python), "-c", "import camelot"], capture_output=True).returncode == 0


# ----------------------------------------------------------------------------- W3: spreadsheet tracker


def openpyxl_read(path: Path, read_only: bool) -> int:
    """The alternative reader: openpyxl's cached values and fills for every cell (merges too when not
    read-only). Returns the cells holding a value."""
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True, read_only=read_only)
    try:
        filled = 0
        for row in wb.worksheets[0].iter_rows():
            for cell in row:
                filled += cell.value is not None
                _fill = getattr(cell, "fill", None)
        return filled
    finally:
        if read_only:
            wb.close()


def measure_w3(w3: workloads.W3, rules: Any, results: Results, repeat: int) -> None:
    from pipeline.read import read

    def ours(path: Path) -> Callable[[], None]:
        return lambda: read(path, rules)

    actions: dict[str, Callable[[], Any]] = {"xlsx": ours(w3.xlsx), "csv": ours(w3.csv)}
    if w3.ods is not None:
        actions["ods"] = ours(w3.ods)
    actions["openpyxl read-only"] = lambda: openpyxl_read(w3.xlsx, True)
    actions["openpyxl"] = lambda: openpyxl_read(w3.xlsx, False)
    times = median_times(actions, repeat)
    results.data["w3_seconds"] = {k: round(v, 3) for k, v in times.items()}
    rows = f"{w3.rows:,}".replace(",", " ")
    note = "values as shown, fills, merges, hidden rows, formulas' saved results (streamed with lxml)"
    results.add("8a", f"W3 {rows}-row tracker read, .xlsx (s)", round(times["xlsx"], 3), "< 2", times["xlsx"] < 2, note)
    results.add("8b", f"W3 {rows}-row tracker read, .csv (s)", round(times["csv"], 3), "< 2", times["csv"] < 2)
    if "ods" in times:
        results.add("8c", f"W3 {rows}-row tracker read, .ods (s)", round(times["ods"], 3), "< 2", times["ods"] < 2)
    else:
        results.add("8c", f"W3 {rows}-row tracker read, .ods (s)", "not run", note="LibreOffice is not installed")
    note = "values and fills only: no merges or hidden rows, in read-only mode"
    results.add("8d", "W3 .xlsx through openpyxl read-only (s)", round(times["openpyxl read-only"], 3), note=note)
    note = "values, fills and merges, the whole sheet held in memory before any row cap can act"
    results.add("8e", "W3 .xlsx through openpyxl (s)", round(times["openpyxl"], 3), note=note)
    from pipeline.process import process

    started = time.perf_counter()
    doc = process(w3.xlsx, rules)
    seconds = time.perf_counter() - started
    rows_in = workloads.tracker_rows(w3.rows)
    want = [(r[0], rules.status_for(r[3]).label) for r in rows_in]  # type: ignore[union-attr]
    got = [(a.id, a.status) for a in doc.actions]
    right = sum(1 for g, w in zip(got, want, strict=False) if g == w)
    results.add(
        "8f",
        "W3 actions read with the right id and status (word or colour)",
        f"{right}/{len(want)}",
        "all",
        right == len(want) == len(got),
        f"whole extraction (read, plan reader, checks) {seconds:.1f} s",
    )


# ----------------------------------------------------------------------------- main


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != PAGE_ENV}
    env.update(extra or {})
    return env


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny workloads: checks the script works (seconds)")
    parser.add_argument("--repeat", type=int, default=None, help="timing rounds (default 3, quick 1)")
    parser.add_argument("--work", type=Path, default=workloads.WORK, help="where workloads are generated and cached")
    parser.add_argument("--results", type=Path, default=HERE / "results.json", help="where the numbers are written")
    parser.add_argument("--no-camelot", action="store_true", help="skip camelot (it is installed on first use)")
    parser.add_argument("--no-libreoffice", action="store_true", help="render the workloads with reportlab only")
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    import pdfplumber

    from pipeline.core.processes import usable_cores
    from pipeline.rules import load_rules

    cores = usable_cores()
    results = Results()
    results.data["machine"] = {
        "cores": cores,
        "python": platform.python_version(),
        "pdfplumber": pdfplumber.__version__,
        "quick": args.quick,
        "repeat": repeat,
    }
    libreoffice = not args.no_libreoffice
    if libreoffice and workloads.soffice() is None:
        print("LibreOffice (soffice) is not installed: the workloads are rendered with reportlab instead.")
    w1 = workloads.build_w1(args.work, quick=args.quick, libreoffice=libreoffice)
    # the same plan drawn by reportlab too, when LibreOffice drew the first: the same content must
    # read exactly whichever program drew it
    w1_other = (
        workloads.build_w1(args.work, quick=args.quick, libreoffice=False) if w1.renderer == "LibreOffice" else None
    )
    w2 = workloads.build_w2(args.work, quick=args.quick, libreoffice=libreoffice)
    results.data["workloads"] = {
        "w1": {"pages": w1.pages, "actions": len(w1.expected["actions"]), "renderer": w1.renderer, "file": str(w1.pdf)},
        "w2": {"documents": sum(1 for p in w2.iterdir() if p.is_file()), "folder": str(w2)},
    }
    print(f"W1: {w1.pages} pages, {len(w1.expected['actions'])} actions ({w1.renderer}); {cores} cores")
    rules = load_rules()

    print("1-2. W1 extract time and correctness ...")
    outputs = measure_w1(w1, rules, results, repeat, cores)
    measure_cli_extract(w1, results, outputs["bare"], args.work)
    measure_correctness(w1, outputs, results)
    if w1_other is not None:
        print(f"1-2. the same on W1 drawn by reportlab ({w1_other.pages} pages) ...")
        other = measure_w1(w1_other, rules, results, repeat, cores, suffix="r", parallel=False)
        measure_correctness(w1_other, other, results, suffix="r")
        results.data["workloads"]["w1_reportlab"] = {"pages": w1_other.pages, "file": str(w1_other.pdf)}
    print("3. peak memory ...")
    measure_memory(w1, results)
    print("4-5. W2 builds ...")
    measure_w2(w2, results, args.work, repeat)
    print("6. start-up ...")
    measure_startup(results, 3 if args.quick else 9)
    print("8. W3 spreadsheet tracker ...")
    w3 = workloads.build_w3(args.work, quick=args.quick, libreoffice=libreoffice)
    measure_w3(w3, rules, results, repeat)
    print("7. other table finders on W1 ...")
    measure_finders(w1, rules, outputs, results, camelot=not args.no_camelot and not args.quick, work=args.work)

    results.data["seconds"] = round(time.perf_counter() - started, 1)
    results.write(args.results)
    print()
    print(results.table())
    print(f"\n(written to {args.results}; {results.data['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
