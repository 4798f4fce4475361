"""Browsing artifacts in the desktop application: counts per evidence item, rows a page at a time
(sorted and filtered in SQL, so a type with 100,000 rows never sits in memory), one row's whole
record with its run and ledger event, and an export to CSV / JSON lines that is a ledger event."""

import json
import re
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.artifacts.extract import KEY_FIELDS, artifact_records, artifact_warnings
from app.artifacts.writing import write_artifacts
from app.cases.session import CaseSession
from app.common.output import write_recorded
from chain_of_custody.case_db import CaseDatabase

PAGE_SIZE = 256
RUN_EVENTS = ("artifacts_extracted", "artifacts_cancelled", "artifacts_failed")
# provenance columns of the table: key -> SQL (a row's source is a catalogued file or a range of the image)
SOURCE_COLUMNS: dict[str, str] = {
    "evidence_id": "a.evidence_id",
    "volume": "COALESCE(f.volume_idx, s.volume_idx)",
    "path": "COALESCE(f.path, s.label)",
    "inode": "f.inode",
    "source_sha256": "a.source_sha256",
}
_FROM = (
    " FROM artifacts a JOIN artifact_runs r ON r.id = a.run_id AND r.state = 'current'"
    " LEFT JOIN files f ON f.id = a.file_id LEFT JOIN image_sources s ON s.id = a.image_source_id"
)
_JSON_VERBATIM = re.compile(r'[^"\\\x00-\x1f]+')  # what json.dumps(ensure_ascii=False) stores as it is
_ROW = "SELECT a.id, a.type, a.fields, a.file_id, " + ", ".join(SOURCE_COLUMNS.values())


@dataclass(frozen=True)
class ArtifactQuery:
    """Which current rows to show and in which order. Empty fields do not filter."""

    evidence_id: int | None = None
    artifact_type: str | None = None
    text: str = ""  # part of any field's value or of the source path
    sort: tuple[str, str] | None = None  # ("field", name), ("source", key), ("type", ""); None: as extracted
    descending: bool = False

    def sorted_by(self, sort: tuple[str, str] | None, descending: bool) -> "ArtifactQuery":
        return replace(self, sort=sort, descending=descending)


@dataclass(frozen=True)
class ArtifactRow:
    id: int
    type: str
    fields: dict[str, Any]
    file_id: int | None  # None: read from the image outside any file (a key store)
    source: dict[str, Any]  # SOURCE_COLUMNS' keys


@dataclass(frozen=True)
class EvidenceArtifacts:
    """One evidence item's current artifacts: rows per type and the current run's damaged sources."""

    evidence_id: int
    label: str
    counts: dict[str, int]
    warnings: int


