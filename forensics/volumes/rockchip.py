"""Rockchip's legacy `parameter` partition table, as described by Rockchip's "Introduction to
Partition" guide (RK-SM-YF-016), its U-Boot (disk/part_rkparm.c) and flashing tools (rkdeveloptool,
upgrade_tool).

The blob: "PARM", u32 text length, the text, u32 CRC of the text. Rockchip's CRC-32 is not zlib's:
polynomial 0x04C10DB7 fed most significant bit first, initial value 0, no final inversion.
It sits at sector 0x2000 (4 MiB) of an eMMC or SD user area, or at sector 0 of a dump of Rockchip's
NAND translation layer (rknand); Rockchip's tools may write copies 0x400 sectors apart in the 4 MiB
that follow. The text is `KEY: value` lines (FIRMWARE_VER, MACHINE_MODEL, MACHINE_ID, MANUFACTURER,
..., CMDLINE). CMDLINE carries `mtdparts=rk29xxnand:size@offset(name[:flag]),...` in hexadecimal
512-byte sectors counted from the parameter's own sector (U-Boot adds 0x2000 on eMMC, nothing on
NAND); a size of `-` runs to the end of the device.
"""

import re
import struct
from dataclasses import dataclass

from forensics.base.reader import ReadAt
from forensics.base.records import ReadWarning
from forensics.volumes.vendor import SECTOR, TableCopy, VendorPartition, VendorTable, area_length, copy_note

ROCKCHIP_TABLE = "rockchip-parameter"
MAGIC = b"PARM"
PARAMETER_AREAS = (0x2000 * SECTOR, 0)  # eMMC / SD user area; a NAND (rknand) dump
COPY_STRIDE = 0x400 * SECTOR
COPIES = 8
MAX_SIZE = 64 * 1024  # the whole blob, header and CRC included
_CUT_SHORT = "by the end of the image, or a length over 64 KiB"
IDENTITY = ("FIRMWARE_VER", "MACHINE_MODEL", "MACHINE_ID", "MANUFACTURER")
_PART = re.compile(r"(-|(?:0x)?[0-9a-f]+)(?:@((?:0x)?[0-9a-f]+))?\(([^()]+)\)", re.IGNORECASE)


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C10DB7) if crc & 0x80000000 else crc << 1
        table.append(crc & 0xFFFFFFFF)
    return tuple(table)


_CRC_TABLE = _crc_table()


def rockchip_crc(data: bytes) -> int:
    """Rockchip's CRC-32 (polynomial 0x04C10DB7, MSB first, initial value 0, no final inversion)."""
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC_TABLE[(crc >> 24) ^ byte]
    return crc


@dataclass(frozen=True)
class ParameterCopy(TableCopy):
    text: str


@dataclass(frozen=True)
class MtdPart:
    name: str
    flags: tuple[str, ...]  # after the name: grow, bootable...
    sectors: int | None  # None: to the end of the device
    first: int  # first sector, counted from the parameter's sector


def read_rockchip_parameter(read: ReadAt) -> VendorTable | None:
    """The parameter's partition table of the image behind `read(offset, length)`, or None."""
    for base in PARAMETER_AREAS:
        copies = [c for n in range(COPIES) if (c := _read_copy(read, base + n * COPY_STRIDE, n)) is not None]
        table = _table(base, copies) if copies else None
        if table is not None:
            return table
    return None


def _read_copy(read: ReadAt, at: int, number: int) -> ParameterCopy | None:
    head = read(at, 8)
    if len(head) < 8 or head[:4] != MAGIC:
        return None
    declared = struct.unpack_from("<I", head, 4)[0]
    raw = read(at + 8, min(declared, MAX_SIZE - 12))
    tail = read(at + 8 + declared, 4) if len(raw) == declared else b""
    stored = struct.unpack("<I", tail)[0] if len(tail) == 4 else None
    text = raw.split(b"\x00", 1)[0].decode("utf-8", "replace")
    return ParameterCopy(number, at, stored, rockchip_crc(raw), text)


def parameter_facts(text: str) -> dict[str, str]:
    """The `KEY: value` lines of a parameter text (comments skipped; a repeated key keeps every value)."""
    facts: dict[str, str] = {}
    for line in text.splitlines():
        key, colon, value = line.strip().partition(":")
        key = key.strip()
        if colon and key and not key.startswith("#") and " " not in key:
            facts[key] = f"{facts[key]}; {value.strip()}" if key in facts else value.strip()
    return facts


def mtdparts(cmdline: str) -> tuple[list[MtdPart], str]:
    """The partitions of the first `mtdparts=` device, and the text of the entry where reading stopped
    ("" when the whole list was read)."""
    start = cmdline.find("mtdparts=")
    if start < 0:
        return [], ""
    device = (cmdline[start + len("mtdparts=") :].split() or [""])[0].split(";")[0]
    _name, _colon, listing = device.partition(":")
    parts: list[MtdPart] = []
    follows: int | None = 0  # where a partition without @offset starts
    for item in listing.split(","):
        match = _PART.fullmatch(item)
        if match is None or (match.group(2) is None and follows is None):
            return parts, item or "(end of text)"
        sectors = None if match.group(1) == "-" else int(match.group(1), 16)
        first = int(match.group(2), 16) if match.group(2) else follows or 0
        name, *flags = match.group(3).split(":")
        parts.append(MtdPart(name, tuple(flags), sectors, first))
        follows = None if sectors is None else first + sectors
    return parts, ""


def _table(base: int, copies: list[ParameterCopy]) -> VendorTable | None:
    ordered = [c for c in copies if c.crc_ok] + [c for c in copies if not c.crc_ok]
    for used in ordered:
        facts = parameter_facts(used.text)
        listed, stopped_at = mtdparts(facts.get("CMDLINE", ""))
        if listed:
            break
    else:
        return None  # PARM blobs without a partition list: nothing to lay out
    parts = [
        VendorPartition(
            p.name,
            base + p.first * SECTOR,
            None if p.sectors is None else p.sectors * SECTOR,
            ", ".join(p.flags),
        )
        for p in listed
    ]
    notes = [_identity_note(used, facts, len(copies))]
    notes += [
        copy_note("rockchip-parameter", "Rockchip parameter", copy, used, _CUT_SHORT)
        for copy in copies
        if not copy.crc_ok
    ]
    notes += [
        ReadWarning(
            "rockchip-parameter-copies-differ",
            f"Rockchip parameter copy {copy.number} at {copy.at} differs from copy {used.number} (used); "
            f"both checksums are right",
            0,
        )
        for copy in copies
        if copy.crc_ok and copy.text != used.text
    ]
    if stopped_at:
        notes.append(
            ReadWarning(
                "rockchip-mtdparts-damaged",
                f"Rockchip parameter: the mtdparts list stops being readable at '{stopped_at[:80]}'; "
                f"the {len(parts)} partitions before it are used",
                0,
            )
        )
    slot = f"copy {used.number} used, {len(copies)} found"
    area = VendorPartition("parameter", base, area_length(base, parts, COPIES * COPY_STRIDE), slot)
    return VendorTable(ROCKCHIP_TABLE, area, tuple(parts), tuple(notes))


def _identity_note(used: ParameterCopy, facts: dict[str, str], found: int) -> ReadWarning:
    named = ", ".join(f"{key} {facts[key]}" for key in IDENTITY if key in facts) or "no device identity lines"
    return ReadWarning(
        "rockchip-parameter",
        f"Rockchip parameter at {used.at} (copy {used.number}, {found} found) gives the partition table; "
        f"{named}",
        0,
        details=facts,
    )
