"""Revisions in inputs/: find the documents that are versions of one plan, and write their history.

After each build, `build_revisions` looks at every action plan the build wrote, groups the ones
that are revisions of the same plan, puts each group in order, and writes per plan
`outputs/<plan>.history.xlsx` plus the diff of each consecutive pair
(`outputs/<older>__<newer>.diff.md|.json|.xlsx`). It returns every path it wrote or kept, so the
build can treat them as its outputs (and delete them when they are no longer produced).

Grouping. Two plans are revisions of one when most of their actions are the same actions —
matched as `diff` matches them (same number with similar words, or the same words under a new
number): at least `SAME_PLAN_SHARE` (half) of the smaller plan's actions, or
`SAME_TITLE_SHARE` (a quarter) when the two plans also carry the same title. Numbering alone
is not enough (every plan has a 1.1.1), and a title alone is not either (many councils publish
a "Self-Harm Action Plan"). A quick pass comes first: when half the smaller plan's actions kept
their words (or their number and most words) the two are revisions, and when fewer than
`QUICK_NO_SHARE` did (and the titles differ) they are not; only the doubtful pairs are matched
action by action, which costs a comparison of every pair of actions. Revisions are grouped
transitively: v1~v2 and v2~v3 put all three together even if v3 has drifted far from v1.

A workbook this pipeline wrote and an officer edited says itself which document it was written
from (`Source.revision_of`, from the mark inside it): it joins that document's group and comes
right after it, whatever its name or how much was changed.

Order: versions, then dates (in the file names, front pages or titles), then how the statuses
moved on between two revisions (`revision_order`). A rule pins both the group and its order
when the guess is wrong: `revisions:` in rules/documents.yaml maps a plan name to its files,
oldest first; those files are then left out of the guessing. Each group's order and the reason
for it go on the history workbook's Revisions sheet and into the build's log.

Name: the history workbook is named after the plan, its title as most of its revisions print
it (without version or date), so it keeps its name as revisions are added; a plan without a
title of its own is named by what its file names share.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.kinds import KINDS
from pipeline.core.model import Document, from_dict
from pipeline.diff.compare import compare, match_actions
from pipeline.diff.history_xlsx import Revision, history_workbook
from pipeline.diff.match import SAME_ID_MIN
from pipeline.diff.revision_order import REASONS, Marks, NameReader, Ordered, order
from pipeline.diff.similarity import compare_form, reaches, tokens
from pipeline.diff.write import diff_stem, write_diff, write_if_changed
from pipeline.emit.xlsx.safe import reproducible_bytes
from pipeline.rules import Rules, fold

log = logging.getLogger(__name__)
EDITED_AFTER = "each edited workbook after the document it was written from (the mark inside it)"

SAME_PLAN_SHARE = 0.5
SAME_TITLE_SHARE = 0.25
QUICK_NO_SHARE = 0.2  # fewer actions than this kept as they were: not revisions (unless the titles agree)
PREFILTER_OVERLAP = 0.3  # plans sharing less than this of their numbers and of their words are not compared
HISTORY_SUFFIX = ".history.xlsx"
# A history's file name in bytes: what every file system holds (255) less room for the prefix and
# the random part of the temporary name it is first written under (`emit.atomic`).
MAX_NAME_BYTES = 200
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Plan:
    """One action plan the build wrote: input file name, output stem and its records."""

    name: str
    stem: str
    doc: Document


@dataclass(frozen=True)
class RevisionGroup:
    plan: str  # the name used for outputs/<plan>.history.xlsx
    members: tuple[str, ...]  # input file names, oldest first
    how: str  # how the order was decided
    why: tuple[str, ...] = ()  # why each member follows the one before ("v2 after v1")
    notes: tuple[str, ...] = ()  # duplicates, missing versions, an order guessed from names

    def describe(self) -> str:
        """One line for the terminal and the log: the plan, its revisions in order, and why."""
        steps = [self.members[0]] + [f"{m} ({w})" for m, w in zip(self.members[1:], self.why, strict=False)]
        return f"revisions of {self.plan}, oldest first: " + " → ".join(steps)


def build_revisions(
    outputs: Path, documents: dict[str, Path], rules: Rules, report: list[tuple[str, str]] | None = None
) -> list[Path]:
    """Write the history workbook and consecutive diffs of every plan with two or more revisions.

    `report` receives ("order", line) per plan (its revisions in order and why) and ("warning",
    note) for each duplicate, gap in the versions or order guessed from file names."""
    plans = load_plans(documents)
    written: list[Path] = []
    for group in find_groups(plans, rules):
        if report is not None:
            report += [("order", group.describe()), *(("warning", note) for note in group.notes)]
        try:
            written += write_group(outputs, group, plans, rules)
        except Exception as exc:  # this plan's history is missing; every other plan's is written
            if report is None:
                raise
            report += _failed(group, exc)
    return written


def _failed(group: RevisionGroup, exc: Exception) -> list[tuple[str, str]]:
    """What the build shows when one plan's history cannot be written: ("error", its one line),
    after ("detail", the traceback) when the cause is a defect of ours (the build keeps that in
    its log and the line then says where)."""
    from pipeline.core.errors import InternalError, blame, traceback_text

    what = f"revision history of {group.plan}"
    if _vanished(exc):
        return [("error", f"{what}: could not be written: {OUTPUTS_REMOVED}")]
    error = blame(exc, None, "written")
    if isinstance(error, InternalError):
        line = (
            f"{what}: could not be written because of an internal error in the pipeline — "
            "please report this to the pipeline's maintainers"
        )
        return [("detail", error.detail or traceback_text(exc)), ("error", line)]
    return [("error", error.line(what))]


OUTPUTS_REMOVED = (
    "files in the output folder were removed while the build ran (not a fault of the document) — run `make` again"
)


def _vanished(exc: BaseException) -> bool:
    """A file or folder the history was being written from or into was taken away meanwhile
    (`make clean` in another terminal, a sync tool): the folder's trouble, tried again next build."""
    from pipeline.core.errors import causes

    return any(isinstance(c, FileNotFoundError) or "IO_ENOENT" in str(c) for c in causes(exc))


