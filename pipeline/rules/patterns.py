"""Rule patterns that cannot hang a build: refused at load when they can take exponential time,
and each match bounded in time when one slips through.

Officers write the regular expressions in rules/*.yaml. Python's engine backtracks: a pattern
such as `(a+)+$`, `(a|a)*` or `(\\d+\\s*)+$` can try 2^n ways to match a cell of n characters
before it fails, so one cell of forty letters takes longer than the age of the universe. Such
a pattern is *exponentially ambiguous*: some string can be matched by one of its loops in two
different ways, and those ways multiply with every turn of the loop.

`exponential_reason` finds that statically (Weideman et al., "Analyzing matching time
behavior of backtracking regular expression matchers by using ambiguity of NFA", 2016): the
pattern becomes a nondeterministic automaton whose states are its character tests; it is
exponentially ambiguous when, in the product of that automaton with itself, some pair of
equal states (q, q) lies on a cycle through a pair of different states, or through a step that
two different empty paths make. Character tests are compared on a small alphabet of
representatives (every character the pattern names, the ends of its ranges, and one of each
kind: digit, letter, space, ...), which is enough to tell whether two tests can both match.

`RulePattern` wraps every compiled rule pattern: each call runs under a CPU-time bound
(`Limits.seconds_per_pattern`). A call that runs out gives no match, the pattern is skipped
for the rest of the document, and `slow_patterns()` tells the pipeline, which turns each into
a finding naming the rule file and line: the rules are blamed, not the document.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from re import _constants as C  # type: ignore[attr-defined]  # the parser behind `re` (Python 3.11)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# A bounded repeat with more turns than this is analysed as an unbounded one: (a|a){1,50} is
# as hopeless as (a|a)*.
MAX_EXPANDED = 10
# Representatives of the kinds of character a test may or may not match.
_KINDS = "aZz0_9 \t\n\r.-,;:!?#&/()'\"é\u00a0\u2013\u2019\x00ß"


# =========================================================================== static analysis


@dataclass
class _Automaton:
    """Nodes joined by empty edges and by character tests (a test: the representatives it matches)."""

    empty: list[list[int]] = field(default_factory=list)
    tests: list[list[tuple[frozenset[str], int]]] = field(default_factory=list)

    def node(self) -> int:
        self.empty.append([])
        self.tests.append([])
        return len(self.empty) - 1


class _Builder:
    def __init__(self, alphabet: list[str], flags: int) -> None:
        self.alphabet = alphabet
        self.flags = flags
        self.nfa = _Automaton()
        self.lookarounds: list[Any] = []
        # each character the pattern may name -> the representatives a test for it matches
        # (`same`, asked once per representative rather than once per test and representative)
        self.literals: dict[str, set[str]] = {}
        for char in alphabet:
            for variant in self.variants(char):
                self.literals.setdefault(variant, set()).add(char)
        self.tested: dict[tuple[Any, Any], frozenset[str]] = {}

    def sequence(self, items: Any, start: int) -> int:
        node = start
        for op, av in items:
            node = self.item(op, av, node)
        return node

    def item(self, op: Any, av: Any, start: int) -> int:
        nfa = self.nfa
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            end = nfa.node()
            nfa.tests[start].append((self.chars(op, av), end))
            return end
        if op is C.SUBPATTERN:
            return self.sequence(av[-1], start)
        if op is C.ATOMIC_GROUP:
            return self.sequence(av, start)
        if op is C.BRANCH:
            end = nfa.node()
            for alternative in av[1]:
                first = nfa.node()
                nfa.empty[start].append(first)
                nfa.empty[self.sequence(alternative, first)].append(end)
            return end
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, body = av
            return self.repeat(low, high, body, start)
        if op is C.GROUPREF_EXISTS:
            end = nfa.node()
            for branch in av[1:]:
                first = nfa.node()
                nfa.empty[start].append(first)
                nfa.empty[self.sequence(branch or [], first) if branch else first].append(end)
            return end
        if op is C.GROUPREF:  # what a group matched: at least its characters, any of them
            end = nfa.node()
            nfa.tests[start].append((frozenset(self.alphabet), end))
            return end
        if op in (C.ASSERT, C.ASSERT_NOT):  # matches nothing here; its own pattern is checked apart
            self.lookarounds.append(av[1])
            return start
        return start  # anchors (AT) and the like match no character

    def repeat(self, low: int, high: int, body: Any, start: int) -> int:
        nfa = self.nfa
        node = start
        for _ in range(min(low, 2)):
            node = self.sequence(body, node)
        if high == C.MAXREPEAT or high > MAX_EXPANDED:
            loop = nfa.node()
            nfa.empty[node].append(loop)
            first = nfa.node()
            nfa.empty[loop].append(first)
            nfa.empty[self.sequence(body, first)].append(loop)
            end = nfa.node()
            nfa.empty[loop].append(end)
            return end
        end = nfa.node()
        for _ in range(high - low):  # each further turn optional
            nfa.empty[node].append(end)
            node = self.sequence(body, node)
        nfa.empty[node].append(end)
        return end

    def chars(self, op: Any, av: Any) -> frozenset[str]:
        """The representatives one character test matches (a pattern repeats its tests: each is worked out once)."""
        key = (op, tuple(av) if isinstance(av, list) else av)
        found = self.tested.get(key)
        if found is None:
            if op is C.LITERAL:
                found = frozenset(self.literals.get(chr(av), ()))
            else:
                found = frozenset(c for c in self.alphabet if self.matches(op, av, c))
            self.tested[key] = found
        return found

    def matches(self, op: Any, av: Any, char: str) -> bool:
        if op is C.ANY:
            return char != "\n" or bool(self.flags & re.DOTALL)
        if op is C.LITERAL:
            return self.same(char, chr(av))
        if op is C.NOT_LITERAL:
            return not self.same(char, chr(av))
        if op is C.IN:
            negate = bool(av) and av[0][0] is C.NEGATE
            found = any(self.in_set(kind, value, char) for kind, value in av if kind is not C.NEGATE)
            return found != negate
        return False

    def in_set(self, kind: Any, value: Any, char: str) -> bool:
        if kind is C.LITERAL:
            return self.same(char, chr(value))
        if kind is C.NOT_LITERAL:
            return not self.same(char, chr(value))
        if kind is C.RANGE:
            low, high = value
            return any(low <= ord(c) <= high for c in self.variants(char))
        if kind is C.CATEGORY:
            return _category(value, char)
        return False

    def variants(self, char: str) -> set[str]:
        if self.flags & re.IGNORECASE:
            return {c for c in (char, char.lower(), char.upper()) if len(c) == 1}
        return {char}

    def same(self, char: str, other: str) -> bool:
        return other in self.variants(char)


def _category(category: Any, char: str) -> bool:
    tests: dict[Any, Callable[[str], bool]] = {
        C.CATEGORY_DIGIT: str.isdecimal,
        C.CATEGORY_SPACE: str.isspace,
        C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
        C.CATEGORY_LINEBREAK: lambda c: c == "\n",
    }
    negated = {
        C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT,
        C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE,
        C.CATEGORY_NOT_WORD: C.CATEGORY_WORD,
        C.CATEGORY_NOT_LINEBREAK: C.CATEGORY_LINEBREAK,
    }
    if category in negated:
        return not tests[negated[category]](char)
    test = tests.get(category)
    return test(char) if test else True


def _alphabet(pattern: str, parsed: Any) -> list[str]:
    chars = set(_KINDS)

    def walk(items: Any) -> None:
        for op, av in items:
            if op in (C.LITERAL, C.NOT_LITERAL):
                chars.add(chr(av))
            elif op is C.IN:
                for kind, value in av:
                    if kind in (C.LITERAL, C.NOT_LITERAL):
                        chars.add(chr(value))
                    elif kind is C.RANGE:
                        chars.update((chr(value[0]), chr(value[1])))
            elif isinstance(av, (list, tuple)):
                for part in av:
                    if isinstance(part, sre_parse.SubPattern):
                        walk(part)
                    elif isinstance(part, (list, tuple)):
                        for sub in part:
                            if isinstance(sub, sre_parse.SubPattern):
                                walk(sub)

    walk(parsed)
    return sorted(chars | {c.swapcase() for c in chars if len(c.swapcase()) == 1})


def exponential_reason(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """Why matching `pattern` can take exponential time, or None when it cannot.

    "(a+)+$" -> "a repeated part of it can match the same text in more than one way ..."; "(\\d+\\s+)+" -> None.
    """
    parsed = sre_parse.parse(pattern, flags)
    alphabet = _alphabet(pattern, parsed)
    todo = [parsed]
    while todo:
        builder = _Builder(alphabet, flags | parsed.state.flags)
        start = builder.nfa.node()
        builder.sequence(todo.pop(), start)
        if _exponentially_ambiguous(builder.nfa, start):
            return "a repeated part of it can match the same text in more than one way (as in (a+)+ or (a|a)*)"
        todo.extend(builder.lookarounds)
    return None


def _exponentially_ambiguous(nfa: _Automaton, start: int) -> bool:
    # The states: each character test (node, index); from each, the tests reachable after it
    # through empty edges, counted by distinct trails (no empty edge twice), up to 2.
    states = [(node, i) for node in range(len(nfa.tests)) for i in range(len(nfa.tests[node]))]
    index = {state: n for n, state in enumerate(states)}
    labels = [nfa.tests[node][i][0] for node, i in states]

    def after(node: int) -> dict[int, int]:
        counts: dict[int, int] = {}
        budget = [20000]

        def walk(at: int, used: set[tuple[int, int]]) -> None:
            budget[0] -= 1
            if budget[0] < 0:
                return
            for i in range(len(nfa.tests[at])):
                key = index[(at, i)]
                counts[key] = min(2, counts.get(key, 0) + 1)
            for target in nfa.empty[at]:
                edge = (at, target)
                if edge not in used:
                    used.add(edge)
                    walk(target, used)
                    used.discard(edge)

        walk(node, set())
        return counts

    successors = [after(nfa.tests[node][i][1]) for node, i in states]
    reachable = _reachable(successors, after(start))
    # the product automaton: pairs of states that can read one character together
    pairs: dict[tuple[int, int], list[tuple[tuple[int, int], bool]]] = {}
    todo = [(s, s) for s in reachable]
    seen = set(todo)
    while todo:
        p, q = todo.pop()
        edges = []
        for p2, pn in successors[p].items():
            for q2 in successors[q]:
                if not labels[p2] & labels[q2]:
                    continue
                twice = p == q and p2 == q2 and pn > 1  # two empty trails to the same test
                edges.append(((p2, q2), twice))
                if (p2, q2) not in seen:
                    seen.add((p2, q2))
                    todo.append((p2, q2))
        pairs[(p, q)] = edges
    component = _components(pairs)
    for (p, q), edges in pairs.items():
        if p != q:
            continue
        for (p2, q2), twice in edges:
            if component[(p2, q2)] != component[(p, q)]:
                continue
            if twice or p2 != q2:
                return True
    return any(p != q and _has_diagonal(component, component[(p, q)]) for (p, q) in pairs)


def _has_diagonal(component: dict[tuple[int, int], int], which: int) -> bool:
    return any(p == q and c == which for (p, q), c in component.items())


def _reachable(successors: list[dict[int, int]], first: dict[int, int]) -> set[int]:
    seen = set(first)
    todo = list(first)
    while todo:
        for nxt in successors[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _components(graph: dict[Any, list[tuple[Any, bool]]]) -> dict[Any, int]:
    """Strongly connected components (Tarjan, without recursion): node -> component number."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    on_stack: set[Any] = set()
    stack: list[Any] = []
    component: dict[Any, int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, [])
            if i < len(edges):
                work.append((node, i + 1))
                nxt = edges[i][0]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


