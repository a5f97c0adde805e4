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
