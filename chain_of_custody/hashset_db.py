"""The workstation's hash-set library: known and notable file hashes, outside any case.

Layout of the library folder:
    library.sqlite      the catalogue of sets (name, category, source, version, counts, source SHA-256)
    sets/<token>.sqlite one database per set: tables md5, sha1, sha256 of binary keys (WITHOUT ROWID)
A set is built in sets/<token>.building (hashes first appended to an unsorted scratch file, then
sorted by SQLite's external sorter into the keyed tables, so memory stays bounded), renamed when
complete and only then entered in the catalogue: an import is all or nothing, and a removal is one
catalogue row and one file.
"""

import contextlib
import fcntl
import os
import sqlite3
import urllib.parse
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from chain_of_custody.errors import CustodyError
from chain_of_custody.ledger import utc_now

DIGEST_SIZES = {"md5": 16, "sha1": 20, "sha256": 32}
CATEGORIES = ("known", "notable")
_LOOKUP_BATCH = 500
_PACK = 32  # digests per scratch row: small enough to stay on one page (no overflow chains)
_CATALOGUE_SCHEMA = """
CREATE TABLE IF NOT EXISTS hash_sets (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('known', 'notable')),
    source TEXT NOT NULL, version TEXT NOT NULL, format TEXT NOT NULL, source_file TEXT NOT NULL,
    source_sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL,
    rows INTEGER NOT NULL, bad_lines INTEGER NOT NULL,
    md5_count INTEGER NOT NULL, sha1_count INTEGER NOT NULL, sha256_count INTEGER NOT NULL,
    data_file TEXT NOT NULL
);
"""


class HashSetError(CustodyError):
    """A hash set cannot be imported, found or removed."""


class BuildCancelled(HashSetError):
    """The examiner cancelled an import; nothing was kept."""


@dataclass(frozen=True)
class HashSetInfo:
    id: int
    name: str
    category: str
    source: str
    version: str
    format: str
    source_file: str
    source_sha256: str
    imported_at: str
    imported_by: str
    rows: int
    bad_lines: int
    md5_count: int
    sha1_count: int
    sha256_count: int
    data_file: str

    def count(self, algorithm: str) -> int:
        return int(getattr(self, f"{algorithm}_count"))


@dataclass(frozen=True)
class NewSet:
    """What the importer tells the library about a set it built."""

    name: str
    category: str
    source: str
    version: str
    format: str
    source_file: str
    source_sha256: str
    imported_by: str
    rows: int
    bad_lines: int


