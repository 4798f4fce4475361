"""`haechi files`: one record per catalogued file, as JSON lines or CSV."""

import csv
from collections.abc import Iterator
from typing import Any, TextIO

from app.common.neutral import csv_cell, json_text
from app.hashsets.matching import hits_filter_matches
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue
from chain_of_custody.hash_hits import HashHits

RECORD_KEYS = (
    "id",
    "evidence_id",
    "volume",
    "volume_name",
    "path",
    "name",
    "size",
    "allocated",
    "md5",
    "sha1",
    "sha256",
    "mime",
    "mtime",
    "atime",
    "ctime",
    "crtime",
    "stream",
    "inode",
    "meta_type",
    "orphan",
    "content",
    "description",
    "ext_mismatch",
    "name_raw_hex",
    "read_error",
    "recovery",
    "hits",
)


def file_records(
    db: CaseDatabase, evidence_id: int | None, deleted_only: bool, hits: str | None = None
) -> Iterator[dict[str, Any]]:
    """hits: notable | known | none keeps only files with such hash-set hits (see app/hash_matching)."""
    hash_hits = HashHits(db.conn)
    volume_names = _volume_names(db)
    for row in Catalogue(db.conn).files(evidence_id, deleted_only):
        if hits is not None and not hits_filter_matches(hash_hits.categories(row["id"]), hits):
            continue
        yield {
            "id": row["id"],
            "evidence_id": row["evidence_id"],
            "volume": row["volume_idx"],
            "volume_name": volume_names.get((row["evidence_id"], row["volume_idx"])),
            "path": row["path"],
            "name": row["name"],
            "size": row["size"],
            "allocated": bool(row["allocated"]),
            "md5": row["md5"],
            "sha1": row["sha1"],
            "sha256": row["sha256"],
            "mime": row["mime"],
            "mtime": row["mtime"],
            "atime": row["atime"],
            "ctime": row["ctime"],
            "crtime": row["crtime"],
            "stream": row["stream"],
            "inode": row["inode"],
            "meta_type": row["meta_type"],
            "orphan": bool(row["orphan"]),
            "content": row["content"],
            "description": row["description"],
            "ext_mismatch": bool(row["ext_mismatch"]),
            "name_raw_hex": bytes(row["name_raw"] or b"").hex(),
            "read_error": row["read_error"],
            "recovery": row["recovery"],
            "hits": hash_hits.set_names(row["id"]),
        }


def _volume_names(db: CaseDatabase) -> dict[tuple[int, int], str]:
    """Partition name or description of each volume (system, vendor, data... on Android)."""
    rows = db.conn.execute("SELECT evidence_id, idx, description FROM volumes")
    return {(int(row[0]), int(row[1])): str(row[2] or "") for row in rows}


def write_records(records: Iterator[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """CSV cells neutralised against formulas, JSON with C1 and bidi controls as \\u escapes."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=RECORD_KEYS, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            row = {**record, "hits": ";".join(record.get("hits", []))}
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
            count += 1
        return count
    for record in records:
        out.write(json_text(record) + "\n")
        count += 1
    return count
