"""What the three hash indexes cost a bulk insert: kept up to date row by row, or built after it.

Usage: hash_index_cost.py [ROWS] (200,000 by default). Rows of random MD5/SHA-1/SHA-256 hex keys
go into a WAL database in 512-row transactions with the import's pragmas (64 MiB page cache,
checkpoint per 64 MiB), once with the indexes in place and once with the indexes built after.
Prints CPU seconds and microseconds per row for each. Writes only to a temporary folder.
"""

import hashlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

INDEXES = ("md5", "sha1", "sha256")


def _rows(count: int) -> list[tuple[str, str, str]]:
    return [
        (
            hashlib.md5(b"%d" % i).hexdigest(),
            hashlib.sha1(b"%d" % i).hexdigest(),
            hashlib.sha256(b"%d" % i).hexdigest(),
        )
        for i in range(count)
    ]


def _run(path: Path, rows: list[tuple[str, str, str]], build_after: bool) -> tuple[float, float]:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "journal_mode = WAL",
        "synchronous = NORMAL",
        "cache_size = -65536",
        "wal_autocheckpoint = 16384",
    ):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, md5 TEXT, sha1 TEXT, sha256 TEXT)")
    create = [f"CREATE INDEX files_{column} ON files ({column})" for column in INDEXES]
    if not build_after:
        for statement in create:
            conn.execute(statement)
    start = time.process_time()
    for first in range(0, len(rows), 512):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO files (md5, sha1, sha256) VALUES (?, ?, ?)", rows[first : first + 512])
        conn.execute("COMMIT")
    inserted = time.process_time() - start
    for statement in create if build_after else ():
        conn.execute(statement)
    total = time.process_time() - start
    conn.close()
    return inserted, total


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rows = _rows(count)
    with tempfile.TemporaryDirectory() as folder:
        for build_after in (False, True):
            inserted, total = _run(Path(folder) / f"after-{build_after}.sqlite", rows, build_after)
            label = "indexes built after" if build_after else "indexes during    "
            print(
                f"{label}: insert {inserted:.2f} s, total {total:.2f} s CPU, {1e6 * total / count:.1f} us/row"
            )


if __name__ == "__main__":
    main()