def load_plans(documents: dict[str, Path]) -> dict[str, Plan]:
    """Every action plan among the build's JSON outputs (anything unreadable is left out)."""
    plans: dict[str, Plan] = {}
    for name, path in sorted(documents.items()):
        try:
            doc = from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("%s: its JSON could not be read for the revision history (%s)", name, exc)
            continue
        if KINDS[doc.kind].revisions and doc.actions:
            plans[name] = Plan(name, path.stem, doc)
    return plans


def find_groups(plans: dict[str, Plan], rules: Rules) -> list[RevisionGroup]:
    """Groups of two or more plans that are revisions of one, each in order, by plan name."""
    groups: list[RevisionGroup] = []
    pinned: set[str] = set()
    for plan, files in rules.revisions.items():
        present = [f for f in files if f in plans]
        missing = [f for f in files if f not in plans]
        if missing:
            log.warning("revisions of %s: %s not among this build's plans", plan, ", ".join(missing))
        pinned.update(present)
        if len(present) >= 2:
            groups.append(RevisionGroup(_safe_name(plan), tuple(present), "as listed in rules/documents.yaml"))
    free = sorted(name for name in plans if name not in pinned)
    parent = {name: name for name in free}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    def union(a: str, b: str) -> None:
        parent[max(root(a), root(b))] = min(root(a), root(b))

    made_from = edited_from({name: plans[name] for name in free})
    for child, source in made_from.items():
        union(child, source)  # the workbook says so itself: no guessing
    for i, a in enumerate(free):
        for b in free[i + 1 :]:
            if root(a) != root(b) and same_plan(plans[a].doc, plans[b].doc):
                union(a, b)
    members: dict[str, list[str]] = {}
    for name in free:
        members.setdefault(root(name), []).append(name)
    taken = {g.plan for g in groups}
    for names in sorted(members.values()):
        if len(names) < 2:
            continue
        ordered = order_plans([plans[n] for n in names], rules)
        placed, how = after_sources(list(ordered.names), ordered.how, made_from)
        if placed != ordered.names:  # edited workbooks go right after what they were written from
            ordered.names, ordered.how = placed, how
            ordered.why = [EDITED_AFTER] * (len(placed) - 1)
        plan = _unique(plan_name([plans[n] for n in ordered.names], rules), taken)
        taken.add(plan)
        groups.append(RevisionGroup(plan, tuple(ordered.names), ordered.how, tuple(ordered.why), tuple(ordered.notes)))
    return sorted(groups, key=lambda g: g.plan)


def edited_from(plans: dict[str, Plan]) -> dict[str, str]:
    """Edited workbooks and the plan each was written from: {workbook input name: source input name}.

    A workbook this pipeline wrote carries the content hash of the document it was made from
    (`Source.revision_of`); when that document is among the plans, the workbook is its next
    revision, whatever either file is called.
    """
    by_hash = {plan.doc.source.sha256: name for name, plan in sorted(plans.items())}
    out: dict[str, str] = {}
    for name, plan in sorted(plans.items()):
        mark = plan.doc.source.revision_of
        source = by_hash.get(mark.get("sha256", "")) if mark else None
        if source is not None and source != name:
            out[name] = source
    return out


