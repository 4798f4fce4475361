"""A sweeper over app data for Xtream Codes URLs, Stalker/Ministra portals and MAG set-top-box MACs.

Works on raw bytes, so it also finds strings left in SQLite free pages, WAL files and caches.
One row per distinct (kind, stream type, host, username, password) per file, with how often it occurred.
"""

import re
import sqlite3
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceSpec, compact
from forensics.artifacts.common import SQLITE_MAGIC, sqlite_readonly, url_host

IPTV_URL = "iptv_url"
STB_MAC = "stb_mac"
_URL_CHARS = rb"[^\s\"'<>\\\x00-\x1f\x7f-\xff]"
URL_PATTERN = re.compile(rb"https?://" + _URL_CHARS + rb"{3,2000}", re.IGNORECASE)
STREAM_PATH = re.compile(
    r"^/(live|movie|series|timeshift)/([^/]+)/([^/]+)/(?:[^/]+/)*([^/?#]+)$", re.IGNORECASE
)
STALKER_PATH = re.compile(r"/(portal\.php|server/load\.php|load\.php|stalker_portal/c/?|c/?)$", re.IGNORECASE)
MAG_MAC = re.compile(rb"(?<![0-9A-F:-])00[:-]1A[:-]79(?:[:-][0-9A-F]{2}){3}(?![0-9A-F:-])", re.IGNORECASE)
XTREAM_SCRIPTS = {
    "get.php": "xtream_playlist",
    "player_api.php": "xtream_api",
    "xmltv.php": "xtream_epg",
    "panel_api.php": "xtream_api",
}
SWEPT_NAMES = (
    "*.xml",
    "*.db",
    "*.sqlite",
    "*.sqlite3",
    "*.db-wal",
    "*.db-journal",
    "*.json",
    "*.txt",
    "*.m3u",
    "*.m3u8",
    "*.conf",
    "*.cfg",
    "*.ini",
    "*.properties",
    "*.log",
    "*.dat",
    "*.sql",
    "*.js",
    "*.html",
    "*.php",
    "*.prop",
)


def classify_url(url: str) -> dict[str, Any] | None:
    """Kind, host and credentials of an IPTV URL, or None when it is not one."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path = unquote(parts.path)
    script = path.rsplit("/", 1)[-1].lower()
    if script in XTREAM_SCRIPTS:
        query = parse_qs(parts.query)
        user, password = query.get("username", [None])[0], query.get("password", [None])[0]
        if script == "get.php" and not user:
            return None
        return {
            "kind": XTREAM_SCRIPTS[script],
            "username": user,
            "password": password,
            "output": query.get("type", [None])[0],
        }
    stream = STREAM_PATH.match(path)
    if stream:
        return {
            "kind": "xtream_stream",
            "stream_type": stream.group(1).lower(),
            "username": stream.group(2),
            "password": stream.group(3),
        }
    if STALKER_PATH.search(path) and (
        "stalker" in path.lower() or script.endswith(".php") or path.endswith("/c/")
    ):
        return {"kind": "stalker_portal"}
    return None


class XtreamSweeper(Extractor):
    sweeping = True
    name = "iptv_url_sweeper"
    version = 1
    types = (IPTV_URL, STB_MAC)
    source = SourceSpec(names=SWEPT_NAMES, max_size=32 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        data = source.read_bytes()
        values = _sqlite_values(source) if data.startswith(SQLITE_MAGIC) else None
        if values is None:
            return [*self._urls([(data, None)]), *self._macs(data)]
        # Values one by one (adjacent columns run together in raw pages), then what only the raw bytes
        # hold: records in free pages and old versions of rows.
        in_records = self._urls([(value, "record") for value in values])
        known = {row.fields["url"] for row in in_records}
        raw = [row for row in self._urls([(data, "raw")]) if not _explained(row.fields["url"], known)]
        return [*in_records, *raw, *self._macs(data)]

    def _urls(self, chunks: list[tuple[bytes, str | None]]) -> list[ArtifactRow]:
        found: dict[tuple[Any, ...], dict[str, Any]] = {}
        for data, location in chunks:
            for match in URL_PATTERN.finditer(data):
                url = match.group(0).decode("ascii").rstrip(".,;)]}")
                facts = classify_url(url)
                if facts is None:
                    continue
                host = url_host(url)
                names = ("kind", "stream_type", "username", "password")
                key = (*(facts.get(name) for name in names), host)
                if key in found:
                    found[key]["occurrences"] += 1
                    continue
                offset = match.start() if location != "record" else None
                fields = {**facts, "host": host, "url": url, "found_in": location, "offset": offset}
                found[key] = compact(fields) | {"occurrences": 1}
        return [ArtifactRow(IPTV_URL, fields) for fields in found.values()]

    def _macs(self, data: bytes) -> list[ArtifactRow]:
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for match in MAG_MAC.finditer(data):
            mac = match.group(0).decode().replace("-", ":").upper()
            counts[mac] = counts.get(mac, 0) + 1
            first.setdefault(mac, match.start())
        return [
            ArtifactRow(STB_MAC, {"mac": mac, "occurrences": n, "offset": first[mac]})
            for mac, n in counts.items()
        ]


def _sqlite_values(source: SourceFile) -> list[bytes] | None:
    """Every text value of every table that could hold a URL, or None when the database cannot be read."""
    values: list[bytes] = []
    try:
        with sqlite_readonly(source) as conn:
            tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                for row in conn.execute(f'SELECT * FROM "{table}"'):
                    for value in row:
                        text = value.encode("utf-8", "replace") if isinstance(value, str) else value
                        if isinstance(text, bytes) and b"://" in text:
                            values.append(text)
    except (sqlite3.DatabaseError, ValueError):
        return None
    return values


def _explained(url: str, known: set[str]) -> bool:
    """A raw match that is a known record URL with the next column's text run into it."""
    return any(url.startswith(prefix) for prefix in known)
