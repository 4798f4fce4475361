"""One import per case at a time, across processes."""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class CaseBusy(Exception):
    """Another Haechi process is importing into this case."""


@contextmanager
def import_lock(case_folder: Path) -> Iterator[None]:
    path = case_folder / ".import.lock"
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CaseBusy(f"another import is running in {case_folder}") from None
        yield
    finally:
        os.close(handle)
