"""Device keys Amlogic boxes keep in the `reserved` partition (mac, mac_bt, mac_wifi, usid).

The key area starts 0x4000 into `reserved` (16 KiB after the EPT, U-Boot's EMMCKEY_RESERVE_OFFSET):
two copies of 128 KiB marked "emmckeys". Key records are not documented publicly, so the values are
found by name: each key name as a NUL-terminated token, its value the first MAC address (mac*)
or printable run (usid) within the next 256 bytes and before the next key name. Keys kept in
encrypted secure storage (newer SoCs) are not readable this way: nothing is returned for them.
`read_key_store` also says what was read (offset, length, SHA-256) and what looked wrong.
"""

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from forensics.base.reader import ReadAt, safe_reader
from forensics.containers.opening import open_image
from forensics.volumes.ept import EPT_OFFSET, read_ept

KEYSTORE_OFFSET = 0x4000
KEY_AREA_SIZE = 2 * (128 << 10)
KEY_NAMES = ("mac", "mac_bt", "mac_wifi", "usid")
_WINDOW = 256
_MAC = re.compile(rb"(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")
_PRINTABLE = re.compile(rb"[\x21-\x7e]{4,128}")
_NEXT_NAME = re.compile(rb"(?<![A-Za-z0-9_])(?:" + b"|".join(n.encode() for n in KEY_NAMES) + rb")\x00")


@dataclass(frozen=True)
class DeviceKey:
    """One key value and the absolute byte offset of the image where it was read."""

    name: str
    value: str
    offset: int


def _value(name: str, window: bytes) -> tuple[str, int] | None:
    pattern = _MAC if name.startswith("mac") else _PRINTABLE
    for match in pattern.finditer(window):
        text = match.group().decode("ascii")
        if text not in KEY_NAMES:
            return text, match.start()
    return None


def parse_key_area(area: bytes, area_offset: int) -> tuple[DeviceKey, ...]:
    """Keys found in `area` (the bytes at absolute offset `area_offset`), first occurrence of each name."""
    found: dict[str, DeviceKey] = {}
    for name in KEY_NAMES:
        for match in re.finditer(rb"(?<![A-Za-z0-9_])" + name.encode() + rb"\x00", area):
            start = match.end()
            value = _value(name, _NEXT_NAME.split(area[start : start + _WINDOW], 1)[0])
            if value is not None:
                found[name] = DeviceKey(name, value[0], area_offset + start + value[1])
                break
    return tuple(found[name] for name in KEY_NAMES if name in found)


@dataclass(frozen=True)
class KeyStore:
    """The key area as read: absolute offset, bytes read, their SHA-256, the keys, what looked wrong."""

    partition: str
    offset: int
    length: int
    sha256: str
    keys: tuple[DeviceKey, ...]
    problems: tuple[str, ...]


def _problems(area: bytes, keys: tuple[DeviceKey, ...]) -> tuple[str, ...]:
    problems: list[str] = []
    if len(area) < KEY_AREA_SIZE:
        problems.append(f"key area cut short: {len(area)} of {KEY_AREA_SIZE} bytes could be read")
    found = {key.name for key in keys}
    unreadable = [
        name
        for name in KEY_NAMES
        if name not in found and re.search(rb"(?<![A-Za-z0-9_])" + name.encode() + rb"\x00", area)
    ]
    if unreadable:
        problems.append(f"key name(s) {', '.join(unreadable)} present without a readable value")
    if not keys:
        problems.append("no readable key (erased, damaged, or kept in encrypted secure storage)")
    return tuple(problems)


def read_ept_key_store(read: ReadAt) -> KeyStore | None:
    """The Amlogic key store of the image behind `read(offset, length)`; None without an EPT.

    `reserved` is found through the EPT (else at 36 MiB, where the EPT is)."""
    table = read_ept(read)
    if table is None:
        return None
    reserved = next((p.offset for p in table.partitions if p.name == "reserved"), None)
    start = (reserved if reserved is not None else EPT_OFFSET) + KEYSTORE_OFFSET
    area = bytes(read(start, KEY_AREA_SIZE))
    keys = parse_key_area(area, start)
    digest = hashlib.sha256(area).hexdigest()
    return KeyStore("reserved", start, len(area), digest, keys, _problems(area, keys))


def read_ept_keys(read: ReadAt) -> tuple[DeviceKey, ...]:
    """Keys of the Amlogic key store of the image behind `read(offset, length)`; empty when none."""
    store = read_ept_key_store(read)
    return store.keys if store is not None else ()


def read_key_store(spec: Any) -> KeyStore | None:
    """The key store of the evidence image `spec` (a forensics.containers.detect.ImageSpec), None without an
    EPT. Raises EvidenceError when the image cannot be opened."""
    image, facts = open_image(spec)
    try:
        return read_ept_key_store(safe_reader(image, facts.size))
    finally:
        image.close()


def read_device_keys(spec: Any) -> tuple[DeviceKey, ...]:
    """Keys of the evidence image `spec`; empty without an EPT. Raises EvidenceError."""
    store = read_key_store(spec)
    return store.keys if store is not None else ()