def _where(query: ArtifactQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if query.evidence_id is not None:
        clauses.append("a.evidence_id = ?")
        args.append(query.evidence_id)
    if query.artifact_type is not None:
        clauses.append("a.type = ?")
        args.append(query.artifact_type)
    if query.text.strip():
        text = query.text.strip()
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        in_values = "EXISTS (SELECT 1 FROM json_each(a.fields) j WHERE j.value LIKE ? ESCAPE '\\')"
        if _JSON_VERBATIM.fullmatch(text):  # the stored JSON holds the text as typed: a cheap first test
            in_values = f"(a.fields LIKE ? ESCAPE '\\' AND {in_values})"
            args.append(pattern)
        clauses.append(f"({in_values} OR {SOURCE_COLUMNS['path']} LIKE ? ESCAPE '\\')")
        args.extend([pattern] * 2)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _order(query: ArtifactQuery) -> tuple[str, list[Any]]:
    direction = "DESC" if query.descending else "ASC"
    if query.sort is None:
        return f" ORDER BY a.id {direction}", []
    kind, key = query.sort
    if kind == "source" and key in SOURCE_COLUMNS:
        return f" ORDER BY {SOURCE_COLUMNS[key]} {direction}, a.id {direction}", []
    if kind == "type":
        return f" ORDER BY a.type {direction}, a.id {direction}", []
    if kind == "field":
        return f" ORDER BY json_extract(a.fields, ?) {direction}, a.id {direction}", [_json_path(key)]
    raise ValueError(f"unknown sort {query.sort!r}")


def _json_path(key: str) -> str:
    return '$."' + key.replace('"', '""') + '"'


def artifact_page(
    conn: sqlite3.Connection, query: ArtifactQuery, offset: int, limit: int = PAGE_SIZE
) -> list[ArtifactRow]:
    where, args = _where(query)
    order, order_args = _order(query)
    cursor = conn.execute(
        _ROW + _FROM + where + order + " LIMIT ? OFFSET ?", (*args, *order_args, limit, offset)
    )
    return [
        ArtifactRow(
            int(row[0]), row[1], json.loads(row[2]), row[3], dict(zip(SOURCE_COLUMNS, row[4:], strict=True))
        )
        for row in cursor
    ]


def artifact_count(conn: sqlite3.Connection, query: ArtifactQuery) -> int:
    where, args = _where(query)
    return int(conn.execute("SELECT count(*)" + _FROM + where, args).fetchone()[0])


def field_names(conn: sqlite3.Connection, artifact_type: str, evidence_id: int | None = None) -> list[str]:
    """The type's key fields in reading order, then every other field its current rows have (A-Z)."""
    where, args = _where(ArtifactQuery(evidence_id, artifact_type))
    rest = conn.execute(
        "SELECT DISTINCT j.key" + _FROM + ", json_each(a.fields) j" + where + " ORDER BY j.key", args
    )
    keys = KEY_FIELDS.get(artifact_type, ())
    return [*keys, *(name for (name,) in rest if name not in keys)]


def artifact_overview(db: CaseDatabase) -> list[EvidenceArtifacts]:
    """Every evidence item with its current artifact counts per type (one GROUP BY)."""
    counts: dict[int, dict[str, int]] = {}
    rows = db.conn.execute(
        "SELECT a.evidence_id, a.type, count(*) FROM artifacts a JOIN artifact_runs r ON r.id = a.run_id "
        "AND r.state = 'current' GROUP BY a.evidence_id, a.type ORDER BY a.type"
    )
    for evidence_id, kind, count in rows:
        counts.setdefault(int(evidence_id), {})[kind] = int(count)
    items = db.conn.execute("SELECT id, label FROM evidence ORDER BY id").fetchall()
    return [
        EvidenceArtifacts(int(e), label or "", counts.get(int(e), {}), len(current_warnings(db, int(e))))
        for e, label in items
    ]


def current_run(conn: sqlite3.Connection, evidence_id: int) -> dict[str, Any] | None:
    cursor = conn.execute(
        "SELECT * FROM artifact_runs WHERE evidence_id = ? AND state = 'current'", (evidence_id,)
    )
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def current_warnings(db: CaseDatabase, evidence_id: int) -> list[dict[str, Any]]:
    """The damaged or unreadable sources of the evidence item's current run."""
    run = current_run(db.conn, evidence_id)
    if run is None:
        return []
    return [
        w
        for w in artifact_warnings(db, evidence_id)
        if json.loads(w["details"] or "{}").get("run_id") == str(run["id"])
    ]


_DETAIL = (
    "SELECT a.id, a.type, a.fields, a.run_id, a.extractor, a.extractor_version, a.created_at, a.evidence_id, "
    "e.label AS evidence_label, a.file_id, COALESCE(f.volume_idx, s.volume_idx) AS volume, "
    "v.description AS volume_description, COALESCE(f.path, s.label) AS path, f.inode, f.allocated, "
    "f.sha256 AS catalogued_sha256, a.source_sha256, s.offset AS image_offset, s.length AS image_length "
    "FROM artifacts a JOIN evidence e ON e.id = a.evidence_id LEFT JOIN files f ON f.id = a.file_id "
    "LEFT JOIN image_sources s ON s.id = a.image_source_id "
    "LEFT JOIN volumes v ON v.evidence_id = a.evidence_id AND v.idx = COALESCE(f.volume_idx, s.volume_idx) "
    "WHERE a.id = ?"
)
_SOURCE_KEYS = (
    "evidence_id",
    "evidence_label",
    "volume",
    "volume_description",
    "path",
    "inode",
    "allocated",
    "file_id",
    "catalogued_sha256",
    "source_sha256",
    "image_offset",
    "image_length",
)


def _one(conn: sqlite3.Connection, query: str, args: tuple[Any, ...]) -> dict[str, Any] | None:
    cursor = conn.execute(query, args)
    row = cursor.fetchone()
    return dict(zip([column[0] for column in cursor.description], row, strict=True)) if row else None


def artifact_detail(conn: sqlite3.Connection, artifact_id: int) -> dict[str, Any] | None:
    """One row whole: fields, provenance (evidence, volume, path, inode, hashes), extractor and
    version, the run that made it and that run's ledger event."""
    row = _one(conn, _DETAIL, (artifact_id,))
    if row is None:
        return None
    run = _one(
        conn,
        "SELECT id, state, started_at, ended_at, examiner FROM artifact_runs WHERE id = ?",
        (row["run_id"],),
    )
    event = _one(
        conn,
        f"SELECT seq, ts_utc, tz, action, examiner, hash FROM ledger WHERE action IN {RUN_EVENTS!r} "
        "AND json_extract(details, '$.run_id') = ? ORDER BY seq LIMIT 1",
        (row["run_id"],),
    )
    return {
        "id": row["id"],
        "type": row["type"],
        "fields": json.loads(row["fields"]),
        "source": {key: row[key] for key in _SOURCE_KEYS},
        "extractor": row["extractor"],
        "extractor_version": row["extractor_version"],
        "extracted_at": row["created_at"],
        "run": run,
        "ledger_event": event,
    }


def export_artifacts(
    session: CaseSession,
    out_path: Path,
    fmt: str,
    artifact_type: str | None = None,
    evidence_id: int | None = None,
) -> dict[str, Any]:
    """Write the current rows (one type or all; one evidence item or all) as `haechi artifacts` does,
    atomically, and record the export (what, where, how many rows, the file's SHA-256) in the ledger."""
    return write_recorded(
        session,
        out_path.resolve(),
        lambda handle: write_artifacts(
            artifact_records(session.db, artifact_type, evidence_id), handle, fmt, artifact_type
        ),
        ("artifacts_exported", evidence_id),
        lambda rows, written: {
            "format": fmt,
            "file": str(written.path),
            "type": artifact_type,
            "rows": rows,
            "sha256": written.sha256,
        },
    )
