"""What `python -m pipeline --help` prints, kept as text so that asking for help starts no parser.

The command line's own parser (`pipeline.cli.build_parser`) formats exactly this at 80 columns;
a test holds the two equal, so a change to the commands shows up here (regenerate with
`COLUMNS=80 python -c "from pipeline.cli import build_parser; print(build_parser().format_help(), end='')"`).
"""

TEXT = """\
usage: plan-pipeline [-h] [--version] [--rules RULES]
                     {build,extract,diff,rules} ...

Turn public-health action plans (PDF, Word, text) and guidance pages (HTML, PDF, Word, text)
into clean JSON and Excel workbooks, and show what changed between two revisions of a plan.

positional arguments:
  {build,extract,diff,rules}
    build               (re)build outputs/ from inputs/, only what changed
    extract             extract the given files into DIR
    diff                compare two revisions of a plan
    rules               check the rule files

options:
  -h, --help            show this help message and exit
  --version             show program's version number and exit
  --rules RULES         rules folder (default: the project's rules/)

commands:
  build      what `make` runs: (re)build outputs/ from every document in inputs/,
             redoing only what changed; one bad file never stops the others
  extract    read the given files and write DIR/<name>.json and DIR/<name>.xlsx for each
  diff       compare two revisions of a plan (input files or their JSON): a summary on the
             terminal and DIR/<old>__<new>.diff.md / .diff.json / .diff.xlsx
  rules      `rules check` validates every file in rules/ and summarises it

exit status: 0 all good, 1 some input failed (the others are still written), 2 usage error

examples:
  plan-pipeline build inputs outputs
  plan-pipeline extract "Plan v2 (final).pdf" -o out
  plan-pipeline diff outputs/plan-2019.json outputs/plan-2020.json -o reports
  plan-pipeline rules check

`plan-pipeline` is installed into .venv/bin by `make`; `python -m pipeline` is the same command.
"""
