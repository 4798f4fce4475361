"""A sweeper over app data for Xtream Codes URLs, Stalker/Ministra portals and MAG set-top-box MACs.

Works on raw bytes, so it also finds strings left in SQLite free pages, WAL files and caches.
One row per distinct (kind, stream type, host, username, password) per file, with how often it occurred.
"""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceSpec, compact
from forensics.artifacts.common import url_host

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
        return [*self._urls(data), *self._macs(data)]

    def _urls(self, data: bytes) -> list[ArtifactRow]:
        found: dict[tuple[Any, ...], dict[str, Any]] = {}
        for match in URL_PATTERN.finditer(data):
            url = match.group(0).decode("ascii").rstrip(".,;)]}")
            facts = classify_url(url)
            if facts is None:
                continue
            host = url_host(url)
            key = (
                facts["kind"],
                facts.get("stream_type"),
                host,
                facts.get("username"),
                facts.get("password"),
            )
            if key in found:
                found[key]["occurrences"] += 1
                continue
            found[key] = compact({**facts, "host": host, "url": url, "offset": match.start()}) | {
                "occurrences": 1
            }
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
