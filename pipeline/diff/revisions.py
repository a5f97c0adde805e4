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

Order: by the version or date in the file names or titles (`revision_order`). A rule pins both
the group and its order when the guess is wrong: `revisions:` in rules/documents.yaml maps a plan
name to its files, oldest first; those files are then left out of the guessing.
"""

from __future__ import annotations

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
from pipeline.diff.revision_order import NameReader, order
from pipeline.diff.similarity import compare_form, reaches, tokens
from pipeline.diff.write import diff_stem, write_diff, write_if_changed
from pipeline.emit.xlsx.safe import reproducible_bytes
from pipeline.rules import Rules, fold

log = logging.getLogger(__name__)

SAME_PLAN_SHARE = 0.5
SAME_TITLE_SHARE = 0.25
QUICK_NO_SHARE = 0.2  # fewer actions than this kept as they were: not revisions (unless the titles agree)
PREFILTER_OVERLAP = 0.3  # plans sharing less than this of their numbers and of their words are not compared
HISTORY_SUFFIX = ".history.xlsx"
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


def build_revisions(outputs: Path, documents: dict[str, Path], rules: Rules) -> list[Path]:
    """Write the history workbook and consecutive diffs of every plan with two or more revisions."""
    plans = load_plans(documents)
    written: list[Path] = []
    for group in find_groups(plans, rules):
        written += write_group(outputs, group, plans, rules)
    return written


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

    for i, a in enumerate(free):
        for b in free[i + 1 :]:
            if root(a) != root(b) and same_plan(plans[a].doc, plans[b].doc):
                parent[max(root(a), root(b))] = min(root(a), root(b))
    members: dict[str, list[str]] = {}
    for name in free:
        members.setdefault(root(name), []).append(name)
    taken = {g.plan for g in groups}
    names_read = NameReader.from_rules(rules)
    for names in sorted(members.values()):
        if len(names) < 2:
            continue
        ordered, how = order([(n, names_read.marks_of(plans[n].stem, plans[n].doc.title)) for n in names])
        if how.startswith("by file name"):
            log.warning(
                "revisions %s: no dates or versions in their names; ordered by file name. "
                "Pin the order under revisions: in rules/documents.yaml if that is wrong",
                ", ".join(ordered),
            )
        plan = _unique(plan_name([plans[n] for n in ordered]), taken)
        taken.add(plan)
        groups.append(RevisionGroup(plan, tuple(ordered), how))
    return sorted(groups, key=lambda g: g.plan)


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


def plan_name(plans: list[Plan]) -> str:
    """A name for the plan: what its revisions' file names share, else its title.

    ["self-harm-action-plan", "self-harm-action-plan 2020-06 revision 2"] -> "self-harm-action-plan"
    ["SH plan v1", "SH plan v2"] -> "SH plan"
    """
    stems = [p.stem for p in plans]
    prefix = stems[0]
    for stem in stems[1:]:
        while not stem.startswith(prefix):
            prefix = prefix[:-1]
    if any(len(s) > len(prefix) and s[len(prefix)].isalnum() and prefix[-1:].isalnum() for s in stems):
        prefix = re.sub(r"[\w]+$", "", prefix)  # do not cut a word in half
    prefix = _strip_marks(prefix)
    if len(prefix) >= 3:
        return _safe_name(prefix)
    return _safe_name(_strip_marks(plans[-1].doc.title) or plans[-1].stem)


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


def _label(k: int, stem: str, plan: str) -> str:
    """The column heading of revision k: its number and what its file name adds to the plan's."""
    rest = stem[len(plan) :].strip(" -_.") if stem.startswith(plan) else stem
    return f"{k}. {rest or stem}"


def write_group(outputs: Path, group: RevisionGroup, plans: dict[str, Plan], rules: Rules) -> list[Path]:
    """The history workbook and the consecutive diffs of one plan's revisions."""
    members = [plans[name] for name in group.members]
    names_read = NameReader.from_rules(rules)
    revisions = [
        Revision(_label(k, p.stem, group.plan), p.doc, names_read.marks_of(p.stem, p.doc.title).describe())
        for k, p in enumerate(members, 1)
    ]
    steps = []
    written: list[Path] = []
    for k in range(1, len(members)):
        older, newer = members[k - 1], members[k]
        changes = compare(older.doc, newer.doc, rules)
        steps.append(changes)
        written += write_diff(changes, outputs, older.stem, newer.stem, rules)
        revisions[k].diff_name = diff_stem(older.stem, newer.stem) + ".diff.xlsx"
    workbook = history_workbook(group.plan, revisions, steps, group.how, rules)
    written.append(write_if_changed(outputs / f"{group.plan}{HISTORY_SUFFIX}", reproducible_bytes(workbook)))
    return written