# =========================================================================== the time bound


@dataclass(frozen=True)
class SlowPattern:
    """A rule pattern that ran out of time on this document: where it is written, and the pattern."""

    where: str  # "rules/references.yaml line 12"
    pattern: str


class _OutOfTime(Exception):
    pass


_state = threading.local()
_slow: dict[str, SlowPattern] = {}  # this document's, by where; read by `slow_patterns`
_armed = [False]


def _on_alarm(signum: int, frame: Any) -> None:
    if _armed[0]:
        raise _OutOfTime


def start_document() -> None:
    """Forget the patterns skipped in the previous document: each document is judged alone."""
    _slow.clear()


def slow_patterns() -> list[SlowPattern]:
    """The rule patterns that ran out of time since `start_document`, in file and line order."""
    return [_slow[where] for where in sorted(_slow)]


class RulePattern:
    """A compiled rule pattern that knows where it is written, each call bounded in CPU time.

    Has the methods of `re.Pattern` the pipeline uses. Out of time, a call gives no match (an
    empty list, the text unchanged) and the pattern is skipped for the rest of the document.
    The bound needs a Unix timer and the main thread; elsewhere the call simply runs.
    """

    def __init__(self, compiled: re.Pattern[str], where: str, seconds: float) -> None:
        self.compiled = compiled
        self.where = where
        self.seconds = seconds
        self.pattern = compiled.pattern
        self.groupindex = compiled.groupindex
        self.flags = compiled.flags

    def __repr__(self) -> str:
        return f"RulePattern({self.pattern!r}, {self.where!r})"

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        return self._bounded(lambda: self.compiled.search(text, *args), None)

    def match(self, text: str, *args: Any) -> re.Match[str] | None:
        return self._bounded(lambda: self.compiled.match(text, *args), None)

    def fullmatch(self, text: str, *args: Any) -> re.Match[str] | None:
        return self._bounded(lambda: self.compiled.fullmatch(text, *args), None)

    def findall(self, text: str, *args: Any) -> list[Any]:
        return self._bounded(lambda: self.compiled.findall(text, *args), [])

    def finditer(self, text: str, *args: Any) -> Iterator[re.Match[str]]:
        return iter(self._bounded(lambda: list(self.compiled.finditer(text, *args)), []))

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self._bounded(lambda: self.compiled.sub(repl, text, count), text)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return self._bounded(lambda: self.compiled.split(text, maxsplit), [text])

    def _bounded(self, call: Callable[[], Any], empty: Any) -> Any:
        if self.where in _slow:
            return empty
        if _armed[0] or not _can_arm():  # inside another bounded call, or no timer here
            return call()
        _armed[0] = True
        signal.setitimer(signal.ITIMER_VIRTUAL, self.seconds)
        try:
            return call()
        except _OutOfTime:
            _slow[self.where] = SlowPattern(self.where, self.pattern)
            return empty
        finally:
            _armed[0] = False  # first: a signal arriving now must not raise outside the call
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)


def _can_arm() -> bool:
    if not hasattr(signal, "ITIMER_VIRTUAL") or threading.current_thread() is not threading.main_thread():
        return False
    if not getattr(_state, "installed", False):
        signal.signal(signal.SIGVTALRM, _on_alarm)
        _state.installed = True
    return True