class SetBuilder:
    """Collects one set's hashes into a scratch file, then sorts them into keyed tables."""

    def __init__(self, sets_folder: Path, should_stop: Callable[[], bool]) -> None:
        token = uuid.uuid4().hex
        self.path = sets_folder / f"{token}.building"
        self._stage = sets_folder / f"{token}.stage"
        self._lock = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._lock, fcntl.LOCK_EX)  # tells a cleanup in another process that we are alive
        self._conn = sqlite3.connect(_uri(self.path), uri=True, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = OFF")
        self._conn.execute("PRAGMA synchronous = OFF")
        self._conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the sorter spills beyond it
        self._conn.execute("ATTACH DATABASE ? AS stage", (str(self._stage),))
        self._conn.execute("PRAGMA stage.journal_mode = OFF")
        for algorithm in DIGEST_SIZES:  # digests packed by _PACK: binding one row per hash costs most
            self._conn.execute(f"CREATE TABLE stage.{algorithm} (n INTEGER NOT NULL, pack BLOB NOT NULL)")
        self._conn.execute("CREATE TABLE stage.slot (i INTEGER PRIMARY KEY)")
        self._conn.executemany("INSERT INTO stage.slot VALUES (?)", ((i,) for i in range(_PACK)))
        self._conn.set_progress_handler(lambda: 1 if should_stop() else 0, 200_000)
        self._conn.execute("BEGIN")

    def add(self, algorithm: str, digests: Sequence[bytes]) -> None:
        """Append binary digests of one algorithm (already validated by the parser)."""
        self._run(
            lambda: self._conn.executemany(f"INSERT INTO stage.{algorithm} VALUES (?, ?)", _packs(digests))
        )

    def copy_hex_column(self, source: Path, table: str, column: str, algorithm: str) -> tuple[int, int]:
        """Copy the distinct values of a hex column of another SQLite file (NSRL RDSv3) in SQL.

        Returns (good, bad) counts of distinct values. NSRL's FILE rows repeat a file once per
        package; its primary key starts with sha256, so that column comes out distinct without a sort.
        """
        tally = [0, 0]
        size = DIGEST_SIZES[algorithm]
        last: dict[object, bytes | None] = {}  # the previous value and its result

        def binary(text: object) -> bytes | None:
            if text in last:  # SQLite may evaluate the call twice for one row: count it once
                return last[text]
            try:
                value = bytes.fromhex(text) if isinstance(text, str) else b""
            except ValueError:
                value = b""
            good = len(value) == size
            tally[0 if good else 1] += 1
            last.clear()
            last[text] = value if good else None  # NULL: the NOT NULL scratch column refuses it
            return last[text]

        self._conn.create_function("haechi_unhex", 1, binary, deterministic=True)
        self._conn.execute("COMMIT")  # ATTACH cannot run inside a transaction
        self._conn.execute("ATTACH DATABASE ? AS source", (_uri(source, "?mode=ro&immutable=1"),))
        self._conn.execute("BEGIN")
        column, table = (name.replace('"', '""') for name in (column, table))  # names come from the file
        self._run_sql(  # on an error the caller discards the whole builder
            f"INSERT OR IGNORE INTO stage.{algorithm} SELECT 1, haechi_unhex(v) "
            f'FROM (SELECT DISTINCT "{column}" AS v FROM source."{table}")'
        )
        self._conn.execute("COMMIT")
        self._conn.execute("DETACH DATABASE source")
        self._conn.execute("BEGIN")
        return tally[0], tally[1]

    def finish(self) -> dict[str, int]:
        """Sort the scratch rows into the keyed tables; the distinct count per algorithm."""
        counts = {}
        for algorithm in DIGEST_SIZES:
            self._conn.execute(f"CREATE TABLE main.{algorithm} (hash BLOB PRIMARY KEY) WITHOUT ROWID")
            size = DIGEST_SIZES[algorithm]
            self._run_sql(
                f"INSERT OR IGNORE INTO main.{algorithm} SELECT substr(s.pack, slot.i * {size} + 1, {size}) "
                f"FROM stage.{algorithm} AS s JOIN stage.slot ON slot.i < s.n ORDER BY 1"
            )
            counts[algorithm] = int(self._conn.execute(f"SELECT COUNT(*) FROM {algorithm}").fetchone()[0])
        self._conn.execute("COMMIT")
        self._conn.execute("DETACH DATABASE stage")
        self._conn.close()
        self._stage.unlink(missing_ok=True)  # the scratch rows go with their file, no DROP needed
        os.fsync(self._lock)
        return counts

    def discard(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self.release()
        for path in (self.path, self._stage):
            path.unlink(missing_ok=True)

    def release(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1

    def _run_sql(self, sql: str) -> None:
        self._run(lambda: self._conn.execute(sql))

    def _run(self, step: Callable[[], object]) -> None:
        try:
            step()
        except sqlite3.DatabaseError as error:  # also a damaged source database met mid-copy
            if "interrupted" in str(error):
                raise BuildCancelled("the import was cancelled; nothing was kept") from None
            raise HashSetError(f"the hash set could not be built: {error}") from error


def _uri(path: Path, query: str = "") -> str:
    return f"file:{urllib.parse.quote(str(path.resolve()))}{query}"


def _packs(digests: Sequence[bytes]) -> Iterator[tuple[int, bytes]]:
    for start in range(0, len(digests), _PACK):
        chunk = digests[start : start + _PACK]
        yield len(chunk), b"".join(chunk)


class HashSetLibrary:
    """The catalogue of sets and lookups across them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sets_folder = folder / "sets"
        self._conn = sqlite3.connect(folder / "library.sqlite", isolation_level=None, timeout=30)
        self._lookups: dict[int, sqlite3.Connection] = {}

    @classmethod
    def open(cls, folder: Path) -> "HashSetLibrary":
        """Open the library, creating the folder on first use."""
        try:
            (folder / "sets").mkdir(parents=True, exist_ok=True)
            library = cls(folder)
            library._conn.execute("PRAGMA journal_mode = WAL")
            library._conn.executescript(_CATALOGUE_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise HashSetError(f"the hash-set library in {folder} cannot be opened ({error})") from error
        library._remove_abandoned_builds()
        return library

    @classmethod
    def open_existing(cls, folder: Path) -> "HashSetLibrary | None":
        """The library if one was ever created there (matching must not create an empty one)."""
        return cls.open(folder) if (folder / "library.sqlite").is_file() else None

    def close(self) -> None:
        for conn in self._lookups.values():
            conn.close()
        self._lookups.clear()
        self._conn.close()

    # the catalogue --------------------------------------------------------------------------------
    def sets(self) -> list[HashSetInfo]:
        cursor = self._conn.execute("SELECT * FROM hash_sets ORDER BY category DESC, name")
        return [HashSetInfo(*row) for row in cursor]

    def get(self, name: str) -> HashSetInfo | None:
        row = self._conn.execute("SELECT * FROM hash_sets WHERE name = ?", (name,)).fetchone()
        return HashSetInfo(*row) if row else None

    def builder(self, should_stop: Callable[[], bool]) -> SetBuilder:
        return SetBuilder(self.sets_folder, should_stop)

    def commit(self, builder: SetBuilder, new: NewSet, counts: dict[str, int], replace: bool) -> HashSetInfo:
        """Enter a finished set in the catalogue (replacing a set of that name if asked)."""
        data_file = builder.path.with_suffix(".sqlite")
        builder.path.rename(data_file)
        builder.release()
        old = self.get(new.name)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            if old is not None and replace:
                self._conn.execute("DELETE FROM hash_sets WHERE id = ?", (old.id,))
            self._conn.execute(
                "INSERT INTO hash_sets (name, category, source, version, format, source_file, source_sha256, "
                "imported_at, imported_by, rows, bad_lines, md5_count, sha1_count, sha256_count, data_file) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    new.name,
                    new.category,
                    new.source,
                    new.version,
                    new.format,
                    new.source_file,
                    new.source_sha256,
                    utc_now(),
                    new.imported_by,
                    new.rows,
                    new.bad_lines,
                    counts["md5"],
                    counts["sha1"],
                    counts["sha256"],
                    data_file.name,
                ),
            )
            self._conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._conn.execute("ROLLBACK")
            data_file.unlink(missing_ok=True)
            raise HashSetError(f"hash set '{new.name}' could not be registered ({error})") from error
        if old is not None and replace:
            (self.sets_folder / old.data_file).unlink(missing_ok=True)
        info = self.get(new.name)
        assert info is not None
        return info

    def remove(self, name: str) -> HashSetInfo:
        info = self.get(name)
        if info is None:
            raise HashSetError(f"no hash set is named '{name}'")
        self._conn.execute("DELETE FROM hash_sets WHERE id = ?", (info.id,))
        conn = self._lookups.pop(info.id, None)
        if conn is not None:
            conn.close()
        (self.sets_folder / info.data_file).unlink(missing_ok=True)
        return info

    # lookups --------------------------------------------------------------------------------------
    def lookup(self, info: HashSetInfo, algorithm: str, digests: list[bytes]) -> set[bytes]:
        """The digests (of one algorithm) that this set holds."""
        if not info.count(algorithm) or not digests:
            return set()
        conn = self._lookup_conn(info)
        found: set[bytes] = set()
        for start in range(0, len(digests), _LOOKUP_BATCH):
            chunk = digests[start : start + _LOOKUP_BATCH]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(f"SELECT hash FROM {algorithm} WHERE hash IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def _lookup_conn(self, info: HashSetInfo) -> sqlite3.Connection:
        if info.id not in self._lookups:
            path = self.sets_folder / info.data_file
            if not path.is_file():
                raise HashSetError(f"the data of hash set '{info.name}' is missing ({path})")
            uri = _uri(path, "?mode=ro&immutable=1")
            self._lookups[info.id] = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._lookups[info.id]

    def _remove_abandoned_builds(self) -> None:
        """Scratch files of imports that died (their lock is free) are deleted."""
        for path in self.sets_folder.glob("*.building"):
            handle = os.open(path, os.O_RDWR)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another process is still building it
            finally:
                os.close(handle)
            path.unlink(missing_ok=True)
            path.with_suffix(".stage").unlink(missing_ok=True)