def after_sources(ordered: list[str], how: str, made_from: dict[str, str]) -> tuple[list[str], str]:
    """`ordered` with each edited workbook moved to just after the document it was written from
    (after that document's earlier edited copies), and how the order was then decided."""
    members = set(ordered)
    links = {child: source for child, source in made_from.items() if child in members and source in members}
    if not links:
        return ordered, how
    result: list[str] = []

    def place(name: str) -> None:
        if name in result:
            return
        result.append(name)
        for child in ordered:
            if links.get(child) == name:
                place(child)

    roots = [name for name in ordered if name not in links]
    for name in roots or ordered[:1]:
        place(name)
    for name in ordered:  # anything a cycle of marks left out keeps its place at the end
        place(name)
    children: dict[str, int] = {}
    for source in links.values():
        children[source] = children.get(source, 0) + 1
    marks = EDITED_AFTER
    if len(roots) == 1 and all(n == 1 for n in children.values()):
        return result, f"by {marks}"
    return result, f"{how}; {marks}"


def order_plans(members: list[Plan], rules: Rules) -> Ordered:
    """Revisions of one plan oldest first: versions, dates, then how the statuses moved on."""
    reader = NameReader.from_rules(rules)
    by_name = {p.name: p for p in members}
    moved: dict[tuple[str, str], int] = {}

    def evidence(a: str, b: str) -> int:
        """Actions that moved forward minus those that went back, going from a to b."""
        if (a, b) not in moved:
            counts = compare(by_name[a].doc, by_name[b].doc, rules).counts()
            moved[(a, b)] = counts.get("forward", 0) - counts.get("back", 0)
        return moved[(a, b)]

    ordered = order([(p.name, marks_of(p, reader)) for p in members], evidence)
    duplicates = 0
    for k, (older, newer) in enumerate(zip(ordered.names, ordered.names[1:], strict=False)):
        a, b = by_name[older].doc, by_name[newer].doc
        if a.source.sha256 == b.source.sha256 or compare(a, b, rules).is_empty():
            ordered.notes.append(f"{older} and {newer} hold the same plan word for word (duplicates)")
            if ordered.why[k] == REASONS["name"]:
                ordered.why[k] = "a duplicate of the one before"
                duplicates += 1
    if duplicates and REASONS["name"] not in ordered.why:  # only duplicates were ordered by name: no guess
        ordered.notes = [n for n in ordered.notes if "ordered by file name" not in n]
    return ordered


def marks_of(plan: Plan, reader: NameReader) -> Marks:
    """The date and version of one revision: from its file name, its front page, its title."""
    return reader.marks_of(plan.stem, plan.doc.title, plan.doc.revision)


def same_plan(a: Document, b: Document) -> bool:
    """True when `a` and `b` look like revisions of one plan (see the module docstring)."""
    smaller = min(len(a.actions), len(b.actions))
    if smaller == 0:
        return False
    same_title = bool(fold(a.title)) and fold(a.title) == fold(b.title)
    if not same_title and not _overlap(a, b):
        return False
    kept = _kept_share(a, b)  # cheap: the full matching below compares every pair of actions
    if kept >= SAME_PLAN_SHARE:
        return True
    if kept < QUICK_NO_SHARE and not same_title:
        return False
    matched = len(match_actions(a, b).pairs)
    share = matched / smaller
    return share >= SAME_PLAN_SHARE or (same_title and share >= SAME_TITLE_SHARE)


def _kept_share(a: Document, b: Document) -> float:
    """Share of the smaller plan's actions found unchanged in the other: the same words, or the
    same number with words at least `SAME_ID_MIN` alike. Found in one pass, no pairing."""
    small, large = (a, b) if len(a.actions) <= len(b.actions) else (b, a)
    texts = {compare_form(x.text) for x in large.actions}
    by_id = {x.id: x.text for x in large.actions}
    kept = sum(
        1
        for x in small.actions
        if compare_form(x.text) in texts or (x.id in by_id and reaches(x.text, by_id[x.id], SAME_ID_MIN))
    )
    return kept / len(small.actions)


def _overlap(a: Document, b: Document) -> bool:
    """A cheap first look: do the two share a fair part of their action numbers or words?"""

    def jaccard(x: set[str], y: set[str]) -> float:
        return len(x & y) / len(x | y) if x | y else 0.0

    ids = jaccard({x.id for x in a.actions}, {x.id for x in b.actions})
    words = jaccard({w for x in a.actions for w in tokens(x.text)}, {w for x in b.actions for w in tokens(x.text)})
    return ids >= PREFILTER_OVERLAP or words >= PREFILTER_OVERLAP


