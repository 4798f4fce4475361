"""Hash-set hits stored in the case: which catalogued files a known or notable set holds."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from chain_of_custody.ledger import utc_now


@dataclass(frozen=True)
class Hit:
    file_id: int
    evidence_id: int
    set_name: str
    set_version: str
    category: str
    algorithm: str


class HashHits:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def hashed_files(self, evidence_id: int | None, batch: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
        """(id, evidence_id, md5, sha1, sha256) of every hashed file, a batch at a time."""
        where = "WHERE md5 IS NOT NULL" + (" AND evidence_id = ?" if evidence_id is not None else "")
        cursor = self._conn.execute(
            f"SELECT id, evidence_id, md5, sha1, sha256 FROM files {where}",
            (evidence_id,) if evidence_id is not None else (),
        )
        while rows := cursor.fetchmany(batch):
            yield rows

    def clear(self, evidence_id: int | None) -> None:
        """Forget earlier hits of one evidence item (or of all) before a new match run."""
        if evidence_id is None:
            self._conn.execute("DELETE FROM hash_hits")
        else:
            self._conn.execute("DELETE FROM hash_hits WHERE evidence_id = ?", (evidence_id,))

    def add(self, hits: Iterable[Hit]) -> int:
        now = utc_now()
        before = self._conn.total_changes
        self._conn.executemany(
            "INSERT OR IGNORE INTO hash_hits (file_id, evidence_id, set_name, set_version, category, "
            "algorithm, matched_at) VALUES (?,?,?,?,?,?,?)",
            (
                (h.file_id, h.evidence_id, h.set_name, h.set_version, h.category, h.algorithm, now)
                for h in hits
            ),
        )
        return self._conn.total_changes - before

    def for_file(self, file_id: int) -> list[Hit]:
        rows = self._conn.execute(
            "SELECT file_id, evidence_id, set_name, set_version, category, algorithm FROM hash_hits "
            "WHERE file_id = ? ORDER BY category DESC, set_name, algorithm",
            (file_id,),
        )
        return [Hit(*row) for row in rows]

    def set_names(self, file_id: int) -> list[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT set_name FROM hash_hits WHERE file_id = ? ORDER BY set_name", (file_id,)
        )
        return [row[0] for row in rows]

    def categories(self, file_id: int) -> set[str]:
        rows = self._conn.execute("SELECT DISTINCT category FROM hash_hits WHERE file_id = ?", (file_id,))
        return {row[0] for row in rows}

    def files_per_category(self, evidence_id: int | None = None) -> dict[str, int]:
        """Distinct files with at least one hit, per category."""
        where, args = ("WHERE evidence_id = ?", (evidence_id,)) if evidence_id is not None else ("", ())
        rows = self._conn.execute(
            f"SELECT category, COUNT(DISTINCT file_id) FROM hash_hits {where} GROUP BY category", args
        )
        counts = {"known": 0, "notable": 0}
        counts.update({row[0]: int(row[1]) for row in rows})
        return counts

    def files_per_set(self, evidence_id: int | None = None) -> list[dict[str, Any]]:
        """One row per set: name, version, category, distinct files."""
        where, args = ("WHERE evidence_id = ?", (evidence_id,)) if evidence_id is not None else ("", ())
        rows = self._conn.execute(
            f"SELECT set_name, set_version, category, COUNT(DISTINCT file_id) FROM hash_hits {where} "
            "GROUP BY set_name, set_version, category ORDER BY category DESC, set_name",
            args,
        )
        keys = ("set_name", "set_version", "category", "files")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def hit_files(self, category: str, evidence_id: int | None = None) -> list[dict[str, Any]]:
        """Files with a hit of this category, each with the sets that hold it (for findings)."""
        clause = " AND h.evidence_id = ?" if evidence_id is not None else ""
        args: tuple[Any, ...] = (category, evidence_id) if evidence_id is not None else (category,)
        cursor = self._conn.execute(
            "SELECT f.id, f.evidence_id, f.volume_idx, f.path, f.size, f.md5, f.sha1, f.sha256, "
            "json_group_array(DISTINCT h.set_name) AS sets FROM hash_hits h JOIN files f ON f.id = h.file_id "
            f"WHERE h.category = ?{clause} GROUP BY f.id ORDER BY f.evidence_id, f.path",
            args,
        )
        names = [column[0] for column in cursor.description]
        records = [dict(zip(names, row, strict=True)) for row in cursor]
        for record in records:
            record["sets"] = sorted(json.loads(record["sets"]))
        return records
