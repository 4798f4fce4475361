"""Device keys Amlogic boxes keep in the `reserved` partition, read by the unifykey store's own format.

The key area starts 0x4000 into `reserved` (16 KiB after the EPT, U-Boot's EMMCKEY_RESERVE_OFFSET).
U-Boot (GX/G12) writes two 256 KiB copies there, at +0x4000 and +0x44000, and since 2019 two 512-byte
checksum records at +0x84000 / +0x84200 (layout: the "Amlogic device keys" paragraph of DOMAIN.md):
- "AMLNORMAL": a head {mark, version, enctype, keycnt, ...} with its own SHA-256 (bytes 0-43) and the
  SHA-256 of the copy's bytes 0x200..flashsize; TLV objects from 0x400, each key with its name, data,
  the SHA-256 of its data, type and attributes. Every hash and record is checked, never assumed.
- "AMLSECURITY": the same store encrypted by the secure monitor: recognised, nothing read or guessed.
- older Meson chips: an "emmckeys" area whose records are undocumented; there the values are found by
  name (a NUL-terminated name, its value the first MAC (mac*) or printable run (usid) after it).
`read_key_store` also says what was read (offset, length, SHA-256) and what looked wrong.
"""

import hashlib
import re
import struct
from dataclasses import dataclass, field, replace
from typing import Any

from forensics.base.reader import ReadAt, safe_reader
from forensics.containers.opening import open_image
from forensics.volumes.ept import EPT_OFFSET, read_ept

KEYSTORE_OFFSET = 0x4000
COPY_SIZE = 0x40000
COPY_STARTS = (0, 0x40000)  # within the key area (reserved + 0x4000 and + 0x44000)
RECORD_STARTS = (0x80000, 0x80200)  # reserved + 0x84000 / + 0x84200: one checksum record per copy
RECORD_MAGIC = 9
KEY_AREA_SIZE = 0x80400  # both copies and both records
LEGACY_AREA_SIZE = 2 * (128 << 10)  # "emmckeys": two copies of 128 KiB
NORMAL, SECURE, LEGACY = "AMLNORMAL", "AMLSECURITY", "emmckeys"
KEY_NAMES = ("mac", "mac_bt", "mac_wifi", "usid")
ATTRIBUTE_BITS = ((0x1, "secure"), (0x2, "otp"), (0x100, "encrypted"))
_HEAD = struct.Struct("<16s7I32s32s")  # mark, version, enctype, keycnt, initcnt, wrtcnt, errcnt, flags
_HEAD_HASHED = 44
_TLV_HEAD_AT, _OBJECTS_AT = 0x200, 0x400
_TAG_HEAD, _TAG_BLOCKSIZE, _TAG_FLASHSIZE, _TAG_OBJECT = 1, 2, 11, 3
_TAG_NAMESIZE, _TAG_NAME, _TAG_DATASIZE, _TAG_DATA, _TAG_HASH, _TAG_TYPE, _TAG_ATTR = 4, 5, 6, 7, 10, 8, 9
_WINDOW = 256
_NAME_LIMIT = 80  # U-Boot's key names are short (mac, hdcp2_rx...); a longer one is cut, not trusted
_MAC = re.compile(rb"(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")
_PRINTABLE = re.compile(rb"[\x21-\x7e]{4,128}")
_NEXT_NAME = re.compile(rb"(?<![A-Za-z0-9_])(?:" + b"|".join(n.encode() for n in KEY_NAMES) + rb")\x00")


@dataclass(frozen=True)
class DeviceKey:
    """One key: its value (text where printable, else hex) and the absolute offset where it was read.

    For a unifykey store also its size, attributes, whether its stored SHA-256 matches its data
    (None when the object has no hash), which copy it was read from and whether the other copy
    holds the same data (None when there is no other copy to compare)."""

    name: str
    value: str
    offset: int
    encoding: str = "text"
    size: int | None = None
    attributes: tuple[str, ...] = ()
    attribute: int | None = None
    key_type: int | None = None
    sha256_ok: bool | None = None
    copy: int | None = None
    same_in_other_copy: bool | None = None


