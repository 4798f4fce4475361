"""Which artifact fields hold identifiers worth linking, and their normal forms (MAC case and separators,
host names lowercased and IDNA-encoded, credentials as user name @ host)."""

import ipaddress
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

MAC, CREDENTIAL, HOST, SERIAL, ANDROID_ID = "mac", "credential", "host", "serial", "android_id"
KINDS = (MAC, CREDENTIAL, HOST, SERIAL, ANDROID_ID)
_HEX12 = re.compile(r"[0-9A-Fa-f]{12}")
_NO_MACS = {"000000000000", "FFFFFFFFFFFF"}
_NO_HOSTS = {"localhost", "localhost.localdomain"}
SERIAL_KEYS = ("usid", "serial", "serialno", "sn", "deviceid")

# An identifier found in a row: (kind, value as read, the field it came from).
Found = tuple[str, str, str]


def normal_mac(text: Any) -> str | None:
    """ "00:1a:79:12:34:58", "00-1A-79-12-34-58", "001a.7912.3458", "001A79123458" -> "00:1A:79:12:34:58"."""
    if not isinstance(text, str):
        return None
    digits = re.sub(r"[\s:.\-]", "", text)
    if not _HEX12.fullmatch(digits) or digits.upper() in _NO_MACS:
        return None
    upper = digits.upper()
    return ":".join(upper[i : i + 2] for i in range(0, 12, 2))


def normal_host(text: Any) -> str | None:
    """The host name of a URL or host[:port], lowercased and IDNA-encoded (an IP address as written
    by ipaddress); None for none, loopback, unspecified and link-local addresses and `localhost`."""
    if not isinstance(text, str) or not text.strip():
        return None
    raw = text.strip()
    try:
        host = urlsplit(raw if "://" in raw else "//" + raw).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:
            name = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
        return name if name and name not in _NO_HOSTS else None
    if address.is_loopback or address.is_unspecified or address.is_link_local:
        return None
    return str(address)


def normal_credential(username: Any, host: Any) -> str | None:
    """ "user@host": the user name as written (panels compare it exactly), the host normalised."""
    name, where = (username.strip() if isinstance(username, str) else ""), normal_host(host)
    return f"{name}@{where}" if name and where else None


def normal_value(kind: str, value: str) -> str | None:
    if kind == MAC:
        return normal_mac(value)
    if kind == HOST:
        return normal_host(value)
    if kind == ANDROID_ID:
        text = value.strip().lower()
        return text if re.fullmatch(r"[0-9a-f]{8,32}", text) and text.strip("0") else None
    text = value.strip()
    return text if len(text) >= 4 else None  # serials; credentials are normalised when found


def _hosts(fields: dict[str, Any], *names: str) -> Iterator[Found]:
    for name in names:
        value = fields.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                yield HOST, item, name


def _credential(fields: dict[str, Any], host_field: str) -> Iterator[Found]:
    value = normal_credential(fields.get("username"), fields.get(host_field))
    if value:
        yield CREDENTIAL, value, "username"


def _device_key(f: dict[str, Any]) -> Iterator[Found]:
    name, value = str(f.get("name", "")), f.get("value")
    if isinstance(value, str) and f.get("encoding", "text") == "text":
        if name.startswith("mac"):
            yield MAC, value, "value"
        elif name in SERIAL_KEYS:
            yield SERIAL, value, "value"


def _credential_row(f: dict[str, Any]) -> Iterator[Found]:
    if isinstance(f.get("mac"), str):
        yield MAC, f["mac"], "mac"
    yield from _credential(f, "server_url" if f.get("server_url") else "host")
    yield from _hosts(f, "server_url")


def _playlist(f: dict[str, Any]) -> Iterator[Found]:
    yield from _hosts(f, "hosts")
    for item in f.get("credentials") or []:
        if isinstance(item, dict):
            yield from _credential(item, "host")


def _device_identity(f: dict[str, Any]) -> Iterator[Found]:
    if isinstance(f.get("android_id"), str):
        yield ANDROID_ID, f["android_id"], "android_id"
    if isinstance(f.get("bluetooth_address"), str):
        yield MAC, f["bluetooth_address"], "bluetooth_address"
    for group in ("urls", "ota_properties"):
        values = f.get(group)
        if isinstance(values, dict):
            for value in values.values():
                if isinstance(value, str) and "://" in value:
                    yield HOST, value, group


def _panel_mag(f: dict[str, Any]) -> Iterator[Found]:
    if isinstance(f.get("mac"), str):
        yield MAC, f["mac"], "mac"
    if isinstance(f.get("serial"), str):
        yield SERIAL, f["serial"], "serial"


def _single(kind: str, *names: str) -> Callable[[dict[str, Any]], Iterator[Found]]:
    def found(f: dict[str, Any]) -> Iterator[Found]:
        for name in names:
            if isinstance(f.get(name), str):
                yield kind, f[name], name

    return found


# Panel lines are credentials of the panel's own hosts: app.links.index adds them (it knows the hosts).
RULES: dict[str, Callable[[dict[str, Any]], Iterable[Found]]] = {
    "device_key": _device_key,
    "iptv_credential": _credential_row,
    "iptv_url": lambda f: (*_hosts(f, "host"), *_credential(f, "host")),
    "stb_mac": _single(MAC, "mac"),
    "wifi_network": _single(MAC, "bssid"),
    "playlist": _playlist,
    "kodi_pvr_setting": lambda f: _hosts(f, "hosts"),
    "kodi_source": lambda f: _hosts(f, "hosts"),
    "streaming_config": lambda f: _hosts(f, "hosts"),
    "device_identity": _device_identity,
    "panel_mag_device": _panel_mag,
    "panel_server": lambda f: _hosts(f, "domain", "ip"),
    "panel_stream": lambda f: _hosts(f, "source_hosts"),
}
# The facts of a row that say what the identifier is there (shown with each occurrence).
DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    "device_key": ("name", "verified"),
    "iptv_credential": ("app", "username"),
    "iptv_url": ("kind", "username"),
    "wifi_network": ("ssid",),
    "panel_mag_device": ("line_id", "model"),
    "panel_line": ("line_id", "username", "expiry"),
    "panel_server": ("server_id", "name"),
    "panel_stream": ("stream_id", "name"),
    "streaming_config": ("application",),
}


def found_in(artifact_type: str, fields: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(kind, normalised value, field) of every identifier of one row; each value once per row and kind."""
    rule = RULES.get(artifact_type)
    if rule is None:
        return
    seen: set[tuple[str, str]] = set()
    for kind, raw, field in rule(fields):
        value = raw if kind == CREDENTIAL else normal_value(kind, raw)
        if value and (kind, value) not in seen:
            seen.add((kind, value))
            yield kind, value, field
