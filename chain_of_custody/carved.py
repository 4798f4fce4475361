"""Unallocated space per volume and files carved from it: ranges, carve runs, chunks done, byte runs."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from chain_of_custody.catalogue import FILE_COLUMNS
from chain_of_custody.ledger import utc_now

CARVED_FOLDER = "$CarvedFiles"
# Carved rows take ordinals far below the file-system walk's (which count up from 0 and resume from
# their largest), so neither ever meets the other: the folder at the base, its files after it.
CARVED_ORDINAL_BASE = -(1 << 40)
_FILE_INSERT = f"INSERT INTO files ({', '.join(FILE_COLUMNS)}) VALUES ({', '.join('?' * len(FILE_COLUMNS))})"


@dataclass(frozen=True)
class UnallocatedVolume:
    """What is known of one volume's unallocated space (state: mapped / not_mapped)."""

    evidence_id: int
    volume_idx: int
    state: str
    method: str
    reason: str | None
    ranges: int
    bytes: int


@dataclass(frozen=True)
class CarvedRow:
    """One carved file as stored: its catalogue values and its provenance."""

    volume_idx: int
    chunk: int
    name: str
    carver_name: str
    size: int
    runs: tuple[tuple[int, int], ...]
    md5: str
    sha1: str
    sha256: str
    mime: str
    description: str
    ext_mismatch: bool


class CarvedStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # unallocated space -----------------------------------------------------------------------
    def set_unallocated(self, volume: UnallocatedVolume, ranges: Iterable[tuple[int, int]]) -> None:
        """Replace what is stored for the volume (call inside a transaction)."""
        key = (volume.evidence_id, volume.volume_idx)
        self._conn.execute("DELETE FROM unallocated_ranges WHERE evidence_id = ? AND volume_idx = ?", key)
        self._conn.executemany(
            "INSERT INTO unallocated_ranges (evidence_id, volume_idx, ordinal, offset, length) "
            "VALUES (?,?,?,?,?)",
            ((*key, ordinal, offset, length) for ordinal, (offset, length) in enumerate(ranges)),
        )
        self._conn.execute(
            "INSERT OR REPLACE INTO unallocated_volumes (evidence_id, volume_idx, state, method, reason, "
            "ranges, bytes, computed_at) VALUES (?,?,?,?,?,?,?,?)",
            (*key, volume.state, volume.method, volume.reason, volume.ranges, volume.bytes, utc_now()),
        )

    def unallocated_volumes(self, evidence_id: int) -> list[UnallocatedVolume]:
        rows = self._conn.execute(
            "SELECT evidence_id, volume_idx, state, method, reason, ranges, bytes FROM unallocated_volumes "
            "WHERE evidence_id = ? ORDER BY volume_idx",
            (evidence_id,),
        )
        return [UnallocatedVolume(*row) for row in rows]

    def unallocated_ranges(self, evidence_id: int, volume_idx: int) -> Iterator[tuple[int, int]]:
        rows = self._conn.execute(
            "SELECT offset, length FROM unallocated_ranges WHERE evidence_id = ? AND volume_idx = ? "
            "ORDER BY ordinal",
            (evidence_id, volume_idx),
        )
        for offset, length in rows:
            yield int(offset), int(length)

    # carve runs and chunks --------------------------------------------------------------------
    def start_run(
        self, evidence_id: int, examiner: str, carver: str, version: str, parameters: dict[str, Any]
    ) -> int:
        cursor = self._conn.execute(
            "INSERT INTO carve_runs (evidence_id, started_at, examiner, carver, carver_version, parameters) "
            "VALUES (?,?,?,?,?,?)",
            (evidence_id, utc_now(), examiner, carver, version, json.dumps(parameters, sort_keys=True)),
        )
        return int(cursor.lastrowid or 0)

    def end_run(self, run_id: int, state: str, chunks: int, files: int, bytes_: int) -> None:
        self._conn.execute(
            "UPDATE carve_runs SET ended_at = ?, state = ?, chunks = ?, files = ?, bytes = ? WHERE id = ?",
            (utc_now(), state, chunks, files, bytes_, run_id),
        )

    def chunks_done(self, evidence_id: int, volume_idx: int, plan: str) -> set[int]:
        rows = self._conn.execute(
            "SELECT chunk FROM carve_chunks WHERE evidence_id = ? AND volume_idx = ? AND plan = ?",
            (evidence_id, volume_idx, plan),
        )
        return {int(row[0]) for row in rows}

    def chunk_done(
        self, evidence_id: int, volume_idx: int, plan: str, chunk: int, run_id: int, bytes_: int, files: int
    ) -> None:
        self._conn.execute(
            "INSERT INTO carve_chunks (evidence_id, volume_idx, plan, chunk, run_id, bytes, files, done_at) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (evidence_id, volume_idx, plan, chunk, run_id, bytes_, files, utc_now()),
        )

    # carved files -----------------------------------------------------------------------------
    def add_carved(
        self,
        evidence_id: int,
        run_id: int,
        carver: str,
        version: str,
        parameters: dict[str, Any],
        rows: Iterable[CarvedRow],
    ) -> list[CarvedRow]:
        """Store carved files not carved before (same byte runs); the ones stored."""
        added: list[CarvedRow] = []
        for row in rows:
            runs = json.dumps([list(run) for run in row.runs])
            if self._conn.execute(
                "SELECT 1 FROM carved_files WHERE evidence_id = ? AND runs = ?", (evidence_id, runs)
            ).fetchone():
                continue
            ordinal = self._next_ordinal(evidence_id, row.volume_idx)
            path = f"/{CARVED_FOLDER}/{row.name}"
            values = dict.fromkeys(FILE_COLUMNS)
            values.update(
                evidence_id=evidence_id,
                volume_idx=row.volume_idx,
                ordinal=ordinal,
                path=path,
                parent_path=f"/{CARVED_FOLDER}",
                name=row.name,
                meta_type="r",
                name_type="r",
                size=row.size,
                allocated=0,
                name_allocated=0,
                meta_allocated=0,
                orphan=0,
                md5=row.md5,
                sha1=row.sha1,
                sha256=row.sha256,
                mime=row.mime,
                description=row.description,
                ext_mismatch=int(row.ext_mismatch),
                content="carved",
                bytes_read=row.size,
            )
            cursor = self._conn.execute(_FILE_INSERT, tuple(values[column] for column in FILE_COLUMNS))
            file_id = int(cursor.lastrowid or 0)
            self._conn.execute(
                "INSERT INTO carved_files (file_id, evidence_id, volume_idx, run_id, chunk, runs, carver, "
                "carver_version, carver_name, parameters) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    file_id,
                    evidence_id,
                    row.volume_idx,
                    run_id,
                    row.chunk,
                    runs,
                    carver,
                    version,
                    row.carver_name,
                    json.dumps(parameters, sort_keys=True),
                ),
            )
            added.append(row)
        return added

    def _next_ordinal(self, evidence_id: int, volume_idx: int) -> int:
        """The next carved ordinal of the volume; the $CarvedFiles folder row is made first."""
        last = self._conn.execute(
            "SELECT MAX(ordinal) FROM files WHERE evidence_id = ? AND volume_idx = ? AND ordinal < 0",
            (evidence_id, volume_idx),
        ).fetchone()[0]
        if last is None:
            values = dict.fromkeys(FILE_COLUMNS)
            values.update(
                evidence_id=evidence_id,
                volume_idx=volume_idx,
                ordinal=CARVED_ORDINAL_BASE,
                path=f"/{CARVED_FOLDER}",
                parent_path="/",
                name=CARVED_FOLDER,
                meta_type="d",
                name_type="d",
                size=0,
                allocated=0,
                name_allocated=0,
                meta_allocated=0,
                orphan=0,
                content="none",
                ext_mismatch=0,
                bytes_read=0,
                description="files carved from unallocated space",
            )
            self._conn.execute(_FILE_INSERT, tuple(values[column] for column in FILE_COLUMNS))
            last = CARVED_ORDINAL_BASE
        return int(last) + 1

    def carved_runs(self, file_id: int) -> tuple[tuple[int, int], ...] | None:
        """The image byte runs of a carved file (None when the file is not carved)."""
        row = self._conn.execute("SELECT runs FROM carved_files WHERE file_id = ?", (file_id,)).fetchone()
        if row is None:
            return None
        return tuple((int(offset), int(length)) for offset, length in json.loads(row[0]))

    def provenance(self, file_id: int) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT c.volume_idx, c.run_id, c.chunk, c.runs, c.carver, c.carver_version, c.carver_name, "
            "c.parameters FROM carved_files c WHERE c.file_id = ?",
            (file_id,),
        ).fetchone()
        if row is None:
            return None
        volume_idx, run_id, chunk, runs, carver, version, name, parameters = row
        return {
            "volume": volume_idx,
            "run": run_id,
            "chunk": chunk,
            "byte_runs": json.loads(runs),
            "carver": carver,
            "carver_version": version,
            "carver_name": name,
            "parameters": json.loads(parameters),
        }

    def carved_count(self, evidence_id: int | None = None) -> int:
        if evidence_id is None:
            return int(self._conn.execute("SELECT COUNT(*) FROM carved_files").fetchone()[0])
        return int(
            self._conn.execute(
                "SELECT COUNT(*) FROM carved_files WHERE evidence_id = ?", (evidence_id,)
            ).fetchone()[0]
        )
