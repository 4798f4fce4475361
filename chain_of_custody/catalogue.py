"""The evidence catalogue: evidence items, volumes, files, warnings, import runs."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from chain_of_custody.ledger import utc_now
from chain_of_custody.schema import create_hash_indexes, drop_hash_indexes

FILE_COLUMNS = (
    "evidence_id",
    "volume_idx",
    "ordinal",
    "path",
    "parent_path",
    "name",
    "name_raw",
    "inode",
    "meta_type",
    "name_type",
    "size",
    "allocated",
    "name_allocated",
    "meta_allocated",
    "orphan",
    "stream",
    "attr_type",
    "attr_id",
    "mtime",
    "atime",
    "ctime",
    "crtime",
    "md5",
    "sha1",
    "sha256",
    "mime",
    "description",
    "ext_mismatch",
    "content",
    "bytes_read",
    "read_error",
    "recovery",
)
_FILE_INSERT = (
    f"INSERT OR IGNORE INTO files ({', '.join(FILE_COLUMNS)}) VALUES ({', '.join('?' * len(FILE_COLUMNS))})"
)


@dataclass(frozen=True)
class NewEvidence:
    label: str
    source_path: str
    segments: list[str]
    format: str
    size: int
    segment_sizes: list[int]
    acquisition: dict[str, str]
    stored_md5: str | None
    stored_sha1: str | None
    seized_from: str | None
    seized_at: str | None
    seal: str | None
    added_by: str
    options: dict[str, Any]
    exhibit: str | None = None


@dataclass(frozen=True)
class NewWarning:
    evidence_id: int | None
    volume_idx: int | None
    code: str
    path: str | None
    message: str
    details: dict[str, str]


# An import stores files in many small transactions; three of the files indexes are on random hash
# keys. A 64 MiB page cache and a checkpoint per 64 MiB of WAL (not 4 MiB) keep index pages in
# memory between batches: 82 -> 56 us of CPU per row at 1,000,000 rows (docs/performance.md).
_BULK_PRAGMAS = ("PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = 16384")


class Catalogue:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._bulk = False

    # evidence ---------------------------------------------------------------------------------
    def add_evidence(self, item: NewEvidence) -> int:
        cursor = self._conn.execute(
            "INSERT INTO evidence (label, source_path, segments, format, size, segment_sizes, "
            "acquisition, stored_md5, stored_sha1, seized_from, seized_at, seal, added_at, added_by, "
            "import_state, options, exhibit) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                item.label,
                item.source_path,
                json.dumps(item.segments, ensure_ascii=False),
                item.format,
                item.size,
                json.dumps(item.segment_sizes),
                json.dumps(item.acquisition, ensure_ascii=False),
                item.stored_md5,
                item.stored_sha1,
                item.seized_from,
                item.seized_at,
                item.seal,
                utc_now(),
                item.added_by,
                "running",
                json.dumps(item.options, sort_keys=True),
                item.exhibit,
            ),
        )
        return int(cursor.lastrowid or 0)

    def evidence(self, evidence_id: int) -> dict[str, Any] | None:
        rows = list(self._dict_rows("SELECT * FROM evidence WHERE id = ?", (evidence_id,)))
        return rows[0] if rows else None

    def all_evidence(self) -> list[dict[str, Any]]:
        return list(self._dict_rows("SELECT * FROM evidence ORDER BY id", ()))

    def evidence_by_source(self, source_path: str) -> dict[str, Any] | None:
        rows = list(self._dict_rows("SELECT * FROM evidence WHERE source_path = ?", (source_path,)))
        return rows[0] if rows else None

    def set_evidence(self, evidence_id: int, **values: Any) -> None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        self._conn.execute(f"UPDATE evidence SET {assignments} WHERE id = ?", (*values.values(), evidence_id))

    # volumes ----------------------------------------------------------------------------------
    def upsert_volume(self, evidence_id: int, volume: dict[str, Any]) -> None:
        self._conn.execute(
            "INSERT INTO volumes (evidence_id, idx, offset, length, description, tbl, slot, allocation, "
            "fs_type, fs_block_size, fs_error) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (evidence_id, idx) DO UPDATE SET fs_type = excluded.fs_type, "
            "fs_error = excluded.fs_error, fs_block_size = excluded.fs_block_size",
            (
                evidence_id,
                volume["index"],
                volume["offset"],
                volume["length"],
                volume["description"],
                volume["table"],
                volume["slot"],
                volume["allocation"],
                volume["fs_type"],
                volume["fs_block_size"],
                volume["fs_error"],
            ),
        )

    def volume_done(self, evidence_id: int, volume_idx: int, entries: int) -> None:
        self._conn.execute(
            "UPDATE volumes SET walk_state = 'done', entries = ? WHERE evidence_id = ? AND idx = ?",
            (entries, evidence_id, volume_idx),
        )

    def volumes(self, evidence_id: int) -> list[dict[str, Any]]:
        return list(
            self._dict_rows("SELECT * FROM volumes WHERE evidence_id = ? ORDER BY idx", (evidence_id,))
        )

    def resume_points(self, evidence_id: int) -> tuple[frozenset[int], dict[int, int]]:
        """Volumes walked to the end, and for the others the next ordinal to store."""
        done = frozenset(
            row[0]
            for row in self._conn.execute(
                "SELECT idx FROM volumes WHERE evidence_id = ? AND walk_state = 'done'", (evidence_id,)
            )
        )
        nexts = {
            int(v): int(n) + 1
            for v, n in self._conn.execute(
                "SELECT volume_idx, MAX(ordinal) FROM files WHERE evidence_id = ? GROUP BY volume_idx",
                (evidence_id,),
            )
            if v not in done
        }
        return done, nexts

    # files ------------------------------------------------------------------------------------
    def add_files(self, rows: Iterable[tuple[Any, ...]]) -> None:
        if not self._bulk:
            for pragma in _BULK_PRAGMAS:
                self._conn.execute(pragma)
            self._bulk = True
        self._conn.executemany(_FILE_INSERT, rows)

    def file_rows(self) -> int:
        """About how many file rows the case holds (the largest id: files are never deleted)."""
        return int(self._conn.execute("SELECT MAX(id) FROM files").fetchone()[0] or 0)

    def suspend_hash_indexes(self) -> None:
        """Drop the hash indexes for a bulk import (inside its transaction); see schema.HASH_INDEXES."""
        drop_hash_indexes(self._conn)

    def restore_hash_indexes(self) -> None:
        """Build the missing hash indexes, each in a transaction of its own (call outside one)."""
        create_hash_indexes(self._conn)

    def files(self, evidence_id: int | None = None, deleted_only: bool = False) -> Iterator[dict[str, Any]]:
        clauses, args = [], []
        if evidence_id is not None:
            clauses.append("evidence_id = ?")
            args.append(evidence_id)
        if deleted_only:
            clauses.append("allocated = 0")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        yield from self._dict_rows(
            f"SELECT * FROM files{where} ORDER BY evidence_id, volume_idx, ordinal", tuple(args)
        )

    def counts(self, evidence_id: int) -> dict[str, int]:
        row = self._conn.execute(
            "SELECT COUNT(*), SUM(allocated = 0), SUM(orphan), SUM(md5 IS NOT NULL), "
            "SUM(CASE WHEN md5 IS NOT NULL THEN bytes_read ELSE 0 END), SUM(stream IS NOT NULL), "
            "SUM(ext_mismatch), SUM(content = 'recovered') FROM files WHERE evidence_id = ?",
            (evidence_id,),
        ).fetchone()
        keys = (
            "entries",
            "deleted",
            "orphans",
            "hashed",
            "bytes_hashed",
            "streams",
            "ext_mismatch",
            "recovered",
        )
        return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}

    # warnings and runs ------------------------------------------------------------------------
    def add_warning(self, warning: NewWarning) -> bool:
        """Store a warning once; False when the same warning was stored before."""
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO warnings (evidence_id, volume_idx, code, path, message, details, "
            "created_at) VALUES (?,?,?,?,?,?,?)",
            (
                warning.evidence_id,
                warning.volume_idx,
                warning.code,
                warning.path,
                warning.message,
                json.dumps(warning.details, sort_keys=True, ensure_ascii=False),
                utc_now(),
            ),
        )
        return cursor.rowcount == 1

    def warnings(self, evidence_id: int | None = None) -> list[dict[str, Any]]:
        if evidence_id is None:
            return list(self._dict_rows("SELECT * FROM warnings ORDER BY id", ()))
        return list(
            self._dict_rows("SELECT * FROM warnings WHERE evidence_id = ? ORDER BY id", (evidence_id,))
        )

    def start_run(self, evidence_id: int, pid: int) -> int:
        cursor = self._conn.execute(
            "INSERT INTO import_runs (evidence_id, started_at, pid) VALUES (?,?,?)",
            (evidence_id, utc_now(), pid),
        )
        return int(cursor.lastrowid or 0)

    def end_run(
        self, run_id: int, outcome: str, entries: int, bytes_: int, warnings: int, note: str | None
    ) -> None:
        self._conn.execute(
            "UPDATE import_runs SET ended_at = ?, outcome = ?, entries = ?, bytes = ?, "
            "warnings = ?, note = ? WHERE id = ?",
            (utc_now(), outcome, entries, bytes_, warnings, note, run_id),
        )

    def open_runs(self, evidence_id: int) -> list[dict[str, Any]]:
        return list(
            self._dict_rows(
                "SELECT * FROM import_runs WHERE evidence_id = ? AND outcome = 'running'", (evidence_id,)
            )
        )

    def runs(self, evidence_id: int) -> list[dict[str, Any]]:
        return list(
            self._dict_rows("SELECT * FROM import_runs WHERE evidence_id = ? ORDER BY id", (evidence_id,))
        )

    def add_verification(self, evidence_id: int, digests: dict[str, str], result: str) -> None:
        self._conn.execute(
            "INSERT INTO verifications (evidence_id, at, md5, sha1, sha256, result) VALUES (?,?,?,?,?,?)",
            (evidence_id, utc_now(), digests.get("md5"), digests.get("sha1"), digests.get("sha256"), result),
        )

    def _dict_rows(self, query: str, args: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
        cursor = self._conn.execute(query, args)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))
