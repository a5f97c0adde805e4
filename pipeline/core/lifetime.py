"""Child processes that never outlive the process that started them.

A build's workers and a long PDF's page readers are started by a parent that may be killed
(Ctrl-C twice, `kill -9`, the machine's out-of-memory killer). A child left behind would go
on using a core and memory for a document nobody waits for any more.
"""

from __future__ import annotations

import os
import signal
import sys


def die_with_parent(parent: int) -> None:
    """Be killed when the parent (`parent`: its pid) dies: at once on Linux; elsewhere the child
    stops at its next task, when it finds its parent gone."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before we asked
        os._exit(0)


class Stopped(KeyboardInterrupt):
    """The command was told to stop: Ctrl-C (SIGINT) or `kill` (SIGTERM). It stops as on Ctrl-C,
    and exits with the shell's status for that signal (128 + its number: 130, 143), so a script
    or scheduler running it can tell which it was."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__()
        self.signum = int(signum)


def exit_status(stopped: KeyboardInterrupt) -> int:
    """128 + the signal that stopped the command (a plain KeyboardInterrupt: Ctrl-C's)."""
    return 128 + getattr(stopped, "signum", int(signal.SIGINT))
