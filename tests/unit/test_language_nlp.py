"""spaCy is imported without its command line, and is whole all the same."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import ROOT

PROBE = """
import json, sys
from pipeline.language.nlp import blank_english, spacy
nlp = blank_english()
nlp.add_pipe("sentencizer")
ruler = nlp.add_pipe("entity_ruler")
ruler.add_patterns([{"label": "ORG", "pattern": "NHS England"}])
doc = nlp("Agreed with NHS England. Reviewed in May.")
loaded = sorted(n for n in ("spacy.cli", "spacy.cli.info", "typer", "click", "weasel", "httpx") if n in sys.modules)
report = {"sentences": [s.text for s in doc.sents], "ents": [e.text for e in doc.ents], "loaded": loaded}
import spacy.cli  # the real one, when someone wants it
report["cli"] = hasattr(spacy.cli, "download") and spacy.info is not None
report["info"] = sorted(spacy.info(silent=True))[:1] != []
print(json.dumps(report))
"""


def test_spacy_loads_without_its_command_line_and_works() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []  # nothing of the command line was imported to read a document
    assert report["sentences"] == ["Agreed with NHS England.", "Reviewed in May."]
    assert report["ents"] == ["NHS England"]
    assert report["cli"] and report["info"]  # and it is all there when asked for