@dataclass(frozen=True)
class CopyCheck:
    """One copy of a unifykey store as read and verified. Hash fields are None when not checkable."""

    copy: int
    offset: int
    mark: str
    version: int | None = None
    key_count: int | None = None
    head_hash_ok: bool | None = None
    block_hash_ok: bool | None = None
    checksum_ok: bool | None = None
    keys: tuple[DeviceKey, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        """Head hash, block hash, every key's hash verify, and the checksum record where there is one."""
        return (
            self.mark == NORMAL
            and self.head_hash_ok is True
            and self.block_hash_ok is True
            and self.checksum_ok is not False
            and all(key.sha256_ok is not False for key in self.keys)
        )


@dataclass(frozen=True)
class KeyStore:
    """The key area as read: absolute offset, bytes read, their SHA-256, its format, the keys listed,
    each copy's checks (unifykey stores) and what looked wrong."""

    partition: str
    offset: int
    length: int
    sha256: str
    keys: tuple[DeviceKey, ...]
    problems: tuple[str, ...]
    format: str = LEGACY
    copies: tuple[CopyCheck, ...] = field(default=())
    copies_identical: bool | None = None


# --- the legacy "emmckeys" area: values found by name -------------------------------------------
def _value(name: str, window: bytes) -> tuple[str, int] | None:
    pattern = _MAC if name.startswith("mac") else _PRINTABLE
    for match in pattern.finditer(window):
        text = match.group().decode("ascii")
        if text not in KEY_NAMES:
            return text, match.start()
    return None


def parse_key_area(area: bytes, area_offset: int) -> tuple[DeviceKey, ...]:
    """Keys found in a legacy `area` (the bytes at absolute offset `area_offset`), first of each name."""
    found: dict[str, DeviceKey] = {}
    for name in KEY_NAMES:
        for match in re.finditer(rb"(?<![A-Za-z0-9_])" + name.encode() + rb"\x00", area):
            start = match.end()
            value = _value(name, _NEXT_NAME.split(area[start : start + _WINDOW], 1)[0])
            if value is not None:
                found[name] = DeviceKey(name, value[0], area_offset + start + value[1])
                break
    return tuple(found[name] for name in KEY_NAMES if name in found)


def _legacy_problems(area: bytes, keys: tuple[DeviceKey, ...]) -> list[str]:
    problems: list[str] = []
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
    return problems


# --- the unifykey store: TLV objects, hashes, checksum records -----------------------------------
def _items(data: bytes, start: int, end: int) -> list[tuple[int, int, bytes]]:
    """(tag, absolute position of the value in `data`, value) of the TLV items in data[start:end]."""
    items: list[tuple[int, int, bytes]] = []
    position = start
    while position + 8 <= end:
        tag, length = struct.unpack_from("<II", data, position)
        if length > end - position - 8:
            raise ValueError(f"item tag {tag} at 0x{position:x} runs past its container ({length} bytes)")
        items.append((tag, position + 8, data[position + 8 : position + 8 + length]))
        position += 8 + (length + 3) // 4 * 4
    return items


def _u32(value: bytes | None) -> int | None:
    return struct.unpack("<I", value[:4])[0] if value is not None and len(value) >= 4 else None


def key_value_text(data: bytes) -> tuple[str, str]:
    """("text", the value) where the data is printable ASCII (trailing NULs dropped), else ("hex", hex)."""
    text = data.rstrip(b"\x00")
    if text and all(0x20 <= byte < 0x7F for byte in text):
        return "text", text.decode("ascii")
    return "hex", data.hex()


def _attributes(attribute: int | None) -> tuple[str, ...]:
    return tuple(word for bit, word in ATTRIBUTE_BITS if attribute is not None and attribute & bit)


def _key(obj: list[tuple[int, int, bytes]], copy: int, base: int) -> DeviceKey:
    values = {tag: (position, value) for tag, position, value in obj}
    raw_name = values.get(_TAG_NAME, (0, b""))[1]
    name_size = _u32(values.get(_TAG_NAMESIZE, (0, None))[1])
    raw_name = raw_name[:name_size] if name_size is not None else raw_name
    name = raw_name.rstrip(b"\x00")[:_NAME_LIMIT].decode("ascii", "replace")
    data_at, data = values.get(_TAG_DATA, (0, b""))
    data_size = _u32(values.get(_TAG_DATASIZE, (0, None))[1])
    data = data[:data_size] if data_size is not None else data
    stored_hash = values.get(_TAG_HASH, (0, None))[1]
    encoding, value = key_value_text(data)
    attribute = _u32(values.get(_TAG_ATTR, (0, None))[1])
    return DeviceKey(
        name,
        value,
        base + data_at,
        encoding,
        len(data),
        _attributes(attribute),
        attribute,
        _u32(values.get(_TAG_TYPE, (0, None))[1]),
        None if stored_hash is None else hashlib.sha256(data).digest() == stored_hash,
        copy,
    )


def _checksum(copy_bytes: bytes, record: bytes) -> bool | None:
    """The record's u64 sum of the copy's LE u32 words checked; None when there is no record (magic != 9)."""
    if len(record) < 16:
        return None
    total, _stamp, magic = struct.unpack_from("<QII", record)
    if magic != RECORD_MAGIC:
        return None
    words = struct.unpack(f"<{len(copy_bytes) // 4}I", copy_bytes[: len(copy_bytes) // 4 * 4])
    return sum(words) & 0xFFFF_FFFF_FFFF_FFFF == total


def _mark(copy_bytes: bytes) -> str:
    for mark in (SECURE, NORMAL):
        if copy_bytes.startswith(mark.encode()):
            return mark
    return ""


def parse_copy(copy_bytes: bytes, record: bytes, copy: int, offset: int) -> CopyCheck:
    """One copy of a unifykey store (`offset` its absolute offset), verified as far as it can be."""
    mark = _mark(copy_bytes)
    label = f"copy {copy} (0x{offset:x})"
    if len(copy_bytes) < COPY_SIZE:
        return CopyCheck(copy, offset, mark, problems=(f"{label}: cut short, {len(copy_bytes)} bytes read",))
    if mark == SECURE:
        return CopyCheck(copy, offset, mark, checksum_ok=_checksum(copy_bytes, record))
    if mark != NORMAL:
        problem = f"{label}: no {NORMAL} or {SECURE} mark (erased or damaged)"
        return CopyCheck(copy, offset, mark, problems=(problem,))
    _, version, _enc, key_count, *_counts, head_hash, block_hash = _HEAD.unpack_from(copy_bytes)
    problems: list[str] = []
    head_ok = hashlib.sha256(copy_bytes[:_HEAD_HASHED]).digest() == head_hash
    checksum_ok = _checksum(copy_bytes, record)
    keys: list[DeviceKey] = []
    block_ok: bool | None = None
    try:
        head = {tag: value for tag, _, value in _items(copy_bytes, _TLV_HEAD_AT, _TLV_HEAD_AT + 8 + 24)}
        inner = _items(head[_TAG_HEAD], 0, len(head[_TAG_HEAD])) if _TAG_HEAD in head else []
        sizes = {tag: _u32(value) for tag, _, value in inner}
        block_size, flash_size = sizes.get(_TAG_BLOCKSIZE), sizes.get(_TAG_FLASHSIZE)
        if not flash_size or not _OBJECTS_AT < flash_size <= COPY_SIZE or not block_size:
            raise ValueError(f"TLV head gives no usable sizes (block {block_size}, flash {flash_size})")
        block_ok = hashlib.sha256(copy_bytes[_TLV_HEAD_AT:flash_size]).digest() == block_hash
        end = min(_OBJECTS_AT + block_size, flash_size)
        for tag, position, value in _items(copy_bytes, _OBJECTS_AT, end):
            if tag != _TAG_OBJECT:
                break
            keys.append(_key(_items(value, 0, len(value)), copy, offset + position))
    except (ValueError, KeyError, struct.error) as error:
        problems.append(f"{label}: key objects not readable: {error}")
    if not head_ok:
        problems.append(f"{label}: head SHA-256 does not match the head: not trusted")
    if block_ok is False:
        problems.append(f"{label}: block SHA-256 does not match the key block: not trusted")
    if checksum_ok is False:
        problems.append(f"{label}: checksum record does not match the copy")
    wrong = [key.name for key in keys if key.sha256_ok is False]
    if wrong:
        problems.append(f"{label}: SHA-256 of key(s) {', '.join(wrong)} does not match their data")
    if key_count != len(keys) and not problems:
        problems.append(f"{label}: head counts {key_count} keys, {len(keys)} objects read")
    return CopyCheck(
        copy, offset, mark, version, key_count, head_ok, block_ok, checksum_ok, tuple(keys), tuple(problems)
    )


def _compare(first: CopyCheck, second: CopyCheck) -> tuple[tuple[DeviceKey, ...], list[str]]:
    """Keys of the trusted (else first) copy, each saying whether the other copy holds the same data,
    then the other copy's keys that differ; and a problem naming the keys that differ."""
    primary, other = (second, first) if second.verified and not first.verified else (first, second)
    if other.mark != NORMAL:
        return primary.keys, []
    theirs = {key.name: key for key in other.keys}
    listed = [replace(key, same_in_other_copy=_same(key, theirs.get(key.name))) for key in primary.keys]
    mine = {key.name: key for key in primary.keys}
    extra = [replace(k, same_in_other_copy=False) for k in other.keys if not _same(k, mine.get(k.name))]
    differing = sorted({key.name for key in listed if not key.same_in_other_copy} | {k.name for k in extra})
    problems = [f"the two copies differ in key(s) {', '.join(differing)}"] if differing else []
    return (*listed, *extra), problems


def _same(key: DeviceKey, other: DeviceKey | None) -> bool:
    return other is not None and (key.value, key.encoding, key.attribute) == (
        other.value,
        other.encoding,
        other.attribute,
    )


def parse_store(area: bytes, start: int, partition: str = "reserved") -> KeyStore:
    """The key area `area` read at absolute offset `start`, in whichever format it is."""
    digest = hashlib.sha256(area).hexdigest()
    problems: list[str] = []
    if len(area) < KEY_AREA_SIZE:
        problems.append(f"key area cut short: {len(area)} of {KEY_AREA_SIZE} bytes could be read")
    copies = tuple(
        parse_copy(area[at : at + COPY_SIZE], area[record : record + 512], number, start + at)
        for number, (at, record) in enumerate(zip(COPY_STARTS, RECORD_STARTS, strict=True), start=1)
    )
    marks = {copy.mark for copy in copies} - {""}
    if not marks:
        keys = parse_key_area(area[:LEGACY_AREA_SIZE], start)
        return KeyStore(partition, start, len(area), digest, keys, (*problems, *_legacy_problems(area, keys)))
    store_format = SECURE if SECURE in marks else NORMAL
    if store_format == SECURE:
        problems.append(
            f"{SECURE}: encrypted secure storage; key values cannot be read offline and none are guessed"
        )
        return KeyStore(partition, start, len(area), digest, (), tuple(problems), SECURE, copies)
    for copy in copies:
        problems.extend(copy.problems)
    identical = area[:COPY_SIZE] == area[COPY_STARTS[1] : COPY_STARTS[1] + COPY_SIZE]
    keys, differ = _compare(*copies)
    if not identical and not differ and all(copy.mark == NORMAL for copy in copies):
        differ = ["the two copies differ outside their key data (head, counters or padding)"]
    if not keys:
        problems.append("no readable key in either copy")
    return KeyStore(
        partition, start, len(area), digest, keys, (*problems, *differ), NORMAL, copies, identical
    )


def read_ept_key_store(read: ReadAt) -> KeyStore | None:
    """The Amlogic key store of the image behind `read(offset, length)`; None without an EPT.

    `reserved` is found through the EPT (else at 36 MiB, where the EPT is)."""
    table = read_ept(read)
    if table is None:
        return None
    reserved = next((p.offset for p in table.partitions if p.name == "reserved"), None)
    start = (reserved if reserved is not None else EPT_OFFSET) + KEYSTORE_OFFSET
    return parse_store(bytes(read(start, KEY_AREA_SIZE)), start)


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
