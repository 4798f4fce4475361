"""Artifacts extracted from catalogued files, stored per run.

A run's rows become visible when the run is marked current; the previous current run of the same
evidence is then marked superseded (kept, never erased), so a re-run replaces what is shown while
the earlier results stay in the case for anyone who asks.
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from chain_of_custody.ledger import utc_now

# A row's source is a catalogued file or a byte range of the image (image_sources): the same columns
# either way, path being the range's label, inode NULL and sha256 that of the bytes read.
_PROVENANCE = (
    "SELECT a.id, a.type, a.fields, a.extractor, a.extractor_version, a.created_at, a.evidence_id, "
    "a.file_id, a.image_source_id, a.source_sha256, COALESCE(f.volume_idx, s.volume_idx) AS volume_idx, "
    "v.description AS volume_description, COALESCE(f.path, s.label) AS path, f.inode, "
    "COALESCE(f.sha256, s.sha256) AS sha256, f.allocated, s.offset AS image_offset, s.length AS image_length "
    "FROM artifacts a JOIN artifact_runs r ON r.id = a.run_id AND r.state = 'current' "
    "LEFT JOIN files f ON f.id = a.file_id LEFT JOIN image_sources s ON s.id = a.image_source_id "
    "LEFT JOIN volumes v ON v.evidence_id = a.evidence_id AND v.idx = COALESCE(f.volume_idx, s.volume_idx)"
)


@dataclass(frozen=True)
class StoredRow:
    """One artifact row to store: its type, fields, the extractor that made it and its source: a
    catalogued file (file_id) or a byte range of the image (image_source_id, from add_image_source)."""

    file_id: int | None
    type: str
    fields: dict[str, Any]
    extractor: str
    extractor_version: int
    source_sha256: str | None
    image_source_id: int | None = None


@dataclass(frozen=True)
class ImageSource:
    """Bytes read from the image itself, outside any file: where, how many, and their SHA-256."""

    evidence_id: int
    volume_idx: int | None
    label: str
    offset: int
    length: int
    sha256: str


class ArtifactStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # writing (the caller owns the transactions) ---------------------------------------------------
    def start_run(self, evidence_id: int, examiner: str, extractors: dict[str, int]) -> int:
        self._conn.execute(
            "UPDATE artifact_runs SET state = 'abandoned' WHERE evidence_id = ? AND state = 'running'",
            (evidence_id,),
        )
        cursor = self._conn.execute(
            "INSERT INTO artifact_runs (evidence_id, started_at, examiner, extractors) VALUES (?, ?, ?, ?)",
            (evidence_id, utc_now(), examiner, json.dumps(extractors, sort_keys=True)),
        )
        return int(cursor.lastrowid or 0)

    def add_image_source(self, source: ImageSource) -> int:
        cursor = self._conn.execute(
            "INSERT INTO image_sources (evidence_id, volume_idx, label, offset, length, sha256, read_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                source.evidence_id,
                source.volume_idx,
                source.label,
                source.offset,
                source.length,
                source.sha256,
                utc_now(),
            ),
        )
        return int(cursor.lastrowid or 0)

    def add_rows(self, run_id: int, evidence_id: int, rows: Iterable[StoredRow]) -> int:
        now = utc_now()
        values = [
            (
                run_id,
                evidence_id,
                row.file_id,
                row.image_source_id,
                row.type,
                json.dumps(row.fields, ensure_ascii=False, sort_keys=True),
                row.extractor,
                row.extractor_version,
                row.source_sha256,
                now,
            )
            for row in rows
        ]
        self._conn.executemany(
            "INSERT INTO artifacts (run_id, evidence_id, file_id, image_source_id, type, fields, extractor, "
            "extractor_version, source_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        return len(values)

    def finish_run(self, run_id: int, sources: int, warnings: int) -> list[int]:
        """Make the run current; returns the ids of the runs it supersedes."""
        evidence_id = self._conn.execute(
            "SELECT evidence_id FROM artifact_runs WHERE id = ?", (run_id,)
        ).fetchone()[0]
        previous = [
            int(row[0])
            for row in self._conn.execute(
                "SELECT id FROM artifact_runs WHERE evidence_id = ? AND state = 'current'", (evidence_id,)
            )
        ]
        self._conn.execute(
            "UPDATE artifact_runs SET state = 'superseded', superseded_by = ? "
            "WHERE evidence_id = ? AND state = 'current'",
            (run_id, evidence_id),
        )
        rows = self._conn.execute("SELECT count(*) FROM artifacts WHERE run_id = ?", (run_id,)).fetchone()[0]
        self._conn.execute(
            "UPDATE artifact_runs SET state = 'current', ended_at = ?, sources = ?, rows = ?, warnings = ? "
            "WHERE id = ?",
            (utc_now(), sources, rows, warnings, run_id),
        )
        return previous

    def end_incomplete(self, run_id: int, state: str) -> None:
        """A run that failed or was cancelled: its rows stay stored but are never shown as current."""
        self._conn.execute(
            "UPDATE artifact_runs SET state = ?, ended_at = ? WHERE id = ?", (state, utc_now(), run_id)
        )

    # reading ----------------------------------------------------------------------------------
    def type_counts(self, evidence_id: int | None = None) -> dict[str, int]:
        query = (
            "SELECT a.type, count(*) FROM artifacts a JOIN artifact_runs r ON r.id = a.run_id "
            "WHERE r.state = 'current'"
        )
        args: tuple[Any, ...] = ()
        if evidence_id is not None:
            query += " AND a.evidence_id = ?"
            args = (evidence_id,)
        return dict(self._conn.execute(query + " GROUP BY a.type ORDER BY a.type", args).fetchall())

    def rows(
        self, artifact_type: str | None = None, evidence_id: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Current rows with their provenance, in extraction order."""
        clauses: list[str] = []
        args: list[Any] = []
        if artifact_type is not None:
            clauses.append("a.type = ?")
            args.append(artifact_type)
        if evidence_id is not None:
            clauses.append("a.evidence_id = ?")
            args.append(evidence_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self._conn.execute(_PROVENANCE + where + " ORDER BY a.id", args)
        names = [column[0] for column in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            row["fields"] = json.loads(row["fields"])
            yield row

    def runs(self, evidence_id: int | None = None) -> list[dict[str, Any]]:
        query = "SELECT * FROM artifact_runs"
        args: tuple[Any, ...] = ()
        if evidence_id is not None:
            query += " WHERE evidence_id = ?"
            args = (evidence_id,)
        cursor = self._conn.execute(query + " ORDER BY id", args)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor]
