from __future__ import annotations

import pytest

from pipeline.rules import Rules, load_rules


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()
