"""A case folder and its database: create, open, settings of the case, the ledger."""

import fcntl
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlite_utils

from chain_of_custody.errors import CaseExists, CaseReadOnly, NotACase
from chain_of_custody.ledger import Ledger
from chain_of_custody.schema import create_hash_indexes, migrate, missing_hash_indexes, schema_version

DB_NAME = "case.sqlite"
SUBFOLDERS = ("reports", "exports")
IMPORT_LOCK = ".import.lock"  # held (flock) by app/cases/locking.py while an import runs


class CaseDatabase:
    """The open case database. One writer at a time; every write inside `transaction()`."""

    def __init__(self, folder: Path, db: sqlite_utils.Database, read_only: bool = False) -> None:
        self.folder = folder
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.ledger = Ledger(self.conn)
        self.read_only = read_only  # on read-only media: every write is refused in one line

    @classmethod
    def create(cls, folder: Path) -> "CaseDatabase":
        if (folder / DB_NAME).exists():
            raise CaseExists(f"{folder} already holds a case")
        folder.mkdir(parents=True, exist_ok=True)
        for name in SUBFOLDERS:
            (folder / name).mkdir(exist_ok=True)
        return cls._connect(folder)

    @classmethod
    def open(cls, folder: Path) -> "CaseDatabase":
        if not (folder / DB_NAME).is_file():
            raise NotACase(f"{folder} holds no Haechi case ({DB_NAME} not found)")
        return cls._connect(folder)

    @classmethod
    def _connect(cls, folder: Path) -> "CaseDatabase":
        if not _writable(folder):
            return cls._connect_read_only(folder)
        try:
            db = sqlite_utils.Database(folder / DB_NAME)
            db.conn.execute("PRAGMA busy_timeout = 10000")
            db.enable_wal()
            db.conn.execute("PRAGMA foreign_keys = ON")
            db.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(db.conn)
            _restore_hash_indexes(folder, db.conn)
        except sqlite3.DatabaseError as error:
            raise NotACase(f"{folder / DB_NAME} cannot be opened as a case database ({error})") from error
        return cls(folder, db)

    @classmethod
    def _connect_read_only(cls, folder: Path) -> "CaseDatabase":
        """A case on read-only media. SQLite cannot make the WAL index (-shm) there: without a WAL
        file left behind (a case closed cleanly) the database is opened immutable; with one, read-only
        (which needs the -shm that was left with it)."""
        path = folder / DB_NAME
        wal = path.with_name(DB_NAME + "-wal")
        mode = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?{mode}", uri=True)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as error:
            raise NotACase(f"{path} cannot be opened read-only as a case database ({error})") from error
        if version != schema_version():
            conn.close()
            raise CaseReadOnly(
                f"{folder} is on read-only media and was written by another Haechi version (schema "
                f"{version}, this one reads {schema_version()}); copy it to writable media to open it"
            )
        return cls(folder, sqlite_utils.Database(conn), read_only=True)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
        self.require_writable()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def require_writable(self) -> None:
        """Refuse, in one line, any change to a case on read-only media."""
        if self.read_only:
            raise CaseReadOnly(
                f"the case in {self.folder} is on read-only media: it can be verified, listed, exported "
                "and reported on, not changed"
            )

    def info(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM case_info").fetchall())

    def set_info(self, values: dict[str, str]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO case_info VALUES (?, ?)", values.items())

    def close(self) -> None:
        self.db.close()


def _writable(folder: Path) -> bool:
    """False for a case folder on read-only media (or one this user may not write)."""
    path = folder / DB_NAME
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _import_running(folder: Path) -> bool:
    """True while a process holds the case's import lock (a killed process holds it no longer)."""
    try:
        handle = os.open(folder / IMPORT_LOCK, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: leave the indexes to a later open
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # releases the probe's own lock


def _restore_hash_indexes(folder: Path, conn: sqlite3.Connection) -> None:
    """Build the hash indexes that an import dropped and could not build again (it was killed).

    Not while an import runs: it builds them itself at its end. A case on read-only media is
    searched without them rather than refused.
    """
    if not missing_hash_indexes(conn) or _import_running(folder):
        return
    # read-only media, a full disk, a long writer: searched without them; the next open tries again
    with suppress(sqlite3.OperationalError):
        create_hash_indexes(conn)
