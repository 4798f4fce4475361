"""A case folder and its database: create, open, settings of the case, the ledger."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from chain_of_custody.errors import CaseExists, NotACase
from chain_of_custody.ledger import Ledger
from chain_of_custody.schema import migrate

DB_NAME = "case.sqlite"
SUBFOLDERS = ("reports", "exports")


class CaseDatabase:
    """The open case database. One writer at a time; every write inside `transaction()`."""

    def __init__(self, folder: Path, db: sqlite_utils.Database) -> None:
        self.folder = folder
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.ledger = Ledger(self.conn)

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
        try:
            db = sqlite_utils.Database(folder / DB_NAME)
            db.conn.execute("PRAGMA busy_timeout = 10000")
            db.enable_wal()
            db.conn.execute("PRAGMA foreign_keys = ON")
            db.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(db.conn)
        except sqlite3.DatabaseError as error:
            raise NotACase(f"{folder / DB_NAME} cannot be opened as a case database ({error})") from error
        return cls(folder, db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def info(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM case_info").fetchall())

    def set_info(self, values: dict[str, str]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO case_info VALUES (?, ?)", values.items())

    def close(self) -> None:
        self.db.close()
