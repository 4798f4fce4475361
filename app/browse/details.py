"""Everything the details pane shows about one catalogued file: metadata, hashes, provenance, tags."""

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from app.custody.steps import custody_record
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.custody import BrokenSeal, seal_broken
from chain_of_custody.hash_hits import HashHits, Hit
from chain_of_custody.tags import TagRow, Tags


@dataclass(frozen=True)
class FileDetails:
    file: dict[str, Any]
    evidence: dict[str, Any]
    volume: dict[str, Any]
    tags: list[TagRow] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)  # the hash sets that hold the file

    @property
    def recovered(self) -> bool:
        """Content read from a deleted (unallocated) entry: it may belong to another file now."""
        return not self.file["allocated"]

    @property
    def provenance(self) -> list[tuple[str, str]]:
        """image -> partition -> file system -> path -> inode/attribute, as (step, value) pairs."""
        f, v = self.file, self.volume
        attribute = "" if f["attr_type"] is None else f" (attribute {f['attr_type']}-{f['attr_id']})"
        return [
            ("image", f"E{self.evidence['id']} {self.evidence['label']} - {self.evidence['source_path']}"),
            ("partition", f"V{v['idx']} {v.get('description') or ''} @ byte {v['offset']} ({v['tbl']})"),
            ("file system", str(v.get("fs_type") or "-")),
            ("path", f["path"] + (f":{f['stream']}" if f["stream"] else "")),
            ("inode", f"{f['inode'] if f['inode'] is not None else '-'}{attribute}"),
        ]


def _one(conn: sqlite3.Connection, query: str, args: tuple[Any, ...]) -> dict[str, Any]:
    cursor = conn.execute(query, args)
    row = cursor.fetchone()
    names = [column[0] for column in cursor.description]
    return dict(zip(names, row, strict=True)) if row else {}


def file_details(conn: sqlite3.Connection, file_id: int) -> FileDetails | None:
    file = _one(conn, "SELECT * FROM files WHERE id = ?", (file_id,))
    if not file:
        return None
    evidence = _one(conn, "SELECT * FROM evidence WHERE id = ?", (file["evidence_id"],))
    volume = _one(
        conn,
        "SELECT * FROM volumes WHERE evidence_id = ? AND idx = ?",
        (file["evidence_id"], file["volume_idx"]),
    )
    cursor = conn.execute(
        "SELECT code, message, created_at FROM warnings "
        "WHERE evidence_id = ? AND volume_idx = ? AND path = ?",
        (file["evidence_id"], file["volume_idx"], file["path"]),
    )
    warnings = [{"code": code, "message": message, "at": at} for code, message, at in cursor]
    hits = HashHits(conn).for_file(file_id)
    return FileDetails(file, evidence, volume, Tags(conn).for_file(file_id), warnings, hits)


SEIZURE_KEYS = ("seized_from", "seized_at", "seal")


def evidence_summary(
    conn: sqlite3.Connection, evidence_id: int, db: CaseDatabase | None = None
) -> dict[str, Any]:
    """An evidence item as the details pane shows it: source, hashes, seizure, import, last verification.
    With the case database, what the import left empty (seized from, at, seal) comes from its exhibit's
    custody record; `from_custody` names those keys and `custody` holds the whole record."""
    item = _one(conn, "SELECT * FROM evidence WHERE id = ?", (evidence_id,))
    if not item:
        return {}
    record = custody_record(db, item["exhibit"]) if db is not None and item.get("exhibit") else None
    item["custody"] = record or {}
    item["from_custody"] = tuple(key for key in SEIZURE_KEYS if not item.get(key) and (record or {}).get(key))
    for key in item["from_custody"]:
        item[key] = item["custody"][key]
    last = _one(
        conn,
        "SELECT at, result FROM verifications WHERE evidence_id = ? ORDER BY id DESC LIMIT 1",
        (evidence_id,),
    )
    item["last_verification"] = f"{last['result']} ({last['at']})" if last else None
    item["files"] = conn.execute(
        "SELECT COUNT(*) FROM files WHERE evidence_id = ?", (evidence_id,)
    ).fetchone()[0]
    item["broken_seals"] = broken_seals(conn, item["exhibit"])  # deviations: the pane shows them in red
    return item


def broken_seals(conn: sqlite3.Connection, exhibit: str | None) -> tuple[BrokenSeal, ...]:
    """The seals of `exhibit` found broken when unsealed (read from its unsealing events alone)."""
    rows = conn.execute(
        "SELECT seq, ts_utc, details FROM ledger WHERE action = 'custody.unsealed' "
        "AND json_extract(details, '$.exhibit') = ? ORDER BY seq",
        (exhibit,),
    )
    found = []
    for seq, ts_utc, text in rows:
        details = json.loads(text)
        if seal_broken(details):
            found.append(
                BrokenSeal(str(details.get("seal")), int(seq), str(details.get("occurred_at") or ts_utc))
            )
    return tuple(found)
