"""Chrome and Android WebView History databases: visited URLs and downloads.

Browsers and in-app web views on a box show the panels, payment and reseller pages it reached.
"""

import sqlite3
from collections.abc import Iterable, Iterator

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceSpec, compact
from forensics.artifacts.common import (
    as_int,
    as_text,
    dict_rows,
    require_tables,
    sqlite_readonly,
    url_host,
    webkit_to_iso,
)

VISIT = "browser_history"
DOWNLOAD = "browser_download"


class ChromeHistory(Extractor):
    name = "chrome_history"
    version = 1
    types = (VISIT, DOWNLOAD)
    source = SourceSpec(names=("history",), max_size=512 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        with sqlite_readonly(source) as conn:
            present = require_tables(conn, {"urls": {"url", "last_visit_time"}})
            rows = list(self._visits(conn))
            if "downloads" in present:
                rows.extend(self._downloads(conn, "downloads_url_chains" in present))
            return rows

    @staticmethod
    def _visits(conn: sqlite3.Connection) -> Iterator[ArtifactRow]:
        for row in dict_rows(conn, "SELECT url, title, visit_count, last_visit_time FROM urls ORDER BY id"):
            yield ArtifactRow(
                VISIT,
                compact(
                    {
                        "url": as_text(row["url"]),
                        "host": url_host(as_text(row["url"])),
                        "title": as_text(row["title"]),
                        "visit_count": as_int(row["visit_count"]),
                        "last_visit": webkit_to_iso(row["last_visit_time"]),
                    }
                ),
            )

    @staticmethod
    def _downloads(conn: sqlite3.Connection, chains: bool) -> Iterator[ArtifactRow]:
        url = "(SELECT url FROM downloads_url_chains c WHERE c.id = d.id ORDER BY chain_index DESC LIMIT 1)"
        query = f"SELECT d.*, {url if chains else 'NULL'} AS chain_url FROM downloads d ORDER BY d.id"
        for row in dict_rows(conn, query):
            source_url = as_text(row.get("chain_url")) or as_text(row.get("tab_url"))
            yield ArtifactRow(
                DOWNLOAD,
                compact(
                    {
                        "url": source_url,
                        "host": url_host(source_url),
                        "target_path": as_text(row.get("target_path")),
                        "start_time": webkit_to_iso(row.get("start_time")),
                        "end_time": webkit_to_iso(row.get("end_time")),
                        "total_bytes": as_int(row.get("total_bytes")),
                        "mime_type": as_text(row.get("mime_type")),
                    }
                ),
            )
