"""Raw plan cells -> contract records, with the rules: ids, cleaned text, statuses, links.

Every format's extractor ends in a RawPlan; this is the one place that turns cells into
records, so the text, PDF, Word and web-page paths cannot drift apart. Citations are read in
the plan's own numbering, once every id of the plan is known: in a plan numbered 1, 2, 3,
"see action 3" is a link; in one numbered A1, A2, "A3" is.
"""

from __future__ import annotations

import re

from pipeline.core.ids import normalise_id, parent_id, tidy_id
from pipeline.core.model import Action, Outcome, Section
from pipeline.core.processes import split_map
from pipeline.core.text import clean, clean_or_none
from pipeline.extract.records import RawAction, RawPlan
from pipeline.language.entities import mentions
from pipeline.language.refs import cite, quality_statements
from pipeline.rules import Rules, StatusRule
from pipeline.rules.patterns import slow_patterns

MIN_ACTIONS_PER_JOB = 500  # below this a forked helper costs more than its share saves


def plan_id(raw: str) -> str:
    """An id as the contract keeps it: as printed, without its layout ("2.2." -> "2.2", "PA 1." ->
    "PA 1"); a tracker's "01.05" or "4.01" keeps its zeros."""
    return tidy_id(raw) if clean(raw) else ""


def normalise_plan(raw: RawPlan, rules: Rules) -> tuple[list[Section], list[Outcome], list[Action]]:
    sections = _sections(raw)
    outcomes = _outcomes(raw, rules)
    outcome_sections = {o.id: o.section for o in outcomes}
    section_numbers = {s.number for s in sections}
    ids = [plan_id(a.id) for a in raw.actions]
    known_actions = set(ids)
    own = frozenset(known_actions | set(outcome_sections))

    def finished(pair: tuple[RawAction, str]) -> Action:
        action = _action(pair[0], pair[1], known_actions, outcome_sections, section_numbers, own, rules)
        action.mentions = mentions([action.text, action.links_raw], rules)
        return action

    # Each action is read on its own once the plan's ids are known: a long plan's are shared
    # out between the processes the document may use (the same list either way).
    actions = split_map(finished, list(zip(raw.actions, ids, strict=True)), MIN_ACTIONS_PER_JOB, slow_patterns)
    return sections, outcomes, actions


def _sections(raw: RawPlan) -> list[Section]:
    out: list[Section] = []
    for s in raw.sections:
        number = normalise_id(s.number) or clean(s.number)
        if any(x.number == number for x in out):
            continue
        out.append(Section(number=number, title=clean(s.title)))
    return out


def _outcomes(raw: RawPlan, rules: Rules) -> list[Outcome]:
    out: dict[str, Outcome] = {}
    for o in raw.outcomes:
        ident = plan_id(o.id)
        text = clean(o.text)
        if ident in out:  # an outcome cell continued (page break, repeated merged cell)
            if text and text not in out[ident].text:
                out[ident].text = clean(out[ident].text + " " + text)
            continue
        section = normalise_id(o.section) if o.section else (ident.split(".")[0] if "." in ident else None)
        out[ident] = Outcome(id=ident, section=section or "", text=text)
    for outcome in out.values():
        outcome.quality_statements = quality_statements(outcome.text, rules)[0]
    return list(out.values())


