"""Browsing the catalogue: paged, filtered and sorted file queries, done in SQL (for the desktop app).

Nothing here loads every row: the file table asks for one page at a time, the tree one folder at a time.
"""

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.common.errors import Refused

PAGE_SIZE = 256
DIRECTORY_TYPES = ("d", "V")
_TAGS = "(SELECT group_concat(t.tag, ', ') FROM tags t WHERE t.file_id = f.id AND t.removed_at IS NULL)"
_HITS = (
    "(SELECT group_concat(h.set_name || ' (' || h.category || ')', ', ') "
    "FROM hash_hits h WHERE h.file_id = f.id)"
)
# (column key, SQL expression); the order is the file table's column order
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "f.name"),
    ("size", "f.size"),
    ("mtime", "f.mtime"),
    ("atime", "f.atime"),
    ("ctime", "f.ctime"),
    ("crtime", "f.crtime"),
    ("mime", "f.mime"),
    ("state", "f.allocated"),
    ("tags", _TAGS),
    ("hash_hits", _HITS),
    ("md5", "f.md5"),
    ("sha1", "f.sha1"),
    ("sha256", "f.sha256"),
    ("path", "f.path"),
    ("id", "f.id"),
    ("evidence_id", "f.evidence_id"),
    ("content", "f.content"),
    ("ext_mismatch", "f.ext_mismatch"),
    ("orphan", "f.orphan"),
    ("meta_type", "f.meta_type"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
SORTABLE = frozenset(("name", "size", "mtime", "atime", "ctime", "crtime", "mime", "state", "path", "id"))
DATE_FIELDS = frozenset(("mtime", "atime", "ctime", "crtime"))
_HASH_COLUMN = {32: "md5", 40: "sha1", 64: "sha256"}


@dataclass(frozen=True)
class FileFilter:
    """What the examiner asked to see. Empty fields do not filter."""

    evidence_id: int | None = None
    volume_idx: int | None = None
    folder: str | None = None  # parent_path: the folder's direct children only
    deleted_only: bool = False
    mime: str = ""  # "image/" matches a family, "image/png" one type
    ext_mismatch: bool = False
    hash_value: str = ""  # MD5, SHA-1 or SHA-256, told apart by length
    text: str = ""  # part of the path (the name is its last part)
    date_field: str = "mtime"
    date_from: str | None = None  # UTC ISO-8601, inclusive
    date_to: str | None = None  # UTC ISO-8601, exclusive
    tag: str | None = None
    hash_set: str = ""  # "notable" or "known": in such a set; "unknown": in no known set; "any": in a set
    set_name: str | None = None  # in this hash set
    sort: str = "id"
    descending: bool = False

    def sorted_by(self, key: str, descending: bool) -> "FileFilter":
        return replace(self, sort=key if key in SORTABLE else "id", descending=descending)


class FilterError(Refused, ValueError):
    """The filter cannot be run as given (a hash of the wrong length, an unknown date field)."""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(flt: FileFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        args.extend(values)

    if flt.evidence_id is not None:
        add("f.evidence_id = ?", flt.evidence_id)
    if flt.volume_idx is not None:
        add("f.volume_idx = ?", flt.volume_idx)
    if flt.folder is not None:
        add("f.parent_path = ?", flt.folder)
    if flt.deleted_only:
        add("f.allocated = 0")
    if flt.mime:
        if flt.mime.endswith("/"):
            add("f.mime >= ? AND f.mime < ?", flt.mime, flt.mime[:-1] + "0")  # range: uses the index
        else:
            add("f.mime = ?", flt.mime)
    if flt.ext_mismatch:
        add("f.ext_mismatch = 1")
    if flt.hash_value.strip():
        value = flt.hash_value.strip().lower()
        column = _HASH_COLUMN.get(len(value))
        if column is None or any(c not in "0123456789abcdef" for c in value):
            raise FilterError("a hash is 32 (MD5), 40 (SHA-1) or 64 (SHA-256) hexadecimal digits")
        add(f"f.{column} = ?", value)
    if flt.text.strip():
        add("f.path LIKE ? ESCAPE '\\'", _like(flt.text.strip()))
    if flt.date_field not in DATE_FIELDS:
        raise FilterError(f"unknown date field {flt.date_field}")
    if flt.date_from:
        add(f"f.{flt.date_field} >= ?", flt.date_from)
    if flt.date_to:
        add(f"f.{flt.date_field} < ?", flt.date_to)
    if flt.hash_set in ("notable", "known"):
        add("f.id IN (SELECT file_id FROM hash_hits WHERE category = ?)", flt.hash_set)
    elif flt.hash_set == "unknown":
        add("f.id NOT IN (SELECT file_id FROM hash_hits WHERE category = 'known')")
    elif flt.hash_set == "any":
        add("f.id IN (SELECT file_id FROM hash_hits)")
    if flt.set_name is not None:
        add("f.id IN (SELECT file_id FROM hash_hits WHERE set_name = ?)", flt.set_name)
    if flt.tag:
        add("f.id IN (SELECT file_id FROM tags WHERE tag = ? AND removed_at IS NULL)", flt.tag)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _order(flt: FileFilter) -> str:
    key = flt.sort if flt.sort in SORTABLE else "id"
    expression = "f.name COLLATE NOCASE" if key == "name" else dict(COLUMNS)[key]  # the name index
    direction = "DESC" if flt.descending else "ASC"
    return f" ORDER BY {expression} {direction}, f.id {direction}"


def file_page(conn: sqlite3.Connection, flt: FileFilter, offset: int, limit: int = PAGE_SIZE) -> list[tuple]:
    """One page of rows, each a tuple in COLUMNS order."""
    where, args = _where(flt)
    select = ", ".join(expression for _, expression in COLUMNS)
    query = f"SELECT {select} FROM files f{where}{_order(flt)} LIMIT ? OFFSET ?"
    return list(conn.execute(query, (*args, limit, offset)))


def file_count(conn: sqlite3.Connection, flt: FileFilter) -> int:
    where, args = _where(flt)
    return int(conn.execute(f"SELECT COUNT(*) FROM files f{where}", args).fetchone()[0])


def mime_types(conn: sqlite3.Connection) -> list[str]:
    """The distinct MIME types in the case (from the index), for the type filter."""
    rows = conn.execute("SELECT DISTINCT mime FROM files WHERE mime IS NOT NULL ORDER BY 1")
    return [row[0] for row in rows]


def tag_names(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT DISTINCT tag FROM tags WHERE removed_at IS NULL ORDER BY 1")
    return [row[0] for row in rows]


def local_day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[str, str]:
    """The UTC bounds (inclusive start, exclusive end) of the examiner's days `first`..`last` in `zone`:
    in Seoul, 2026-12-05 runs from 2026-12-04T15:00:00Z to 2026-12-05T15:00:00Z."""

    def start(day: date) -> str:
        moment = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    return start(first), start(last + timedelta(days=1))


def local_today(zone: ZoneInfo) -> date:
    """Today in the examiner's zone (09:00 in Seoul is still yesterday in UTC)."""
    return datetime.now(zone).date()
