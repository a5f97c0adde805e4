"""What setuptools cannot say in pyproject.toml: the shipped rules live outside the package.

`rules/` stays at the top of the repository, where officers edit it; the wheel carries a copy
of it as the package `pipeline.shipped_rules`, which an installed pipeline reads when there is
no repository around it (see `pipeline/rules/loader.py`). Every package under `pipeline/` is
found here, so a new one is never left out of the wheel.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pipeline", "pipeline.*"]), "pipeline.shipped_rules"],
    package_dir={"pipeline.shipped_rules": "rules"},
)
