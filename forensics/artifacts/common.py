"""Helpers shared by extractors: read-only SQLite, XML, times and URLs."""

import contextlib
import re
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from forensics.artifacts.abx import ABX_MAGIC, abx_to_element
from forensics.artifacts.base import SourceFile, SourceRejected
from forensics.base.timefmt import tsk_time_to_iso

SQLITE_MAGIC = b"SQLite format 3\x00"
_WEBKIT_EPOCH_OFFSET_US = 11_644_473_600_000_000


@contextlib.contextmanager
def sqlite_readonly(source: SourceFile) -> Iterator[sqlite3.Connection]:
    """Open the private copy read-only. With a write-ahead log copied beside it (`NAME-wal`), SQLite
    reads the log too (it may write an -shm index in the scratch folder, never in the evidence);
    without one the copy is opened immutable."""
    with source.local.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise ValueError("not an SQLite 3 database (bad header)")
    has_wal = Path(f"{source.local}-wal").is_file()
    options = "mode=ro" if has_wal else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{source.local.as_uri()}?{options}", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield conn
    finally:
        conn.close()


def table_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Every table of the database and its column names (lower case)."""
    tables: dict[str, set[str]] = {}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        columns = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        tables[str(name).lower()] = {str(column[1]).lower() for column in columns}
    return tables


def require_tables(conn: sqlite3.Connection, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """The schema signature: at least one wanted table with its key columns, else SourceRejected."""
    present = table_columns(conn)
    if not any(name in present and columns <= present[name] for name, columns in wanted.items()):
        raise SourceRejected("schema does not match")
    return present


def dict_rows(conn: sqlite3.Connection, query: str, args: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(query, args)
    names = [str(column[0]).lower() for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def parse_xml(source: SourceFile) -> ET.Element:
    """Parse plain XML or Android binary XML (ABX); a truncated or garbled file raises."""
    data = source.read_bytes()
    if data.startswith(ABX_MAGIC):
        return abx_to_element(data)
    return ET.fromstring(data)


def epoch_to_iso(value: Any) -> str | None:
    """Unix seconds or milliseconds (guessed by magnitude), as text or number, to UTC ISO-8601."""
    number = as_int(value)
    if number is None or number <= 0:
        return None
    if number > 100_000_000_000:  # milliseconds
        return tsk_time_to_iso(number // 1000, (number % 1000) * 1_000_000)
    return tsk_time_to_iso(number)


def hex_ms_to_iso(value: str | None) -> str | None:
    """Android's hex milliseconds (packages.xml ft/it/ut) to UTC ISO-8601."""
    if not value:
        return None
    try:
        millis = int(value, 16)
    except ValueError:
        return None
    return tsk_time_to_iso(millis // 1000, (millis % 1000) * 1_000_000) if millis > 0 else None


def webkit_to_iso(value: Any) -> str | None:
    """Chrome's microseconds since 1601-01-01 to UTC ISO-8601."""
    number = as_int(value)
    if number is None or number <= _WEBKIT_EPOCH_OFFSET_US:
        return None
    micros = number - _WEBKIT_EPOCH_OFFSET_US
    return tsk_time_to_iso(micros // 1_000_000, (micros % 1_000_000) * 1000)


def as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    text = str(value).strip()
    return text or None


def url_host(url: str | None) -> str | None:
    """host[:port] of a URL (a bare host:port is accepted too)."""
    if not url:
        return None
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return f"{parts.hostname}:{port}" if port else parts.hostname


MAC_PATTERN = re.compile(r"\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b")


def normal_mac(text: str | None) -> str | None:
    if not text:
        return None
    found = MAC_PATTERN.search(text)
    return found.group(0).replace("-", ":").upper() if found else None


def local_name(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]
