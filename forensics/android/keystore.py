"""Device keys Amlogic boxes keep in the `reserved` partition (mac, mac_bt, mac_wifi, usid).

The key area starts 0x4000 into `reserved` (16 KiB after the EPT, U-Boot's EMMCKEY_RESERVE_OFFSET):
two copies of 128 KiB marked "emmckeys". Key records are not documented publicly, so the values are
found by name: each key name as a NUL-terminated token, its value the first MAC address (mac*)
or printable run (usid) within the next 256 bytes and before the next key name. Keys kept in
encrypted secure storage (newer SoCs) are not readable this way: nothing is returned for them.
"""

import re
from dataclasses import dataclass
from typing import Any

from forensics.android.ept import EPT_OFFSET, read_ept
from forensics.android.views import safe_reader

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


def read_ept_keys(read: Any) -> tuple[DeviceKey, ...]:
    """Keys of the Amlogic key store of the image behind `read(offset, length)`; empty when none.

    Only images with an EPT have one; `reserved` is found through the EPT (else at 36 MiB, where the EPT is).
    """
    table = read_ept(read)
    if table is None:
        return ()
    reserved = next((p.offset for p in table.partitions if p.name == "reserved"), None)
    start = (reserved if reserved is not None else EPT_OFFSET) + KEYSTORE_OFFSET
    return parse_key_area(bytes(read(start, KEY_AREA_SIZE)), start)


def read_device_keys(spec: Any) -> tuple[DeviceKey, ...]:
    """Keys of the evidence image `spec` (a forensics.image_detect.ImageSpec). Raises EvidenceError."""
    from forensics.image_open import open_image  # local: keeps this module free of image opening

    image, facts = open_image(spec)
    try:
        return read_ept_keys(safe_reader(image, facts.size))
    finally:
        image.close()
