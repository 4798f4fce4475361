"""Xtream-UI / XUI.one piracy panels, from SQL dumps (or SQLite copies of the same tables).

Customer lines (username, password, expiry, reseller), the reseller tree and its credits, streams and
where each was captured (stream_source), streaming servers, client activity with IPs and countries,
and MAG set-top boxes.
"""

import base64
import binascii
import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from forensics.artifacts.base import (
    ArtifactRow,
    Extractor,
    SourceFile,
    SourceRejected,
    SourceSpec,
    Truncated,
    compact,
)
from forensics.artifacts.common import (
    SQLITE_MAGIC,
    as_int,
    as_text,
    dict_rows,
    epoch_to_iso,
    normal_mac,
    sqlite_readonly,
    url_host,
)
from forensics.artifacts.sql_dump import table_rows

LINE, RESELLER, CREDIT = "panel_line", "panel_reseller", "panel_credit"
STREAM, SERVER, ACTIVITY, MAG = "panel_stream", "panel_server", "panel_activity", "panel_mag_device"
TABLES = {
    "users",
    "lines",
    "reg_users",
    "credits_log",
    "streams",
    "streaming_servers",
    "servers",
    "user_activity",
    "user_activity_now",
    "lines_activity",
    "mag_devices",
}
ROW_LIMIT = 200_000


Builder = Callable[[str, dict[str, Any]], ArtifactRow | None]
# An artifact field read from a panel table's column: (the field's name, conversion, the column).
Column = tuple[str, Callable[[Any], Any], str]


def _flag(value: Any) -> bool | None:
    number = as_int(value)
    return None if number is None else bool(number)


def _json_list(value: Any) -> list[str]:
    text = as_text(value)
    if not text:
        return []
    try:
        parsed = json.loads(text)
    except ValueError:
        return [text]
    return [str(item) for item in parsed] if isinstance(parsed, list) else [str(parsed)]


def _mag_mac(column: Any) -> str | None:
    """Xtream-UI stores MAG MACs base64-encoded."""
    value = as_text(column)
    if value and not normal_mac(value):
        try:
            value = base64.b64decode(value, validate=True).decode("ascii", "replace")
        except (binascii.Error, ValueError):
            return value
    return normal_mac(value) or value


def _main_server(can_delete: Any) -> bool | None:
    """Xtream-UI's main server is the one that cannot be deleted (`can_delete` 0). Version 1 never
    stored `is_main` (it converted a bool as a number); version 2 does."""
    number = as_int(can_delete)
    return None if number is None else number == 0


def _row(kind: str, table: str, row: dict[str, Any], columns: tuple[Column, ...], **more: Any) -> ArtifactRow:
    """One artifact row: the panel table's name, each column converted, then `more`; empty values dropped."""
    fields = {"table": table, **{name: convert(row.get(column)) for name, convert, column in columns}}
    return ArtifactRow(kind, compact({**fields, **more}))


LINE_COLUMNS: tuple[Column, ...] = (
    ("line_id", as_int, "id"),
    ("username", as_text, "username"),
    ("password", as_text, "password"),
    ("expiry", epoch_to_iso, "exp_date"),
    ("created", epoch_to_iso, "created_at"),
    ("reseller_id", as_int, "member_id"),
    ("max_connections", as_int, "max_connections"),
    ("enabled", _flag, "enabled"),
    ("admin_enabled", _flag, "admin_enabled"),
    ("is_trial", _flag, "is_trial"),
    ("allowed_ips", as_text, "allowed_ips"),
    ("is_mag", _flag, "is_mag"),
)
RESELLER_COLUMNS: tuple[Column, ...] = (
    ("reseller_id", as_int, "id"),
    ("username", as_text, "username"),
    ("owner_id", as_int, "owner_id"),
    ("group_id", as_int, "member_group_id"),
    ("credits", as_text, "credits"),
    ("email", as_text, "email"),
    ("last_login", epoch_to_iso, "last_login"),
    ("last_ip", as_text, "ip"),
    ("created", epoch_to_iso, "date_registered"),
    ("status", as_int, "status"),
)
CREDIT_COLUMNS: tuple[Column, ...] = (
    ("target_id", as_int, "target_id"),
    ("admin_id", as_int, "admin_id"),
    ("amount", as_text, "amount"),
    ("date", epoch_to_iso, "date"),
    ("reason", as_text, "reason"),
)
STREAM_COLUMNS: tuple[Column, ...] = (
    ("stream_id", as_int, "id"),
    ("name", as_text, "stream_display_name"),
    ("type", as_int, "type"),
    ("category_id", as_text, "category_id"),
    ("sources", _json_list, "stream_source"),
    ("added", epoch_to_iso, "added"),
    ("notes", as_text, "notes"),
)
SERVER_COLUMNS: tuple[Column, ...] = (
    ("server_id", as_int, "id"),
    ("name", as_text, "server_name"),
    ("ip", as_text, "server_ip"),
    ("domain", as_text, "domain_name"),
    ("http_port", as_int, "http_broadcast_port"),
    ("is_main", _main_server, "can_delete"),
    ("status", as_int, "status"),
    ("last_check", epoch_to_iso, "last_check_ago"),
)
ACTIVITY_COLUMNS: tuple[Column, ...] = (
    ("line_id", as_int, "user_id"),
    ("stream_id", as_int, "stream_id"),
    ("server_id", as_int, "server_id"),
    ("client_ip", as_text, "user_ip"),
    ("country", as_text, "geoip_country_code"),
    ("user_agent", as_text, "user_agent"),
    ("container", as_text, "container"),
    ("start", epoch_to_iso, "date_start"),
    ("end", epoch_to_iso, "date_end"),
    ("isp", as_text, "isp"),
)
MAG_COLUMNS: tuple[Column, ...] = (
    ("line_id", as_int, "user_id"),
    ("mac", _mag_mac, "mac"),
    ("serial", as_text, "sn"),
    ("model", as_text, "stb_type"),
    ("ip", as_text, "ip"),
    ("last_seen", epoch_to_iso, "last_watchdog"),
)


