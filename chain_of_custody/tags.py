"""Tags and bookmarks the examiner puts on catalogued files. Removal is recorded, never erased."""

import sqlite3
from dataclasses import dataclass
from typing import Any

from chain_of_custody.errors import LedgerRefused
from chain_of_custody.ledger import utc_now

BOOKMARK = "bookmark"


@dataclass(frozen=True)
class TagRow:
    id: int
    file_id: int
    evidence_id: int
    tag: str
    note: str
    created_at: str
    created_by: str


class Tags:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, file_id: int, tag: str, note: str, examiner: str) -> TagRow:
        tag = tag.strip()
        if not tag:
            raise LedgerRefused("a tag needs a name (e.g. bookmark, IPTV, notable)")
        row = self._conn.execute("SELECT evidence_id FROM files WHERE id = ?", (file_id,)).fetchone()
        if row is None:
            raise LedgerRefused(f"no catalogued file has id {file_id}")
        now = utc_now()
        cursor = self._conn.execute(
            "INSERT INTO tags (file_id, evidence_id, tag, note, created_at, created_by) VALUES (?,?,?,?,?,?)",
            (file_id, row[0], tag, note, now, examiner),
        )
        return TagRow(int(cursor.lastrowid or 0), file_id, int(row[0]), tag, note, now, examiner)

    def remove(self, tag_id: int, examiner: str) -> TagRow:
        found = self.get(tag_id)
        if found is None:
            raise LedgerRefused(f"no current tag has id {tag_id}")
        self._conn.execute(
            "UPDATE tags SET removed_at = ?, removed_by = ? WHERE id = ?", (utc_now(), examiner, tag_id)
        )
        return found

    def get(self, tag_id: int) -> TagRow | None:
        row = self._conn.execute(
            "SELECT id, file_id, evidence_id, tag, note, created_at, created_by FROM tags "
            "WHERE id = ? AND removed_at IS NULL",
            (tag_id,),
        ).fetchone()
        return TagRow(*row) if row else None

    def for_file(self, file_id: int) -> list[TagRow]:
        rows = self._conn.execute(
            "SELECT id, file_id, evidence_id, tag, note, created_at, created_by FROM tags "
            "WHERE file_id = ? AND removed_at IS NULL ORDER BY id",
            (file_id,),
        )
        return [TagRow(*row) for row in rows]

    def tagged_files(self, tag: str | None = None) -> list[dict[str, Any]]:
        """Every current tag joined with its file, in the order tags were made."""
        query = (
            "SELECT t.id AS tag_id, t.tag, t.note, t.created_at AS tagged_at, t.created_by AS tagged_by, "
            "f.* FROM tags t JOIN files f ON f.id = t.file_id WHERE t.removed_at IS NULL"
        )
        args: tuple[Any, ...] = ()
        if tag is not None:
            query += " AND t.tag = ?"
            args = (tag,)
        cursor = self._conn.execute(query + " ORDER BY t.id", args)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def names(self) -> list[str]:
        rows = self._conn.execute("SELECT DISTINCT tag FROM tags WHERE removed_at IS NULL ORDER BY tag")
        return [row[0] for row in rows]
