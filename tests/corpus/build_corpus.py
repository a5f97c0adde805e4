"""Rebuild every generated rendering of the corpus (`make corpus-files`; needs LibreOffice,
Chromium and poppler-utils for the PDFs and the `pdftotext -layout` texts).

Real page texts (`plan.txt` of the real cases) are kept as found and never rebuilt. Each part of
the corpus has its own builder; this runs them all.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILDERS = ("build_real.py", "generate_plans.py", "build_guidance.py")


def main() -> None:
    for name in BUILDERS:
        print(f"== {name}")
        saved = sys.argv
        sys.argv = [str(HERE / name)]
        try:
            runpy.run_path(str(HERE / name), run_name="__main__")
        finally:
            sys.argv = saved


if __name__ == "__main__":
    main()
