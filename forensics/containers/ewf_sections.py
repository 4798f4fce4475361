"""The hashes an EWF1 (E01) set stores about itself, read from its own sections: the binary `hash`
and `digest` sections apart from the EnCase `xhash` XML, so that neither can stand in for the other."""

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import unescape

from forensics.containers.noatime import open_binary

_FILE_HEADER = 13  # "EVF" signature (8), fields start (1), segment number (2), end (2)
_DESCRIPTOR = 76  # type (16), next offset (8), section size (8), padding (40), Adler-32 (4)
_MAX_SECTIONS = 100_000  # a section chain that loops or never ends is hostile, not an image
_MAX_XHASH = 1 << 20  # the XML is a few hundred bytes; refuse to inflate a decompression bomb
_LEAF = re.compile(r"<([A-Za-z][\w.-]{0,40})>([^<>]{0,200})</\1>")
_HEX = re.compile(r"[0-9a-f]+")


@dataclass(frozen=True)
class StoredHashes:
    """`binary`: from the hash/digest sections; `xhash`: from the xhash XML; `problems`: sections
    that could not be read (a bad checksum, a broken chain), said in words."""

    binary: dict[str, str] = field(default_factory=dict)
    xhash: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def disagreements(self) -> list[str]:
        """'md5' and/or 'sha1' where both sources give a value and the values differ."""
        return [
            k
            for k in ("md5", "sha1")
            if k in self.binary and k in self.xhash and self.binary[k] != self.xhash[k]
        ]


def _sections(handle: BinaryIO, problems: list[str]) -> list[tuple[str, bytes]]:
    """(type, content) of the hash, digest and xhash sections, following the chain by seeking."""
    found: list[tuple[str, bytes]] = []
    offset = _FILE_HEADER
    for _ in range(_MAX_SECTIONS):
        handle.seek(offset)
        descriptor = handle.read(_DESCRIPTOR)
        if len(descriptor) < _DESCRIPTOR:
            problems.append(f"the section chain leaves the file at offset {offset}")
            break
        kind = descriptor[:16].rstrip(b"\0").decode("ascii", "replace")
        following, size = struct.unpack("<QQ", descriptor[16:32])
        if struct.unpack("<I", descriptor[72:76])[0] != zlib.adler32(descriptor[:72]):
            problems.append(f"section '{kind}' at offset {offset} has a bad descriptor checksum")
            break
        if kind in ("hash", "digest", "xhash"):
            found.append((kind, handle.read(min(max(size - _DESCRIPTOR, 0), _MAX_XHASH))))
        if kind in ("done", "next") or following <= offset:
            break
        offset = following
    return found


def _binary(kind: str, body: bytes, problems: list[str]) -> dict[str, str]:
    covered = {"hash": 32, "digest": 76}[kind]  # the bytes the section's own Adler-32 covers
    if len(body) < covered + 4 or struct.unpack("<I", body[covered : covered + 4])[0] != zlib.adler32(
        body[:covered]
    ):
        problems.append(f"the '{kind}' section's checksum does not match its content")
        return {}
    values = {"md5": body[:16]} if kind == "hash" else {"md5": body[:16], "sha1": body[16:36]}
    return {name: value.hex() for name, value in values.items() if any(value)}


def _xhash(body: bytes, problems: list[str]) -> dict[str, str]:
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(body, _MAX_XHASH).decode("utf-8", "replace")
    except zlib.error as error:
        problems.append(f"the xhash section cannot be inflated ({error})")
        return {}
    values = {}
    for name, value in _LEAF.findall(text):
        key = name.lower().replace("-", "")
        if key in ("md5", "sha1", "sha256"):
            values[key] = unescape(value.strip()).lower()
    return values


def read_stored_hashes(segments: tuple[Path, ...]) -> StoredHashes:
    """The stored hashes of an EWF1 set (hash, digest and xhash sections of every segment)."""
    binary: dict[str, str] = {}
    xhash: dict[str, str] = {}
    problems: list[str] = []
    for segment in segments:
        with open_binary(segment) as handle:  # O_NOATIME: reading evidence leaves its atime alone
            for kind, body in _sections(handle, problems):
                if kind == "xhash":
                    xhash.update(_xhash(body, problems))
                else:
                    binary.update(_binary(kind, body, problems))
    return StoredHashes(binary, xhash, tuple(problems))
