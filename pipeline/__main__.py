"""`python -m pipeline` runs the command-line interface.

`--help` on its own is answered from text (`pipeline.cli_help`) before anything else is imported:
it is the one command a person types to find out what the program does, and it should answer
at once.
"""

import sys

if sys.argv[1:] in (["--help"], ["-h"]):
    from pipeline.cli_help import TEXT

    sys.stdout.write(TEXT)
    sys.exit(0)

from pipeline.cli import exit_with, main, utf8_mode

utf8_mode()
exit_with(main())
