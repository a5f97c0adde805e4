"""spaCy for the pipeline's rule-based language work, imported without spaCy's command line.

`import spacy` also imports spaCy's own command-line tool (`spacy.cli`, and with it typer,
click, weasel, requests and httpx) for the one name `spacy.info`. The pipeline never runs that
tool, yet every process that reads a document would pay for it: about a sixth of a second of
each build worker's start, which every build waits for. So `spacy` is imported here with a
placeholder standing in for `spacy.cli.info` while it loads; `spacy.info` still works (it
imports the real one when called), and so does any later `import spacy.cli`. Should a spaCy
release ever need more of its command line while it loads, the placeholder is taken out and
spaCy is imported as usual: slower, never broken.
"""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from typing import Any

from pipeline.rules import Rules

_CLI_INFO = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`: spaCy's own, imported when someone asks for it."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy() -> types.ModuleType:
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholder = types.ModuleType(_CLI_INFO, "stands in for spaCy's command line while spaCy loads")
    placeholder.info = _info  # type: ignore[attr-defined]
    sys.modules[_CLI_INFO] = placeholder
    loaded: types.ModuleType | None = None
    try:
        loaded = importlib.import_module("spacy")
    except Exception:  # a release that needs more of its command line while it loads
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]  # loaded half-way around the placeholder: loaded again, whole
    finally:
        if sys.modules.get(_CLI_INFO) is placeholder:
            del sys.modules[_CLI_INFO]
    return loaded if loaded is not None else importlib.import_module("spacy")


spacy = _import_spacy()


def blank_english() -> Any:
    """`spacy.blank("en")`: a tokenizer and nothing else, no model to download."""
    return spacy.blank("en")


SENTENCES = "sentencizer"
ENTITIES = "entity_ruler"


@lru_cache(maxsize=4)
def english(rules: Rules) -> Any:
    """The one blank English pipeline for a set of rules: its tokenizer, the sentencizer (a
    question item's sentences) and an entity ruler with the patterns of rules/entities.jsonl
    (what an action mentions). Made once per process and shared, since making a tokenizer
    compiles its patterns; each caller runs only its own part (`sentences`, `entities`)."""
    nlp = blank_english()
    nlp.add_pipe(SENTENCES)
    ruler: Any = nlp.add_pipe(ENTITIES)
    ruler.add_patterns(
        [{k: v for k, v in item.items() if k in ("label", "pattern", "id")} for item in rules.entity_patterns]
    )
    return nlp


def sentences(text: str, rules: Rules) -> Any:
    """`text` tokenized and split into sentences (no entities looked for)."""
    return english(rules)(text, disable=[ENTITIES])


def entities(text: str, rules: Rules) -> Any:
    """`text` tokenized, with the entities the rules' patterns find (no sentences)."""
    return english(rules)(text, disable=[SENTENCES])


def matcher_for(nlp: Any) -> Any:
    """An empty token Matcher on `nlp`'s vocabulary (spaCy imported here first: see above)."""
    from spacy.matcher import Matcher

    return Matcher(nlp.vocab)
