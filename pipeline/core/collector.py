"""When Python's cycle collector walks a document's objects: as seldom as their lifetime allows.

A long document is read into hundreds of thousands of objects (words, cells, blocks) that all
live until the document is done. Left to itself, the collector walks every one of them again
each time enough new objects have been made, which is often: reading a page makes and drops
hundreds of thousands, and so does making the records. On a 300-page plan that is a fifth of
the time, and more in a process that also unpacks pages other processes read; in a helper
forked meanwhile, the walk also copies the memory it shares with its parent.

So, for one document (`document_lifetime`, entered by `process.trace`):
- while pages are read (`pages_being_read`) automatic collection is off and each page's own
  garbage is collected as soon as the page is released (`page_done`: the youngest objects
  only, which are that page's);
- what is read is then `settle`d: moved out of the collector's sight until the document is
  done (`gc.freeze`); it is still freed as usual when nothing refers to it any more;
- a helper is forked with everything settled (`before_fork`), so its collections never walk
  the memory it shares.
A process's start (`loading`: importing the libraries, loading the rules) is not walked while it
runs either. Nothing here changes what is made: only when garbage that refers to itself is
looked for.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_owned = [False]  # a `document_lifetime` that froze objects is running (and unfreezes them at its end)


@contextlib.contextmanager
def document_lifetime() -> Iterator[None]:
    """One document's processing: what `settle` freezes during it is unfrozen at its end.

    Under someone else's freeze (a caller that froze objects itself) nothing is frozen or
    unfrozen here: that freeze is theirs to end.
    """
    if _owned[0] or gc.get_freeze_count():
        yield
        return
    _owned[0] = True
    try:
        yield
    finally:
        _owned[0] = False
        gc.unfreeze()


def settle() -> None:
    """Everything alive now lives until the document is done: no collection need walk it again."""
    if _owned[0]:
        gc.freeze()


@contextlib.contextmanager
def _automatic_collection_off() -> Iterator[None]:
    """No automatic collection inside the block; afterwards collection is as it was before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Automatic collection off while libraries are imported and rules loaded: what that makes
    lives as long as the process, and importing spaCy, pdfminer and openpyxl walks it again
    and again otherwise (a sixth of a build worker's start)."""
    with _automatic_collection_off():
        yield


@contextlib.contextmanager
def pages_being_read() -> Iterator[None]:
    """Automatic collection off while pages are read (`page_done` collects each page's garbage);
    what was read is then settled."""
    with _automatic_collection_off():
        yield
        settle()


def page_done() -> None:
    """A page is read and released: its garbage is among the youngest objects; collect those only."""
    gc.collect(0)


@contextlib.contextmanager
def before_fork() -> Iterator[None]:
    """Fork helpers inside this block: they start with every object out of the collector's sight."""
    if _owned[0]:
        gc.freeze()  # unfrozen with the rest when the document is done
        yield
        return
    frozen_here = gc.get_freeze_count() == 0
    if frozen_here:
        gc.freeze()
    try:
        yield
    finally:
        if frozen_here:
            gc.unfreeze()
