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
from typing import Any

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
