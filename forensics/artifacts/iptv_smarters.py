"""IPTV Smarters and its rebrands: saved logins (server, username, password, MAC, expiry).

Matched by file name and schema, never by package name: rebrands ship the same code under many
package names. Each credential maps to a customer line on the piracy panel.
"""

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import (
    as_text,
    dict_rows,
    epoch_to_iso,
    local_name,
    normal_mac,
    parse_xml,
    sqlite_readonly,
    table_columns,
    url_host,
)

CREDENTIAL = "iptv_credential"
ACCOUNT_TABLES = {"multi_user": "xtream", "multi_user_stalker": "stalker", "login_user": "xtream"}
# column (or preference key) names seen across versions and rebrands, lower case
SERVER_KEYS = ("server_url", "serverurl", "url", "portal_url", "portal", "dns", "m3u_url", "m3uurl", "host")
USER_KEYS = ("username", "user_name", "user", "login")
PASSWORD_KEYS = ("password", "pass", "passwd")
MAC_KEYS = ("mac_address", "macaddress", "mac")
EXPIRY_KEYS = ("exp_date", "expdate", "expiry_date", "expiry", "expire", "expiration")
NAME_KEYS = ("name", "any_name", "anyname", "profile_name", "playlist_name")


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        text = as_text(values.get(key))
        if text:
            return text
    return None


def credential_fields(values: dict[str, Any], account_type: str) -> dict[str, Any]:
    """Map one saved login (lower-case keys) onto the credential fields."""
    server = _with_protocol_and_port(_first(values, SERVER_KEYS), values)
    expiry_raw = _first(values, EXPIRY_KEYS)
    return compact(
        {
            "account_type": account_type,
            "profile_name": _first(values, NAME_KEYS),
            "server_url": server,
            "host": url_host(server),
            "username": _first(values, USER_KEYS),
            "password": _first(values, PASSWORD_KEYS),
            "mac": normal_mac(_first(values, MAC_KEYS)),
            "expiry": epoch_to_iso(expiry_raw) or expiry_raw,
        }
    )


def _with_protocol_and_port(server: str | None, values: dict[str, Any]) -> str | None:
    """Some versions keep the host, the protocol and the port under separate keys."""
    if not server or "://" in server:
        return server
    protocol = as_text(values.get("serverprotocol")) or "http"
    port = as_text(values.get("serverport") or values.get("port"))
    host, slash, rest = server.partition("/")
    if port and ":" not in host:
        host = f"{host}:{port}"
    return f"{protocol.rstrip(':/')}://{host}{slash}{rest}".rstrip("/")


class IptvSmartersDatabase(Extractor):
    name = "iptv_smarters_db"
    version = 1
    types = (CREDENTIAL,)
    source = SourceSpec(names=("iptv_smarters_multi_user.db", "*multi_user*.db"), max_size=64 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        with sqlite_readonly(source) as conn:
            return list(self._rows(conn))

    def _rows(self, conn: sqlite3.Connection) -> Iterator[ArtifactRow]:
        present = table_columns(conn)
        tables = [name for name in ACCOUNT_TABLES if name in present and _looks_like_accounts(present[name])]
        if not tables:
            raise SourceRejected("no IPTV Smarters account table")
        for table in tables:
            for values in dict_rows(conn, f'SELECT * FROM "{table}"'):
                fields = credential_fields(values, ACCOUNT_TABLES[table])
                if "server_url" in fields or "username" in fields or "mac" in fields:
                    yield ArtifactRow(CREDENTIAL, {"app": "IPTV Smarters", "table": table, **fields})


def _looks_like_accounts(columns: set[str]) -> bool:
    return bool(columns & set(SERVER_KEYS)) and bool(columns & set(USER_KEYS + MAC_KEYS))


class IptvSmartersPrefs(Extractor):
    name = "iptv_smarters_prefs"
    version = 1
    types = (CREDENTIAL,)
    source = SourceSpec(names=("loginprefs*.xml",), path_fragments=("shared_prefs",), max_size=4 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        values = {key.lower(): value for key, value in shared_preferences(root).items()}
        fields = credential_fields(values, "stalker" if _first(values, MAC_KEYS) else "xtream")
        if "server_url" not in fields and "username" not in fields:
            return []
        return [ArtifactRow(CREDENTIAL, {"app": "IPTV Smarters", "table": "loginPrefs", **fields})]


def shared_preferences(root: Any) -> dict[str, str]:
    """An Android SharedPreferences document (<map> of typed entries) as name -> text."""
    values: dict[str, str] = {}
    for entry in root:
        key = entry.get("name")
        if key is None:
            continue
        value = entry.get("value") if local_name(entry.tag) != "string" else entry.text
        values[key] = value or ""
    return values
