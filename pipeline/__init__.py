"""Action plans and guidance pages into clean, trustworthy spreadsheets and JSON.

Stages, data flowing one way: read (file -> Layout) -> extract (Layout -> raw records) ->
normalise (rules) -> check (findings) -> emit (JSON, Excel). `diff` and `build` sit on top.
Imports here are kept light so that `python -m pipeline --help` starts fast.
"""

__version__ = "0.1.0"
