"""The case import lock: one import at a time; a shared probe of an instant (an open) is waited out."""

import fcntl
import os
import threading
from pathlib import Path

import pytest

from app.cases.locking import LOCK_TRIES, LOCK_WAIT, CaseBusy, import_lock
from chain_of_custody.case_db import IMPORT_LOCK


def _hold(path: Path, mode: int, seconds: float, held: threading.Event) -> None:
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # a handle of its own, as another process has
    try:
        fcntl.flock(handle, mode)
        held.set()
        threading.Event().wait(seconds)
    finally:
        os.close(handle)


def _holding(tmp_path: Path, mode: int, seconds: float) -> threading.Thread:
    held = threading.Event()
    thread = threading.Thread(target=_hold, args=(tmp_path / IMPORT_LOCK, mode, seconds, held))
    thread.start()
    assert held.wait(5)
    return thread


def test_a_short_shared_probe_is_waited_out(tmp_path: Path) -> None:
    probe = _holding(tmp_path, fcntl.LOCK_SH, LOCK_WAIT * 3)
    with import_lock(tmp_path):
        pass
    probe.join()


def test_a_running_import_refuses_a_second(tmp_path: Path) -> None:
    running = _holding(tmp_path, fcntl.LOCK_EX, LOCK_TRIES * LOCK_WAIT + 1.0)
    with pytest.raises(CaseBusy, match="another import is running"), import_lock(tmp_path):
        pass
    running.join()