def _action(
    raw: RawAction,
    ident: str,
    known_actions: set[str],
    outcome_ids: dict[str, str],
    section_numbers: set[str],
    own: frozenset[str],
    rules: Rules,
) -> Action:
    """One action; `outcome_ids` maps each outcome of the plan to its section."""
    outcome = plan_id(raw.outcome) if raw.outcome else None
    if outcome is None and parent_id(ident) in outcome_ids:
        outcome = parent_id(ident)
    section = (outcome_ids.get(outcome) if outcome is not None else None) or (
        normalise_id(raw.section) if raw.section else None
    )
    if section is None and ident.count(".") >= 1 and ident.split(".")[0] in section_numbers:
        section = ident.split(".")[0]

    text = clean(raw.text)
    status_raw = unmarked(clean_or_none(raw.status))
    links_raw = clean_or_none(raw.links)
    age_raw = clean_or_none(raw.age_group)
    status_rule = rules.status_for(status_raw)
    source = "text" if status_rule else None
    if status_rule is None and status_raw is None and raw.status_fill:
        status_rule = rules.status_for_colour(raw.status_fill)
        source = "colour" if status_rule else None
    age_rule = rules.age_for(age_raw)

    # What a cited number is, is decided by the plan, not by its shape: in a plan numbered
    # 1.1, 1.2 ... "links with 1.1" cites an action. A status such as "Closed - merged with
    # action 3" links too.
    links = cite(links_raw, rules, own, whole_cell=True)
    cited = list(links.ids)
    if status_rule is not None and status_rule.family == "closed":
        cited += [i for i in cite(status_raw, rules, own).ids if i not in cited]
    # An action's own words may point to another ("... (see ACT-03)"): a link when it is one of
    # this plan's actions; a number in running text that is not ("66.7%") is no citation.
    cited += [i for i in cite(text, rules, own).ids if i in known_actions and i not in cited]
    linked_actions = [i for i in cited if i in known_actions and i != ident]
    linked_outcomes = [i for i in cited if i in outcome_ids and i not in known_actions]
    unresolved = [i for i in cited if i not in known_actions and i not in outcome_ids]

    depends: list[str] = []
    waits = waits_on(status_raw, status_rule)
    for candidate in cite(waits, rules, own).ids + links.depends_on:
        if candidate == ident or candidate in depends:
            continue
        if candidate in known_actions:
            depends.append(candidate)
        elif candidate not in unresolved and candidate not in outcome_ids:
            unresolved.append(candidate)

    statements: list[int] = []
    for cell in (text, status_raw, links_raw):
        for number in quality_statements(cell or "", rules)[0]:
            if number not in statements:
                statements.append(number)

    return Action(
        id=ident,
        outcome=outcome,
        section=section,
        text=text,
        status=status_rule.label if status_rule else None,
        status_raw=status_raw,
        links_raw=links_raw,
        title=clean_or_none(raw.title),
        status_family=status_rule.family if status_rule else None,
        status_source=source,
        lead=clean_or_none(raw.lead),
        timescale=clean_or_none(raw.timescale),
        update=clean_or_none(raw.update),
        id_generated=raw.id_generated,
        linked_actions=linked_actions,
        linked_outcomes=linked_outcomes,
        external_refs=links.external,
        depends_on=depends,
        age_group=age_rule.label if age_rule else None,
        age_group_raw=age_raw,
        quality_statements=sorted(statements),
        unresolved_refs=unresolved,
        extra={clean(k): clean(v) for k, v in raw.extra.items() if clean(v)},
        source=raw.where,
    )


# a tick, cross, dot or emoji printed before a status word ("✔ Complete", "🙂 On track", "● Red")
_STATUS_MARK = re.compile(r"^[^\w\s(\[£$€#%&@'\"‘“]+\s*(?=\w)")


def unmarked(status_raw: str | None) -> str | None:
    """A status cell without the symbol printed before its words: the symbol decorates the
    status, the words say it ("✔ Complete" -> "Complete"). A cell of symbols only is kept."""
    if not status_raw:
        return status_raw
    return _STATUS_MARK.sub("", status_raw) or status_raw


def waits_on(status_raw: str | None, rule: StatusRule | None) -> str | None:
    """What a waiting status waits on ("Awaiting result of 2.3.1" -> "2.3.1"), or None."""
    if not status_raw or rule is None:
        return None
    for pattern in rule.waits_on:
        match = pattern.match(status_raw)
        if match:
            return match.group("on")
    return None