def _line(table: str, row: dict[str, Any]) -> ArtifactRow | None:
    notes = as_text(row.get("admin_notes") or row.get("reseller_notes"))
    return _row(LINE, table, row, LINE_COLUMNS, notes=notes)


def _reseller(table: str, row: dict[str, Any]) -> ArtifactRow | None:
    if "exp_date" in row:  # Xtream-UI's `users` are customer lines
        return None
    return _row(RESELLER, table, row, RESELLER_COLUMNS)


def _credit(table: str, row: dict[str, Any]) -> ArtifactRow:
    return _row(CREDIT, table, row, CREDIT_COLUMNS)


def _stream(table: str, row: dict[str, Any]) -> ArtifactRow:
    hosts = sorted({h for s in _json_list(row.get("stream_source")) if (h := url_host(s))})
    return _row(STREAM, table, row, STREAM_COLUMNS, source_hosts=hosts)


def _server(table: str, row: dict[str, Any]) -> ArtifactRow:
    return _row(SERVER, table, row, SERVER_COLUMNS)


def _activity(table: str, row: dict[str, Any]) -> ArtifactRow:
    return _row(ACTIVITY, table, row, ACTIVITY_COLUMNS)


def _mag(table: str, row: dict[str, Any]) -> ArtifactRow:
    return _row(MAG, table, row, MAG_COLUMNS)


BUILDERS = {
    "users": (_line, _reseller),
    "lines": (_line,),
    "reg_users": (_reseller,),
    "credits_log": (_credit,),
    "streams": (_stream,),
    "streaming_servers": (_server,),
    "servers": (_server,),
    "user_activity": (_activity,),
    "user_activity_now": (_activity,),
    "lines_activity": (_activity,),
    "mag_devices": (_mag,),
}


# The columns a table must have to be read as that panel table (all of the first set, one of the
# second): `users` and `user_activity` are common names, other web applications use them too.
SIGNATURES: dict[Builder, tuple[set[str], set[str]]] = {
    _line: ({"username", "password", "exp_date"}, set()),
    _reseller: ({"username"}, {"owner_id", "member_group_id"}),
    _credit: ({"target_id", "admin_id", "amount"}, set()),
    _stream: ({"stream_source"}, set()),
    _server: (set(), {"server_ip", "server_name"}),
    _activity: ({"user_ip"}, {"container", "geoip_country_code", "stream_id"}),
    _mag: ({"mac"}, set()),
}


def _fits(builder: Builder, row: dict[str, Any]) -> bool:
    all_of, one_of = SIGNATURES[builder]
    return all_of <= row.keys() and (not one_of or bool(one_of & row.keys()))


def panel_rows(rows: Iterable[tuple[str, dict[str, Any]]], limit: int = ROW_LIMIT) -> list[ArtifactRow]:
    """Artifact rows of panel tables, at most `limit` per table (the rest is counted, then Truncated)."""
    built_rows: list[ArtifactRow] = []
    per_table: Counter[str] = Counter()
    for table, row in rows:
        per_table[table] += 1
        if per_table[table] > limit:
            continue
        for builder in BUILDERS[table]:
            built = builder(table, row) if _fits(builder, row) else None
            if built is not None:
                built_rows.append(built)
                break
    over = {table: count for table, count in per_table.items() if count > limit}
    if over:
        detail = ", ".join(f"{table}: first {limit} of {count} rows" for table, count in sorted(over.items()))
        raise Truncated(built_rows, f"row limit reached ({detail})")
    return built_rows


class XtreamPanel(Extractor):
    name = "xtream_panel"
    version = 2
    types = (LINE, RESELLER, CREDIT, STREAM, SERVER, ACTIVITY, MAG)
    source = SourceSpec(names=("*.sql", "*.sql.txt", "*.dump", "*.db", "*.sqlite"), max_size=512 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        with source.local.open("rb") as handle:
            head = handle.read(16)
        if head == SQLITE_MAGIC:
            return self._from_sqlite(source)
        if source.path.lower().endswith((".db", ".sqlite")):
            raise SourceRejected("not SQLite")
        rows = panel_rows(table_rows(source.text(), TABLES))
        if not rows:
            raise SourceRejected("no panel tables in this SQL")
        return rows

    @staticmethod
    def _from_sqlite(source: SourceFile) -> list[ArtifactRow]:
        with sqlite_readonly(source) as conn:
            names = {n.lower() for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"streams", "user_activity", "reg_users", "lines"} & names:
                raise SourceRejected("no panel tables")
            found = [t for t in TABLES if t in names]
            pairs = ((t, row) for t in found for row in dict_rows(conn, f'SELECT * FROM "{t}"'))
            return panel_rows(pairs)