def plan_name(plans: list[Plan], rules: Rules | None = None) -> str:
    """A name for the plan that stays as revisions are added: its title as most revisions print
    it (version and date taken out; ties go to the first in alphabetical order), else what its
    file names share.

    titles "Preventing Self-Harm Action Plan" (x2) -> "Preventing Self-Harm Action Plan"
    no titles, files "SH plan v1", "SH plan v2" -> "SH plan"
    """
    titles = [t for t in (_plain_title(p, rules) for p in plans) if t]
    if titles:
        counts = {t: titles.count(t) for t in titles}
        return _safe_name(min(counts, key=lambda t: (-counts[t], t)))
    return _shared_stem(plans)


def _plain_title(plan: Plan, rules: Rules | None) -> str:
    """A revision's title without its version or date; empty when it has no title of its own."""
    title = " ".join(plan.doc.title.split())
    if not title or title == plan.stem:
        return ""
    if rules is not None:
        reader = NameReader.from_rules(rules)
        for pattern in (reader.version_pattern, *reader.date_patterns):
            title = pattern.sub(" ", title)
    return _strip_marks(" ".join(title.split()))


def _shared_stem(plans: list[Plan]) -> str:
    """What the revisions' file names share ("SH plan v1", "SH plan v2" -> "SH plan")."""
    stems = [p.stem for p in plans]
    prefix = _strip_marks(_common_prefix(stems))
    if len(prefix) >= 3:
        return _safe_name(prefix)
    return _safe_name(min(stems))


def _common_prefix(stems: list[str]) -> str:
    """The start the names share, cut at a word's edge ("SH plan v1", "SH plan v2" -> "SH plan ")."""
    prefix = stems[0]
    for stem in stems[1:]:
        while not stem.startswith(prefix):
            prefix = prefix[:-1]
    if any(len(s) > len(prefix) and s[len(prefix)].isalnum() and prefix[-1:].isalnum() for s in stems):
        prefix = re.sub(r"[\w]+$", "", prefix)  # do not cut a word in half
    return prefix


def _strip_marks(text: str) -> str:
    """Drop trailing separators and revision words left at the end of a shared prefix."""
    words = "|".join(("v", "version", "revision", "rev", "draft", "issue", "update", "edition"))
    previous = None
    while previous != text:
        previous = text
        text = re.sub(rf"(?:\b(?:{words})\.?)?[\s\-_.(\[]*$", "", text, flags=re.IGNORECASE)
    return text.strip()


def _safe_name(text: str) -> str:
    """A file-name-safe plan name: no path separators or characters Windows refuses."""
    return re.sub(r"\s+", " ", _UNSAFE_NAME.sub(" ", text)).strip(" .") or "plan"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name} ({n})"
        n += 1
    return candidate


def _labels(stems: list[str]) -> list[str]:
    """Column headings of the revisions: number and what each file name adds to the shared part.

    ["plan", "plan 2020-06 revision 2"] -> ["1. plan", "2. 2020-06 revision 2"]
    """
    shared = _common_prefix(stems)
    out = []
    for k, stem in enumerate(stems, 1):
        rest = stem[len(shared) :].strip(" -_.")
        out.append(f"{k}. {rest or stem}")
    return out


def write_group(outputs: Path, group: RevisionGroup, plans: dict[str, Plan], rules: Rules) -> list[Path]:
    """The history workbook and the consecutive diffs of one plan's revisions."""
    members = [plans[name] for name in group.members]
    reader = NameReader.from_rules(rules)
    labels = _labels([p.stem for p in members])
    revisions = [
        Revision(labels[k], p.doc, reader.marks_of(p.stem, p.doc.title, p.doc.revision).describe())
        for k, p in enumerate(members)
    ]
    for k, why in enumerate(group.why, 1):
        revisions[k].why = why
    steps = []
    written: list[Path] = []
    for k in range(1, len(members)):
        older, newer = members[k - 1], members[k]
        changes = compare(older.doc, newer.doc, rules)
        steps.append(changes)
        written += write_diff(changes, outputs, older.stem, newer.stem, rules)
        revisions[k].diff_name = diff_stem(older.stem, newer.stem) + ".diff.xlsx"
    workbook = history_workbook(group.plan, revisions, steps, group.how, rules)
    written.append(write_if_changed(outputs / history_name(group.plan), reproducible_bytes(workbook)))
    return written


def history_name(plan: str) -> str:
    """`<plan>.history.xlsx`, short enough for every file system: a long plan title is cut (at
    a character's edge) and tagged with a hash of the whole title, so the name is the same on
    every build and two long titles that start alike never share one."""
    name = f"{plan}{HISTORY_SUFFIX}"
    if len(name.encode("utf-8", "surrogateescape")) <= MAX_NAME_BYTES:
        return name
    tag = "~" + hashlib.sha256(plan.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    room = MAX_NAME_BYTES - len(HISTORY_SUFFIX.encode()) - len(tag)
    cut = plan.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore").rstrip(" .")
    return f"{cut}{tag}{HISTORY_SUFFIX}"
