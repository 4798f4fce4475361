"""One import per case at a time, across processes."""

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.common.errors import Refused
from chain_of_custody.case_db import IMPORT_LOCK

# Opening a case probes the lock with a shared lock for an instant (chain_of_custody.case_db): an import
# starting in that instant waits it out instead of reporting another import.
LOCK_TRIES = 20
LOCK_WAIT = 0.05  # seconds between tries


class CaseBusy(Refused):
    """Another Haechi process is importing into this case."""


def _take(handle: int) -> bool:
    for attempt in range(LOCK_TRIES):
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if attempt + 1 < LOCK_TRIES:
                time.sleep(LOCK_WAIT)
    return False


@contextmanager
def import_lock(case_folder: Path) -> Iterator[None]:
    path = case_folder / IMPORT_LOCK
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _take(handle):
            raise CaseBusy(f"another import is running in {case_folder}")
        yield
    finally:
        os.close(handle)


def import_running(case_folder: Path) -> bool:
    """Whether a process holds the case's import lock now: a shared lock tried without waiting and
    released at once (a killed import holds it no longer)."""
    try:
        handle = os.open(case_folder / IMPORT_LOCK, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False
