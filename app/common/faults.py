"""Workstation faults (full disk, Ctrl-C): one clear line, and a ledger event where one still fits."""

import contextlib
import errno
import shutil
import signal
import sqlite3
from collections.abc import Iterator
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Protocol

from app.common.errors import HaechiError

WRITE_FAILED = "write_failed"  # the ledger action: a command's work was not kept because the disk is full


class DiskFull(HaechiError):
    """The disk holding the case (or an output) has no room; nothing half-written was kept."""


class Session(Protocol):
    """What the handler needs of a CaseSession."""

    @property
    def db(self) -> Any: ...

    def record(self, action: str, evidence_id: int | None, details: dict[str, Any]) -> Any: ...


# SQLITE_FULL when a write finds no room; SQLITE_IOERR_SHMSIZE when the WAL index cannot grow (ENOSPC
# on opening a case whose disk is full: measured on a full tmpfs)
_SQLITE_FULL = ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE")


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "")
        return name in _SQLITE_FULL or "disk is full" in str(error).lower()
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def disk_full_in(error: BaseException) -> bool:
    """Whether a full disk is behind `error` (itself, or what it was raised from)."""
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            return False
        if is_disk_full(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def rollback_quietly(conn: sqlite3.Connection) -> None:
    """A COMMIT that failed for want of room can leave the transaction open: end it."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def disk_full_message(folder: Path, what: str) -> str:
    free = free_bytes(folder)
    room = f"{free:,} bytes free" if free is not None else "no room"
    return (
        f"the disk holding {folder} is full ({room}); {what} was not kept - free some space and run it again"
    )


def record_quietly(session: Session, command: str, reason: str) -> bool:
    """The write_failed event, when the database can still take one; whether it could."""
    try:
        session.record(WRITE_FAILED, None, {"command": command, "reason": reason})
    except (sqlite3.Error, OSError, HaechiError):
        rollback_quietly(session.db.conn)
        return False
    return True


@contextlib.contextmanager
def disk_full_recorded(session: Session, command: str) -> Iterator[None]:
    """A full disk inside the block: the open transaction rolled back, a write_failed event where one
    can still be written, and DiskFull with one line instead of a traceback."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        if not is_disk_full(error):
            raise
        rollback_quietly(session.db.conn)
        recorded = record_quietly(session, command, str(error))
        note = "" if recorded else " (the ledger could not record this either)"
        raise DiskFull(disk_full_message(Path(session.db.folder), command) + note) from None


def start_deaf_to_ctrl_c(process: BaseProcess) -> None:
    """Start a reader child with SIGINT blocked, so a terminal's Ctrl-C (sent to the whole process
    group) reaches only the parent, which cancels cleanly. The mask is set in this thread only for the
    start: a spawned child inherits it through fork and exec and keeps it, even while it imports its
    modules, before any handler of its own could be installed (a KeyboardInterrupt traceback there
    was seen in 1 of 10 Ctrl-C tries)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
