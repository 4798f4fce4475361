"""Plain records the readers produce: volumes, file entries, warnings. Picklable, Qt- and DB-free."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where an entry came from: image -> volume (byte offset) -> file system -> inode/attribute."""

    volume_index: int
    volume_offset: int
    inode: int | None
    path: str
    attr_type: int | None = None
    attr_id: int | None = None

    def describe(self) -> str:
        inode = "-" if self.inode is None else str(self.inode)
        attr = "" if self.attr_type is None else f"-{self.attr_type}-{self.attr_id}"
        return f"volume {self.volume_index} @ {self.volume_offset}: {self.path} (inode {inode}{attr})"


@dataclass(frozen=True)
class VolumeRecord:
    index: int
    offset: int
    length: int
    description: str
    table: str  # partition table type (dos, gpt, bsd, sun, mac) or "none"
    slot: str
    allocation: str  # allocated | unallocated | meta | whole
    fs_type: str | None = None
    fs_block_size: int | None = None
    fs_error: str | None = None


@dataclass(frozen=True)
class FileRecord:
    volume_index: int
    ordinal: int  # position in the walk; the walk is deterministic, so this resumes
    path: str
    parent_path: str
    name: str
    name_raw: bytes
    inode: int | None
    meta_type: str
    name_type: str
    size: int
    name_allocated: bool
    meta_allocated: bool
    orphan: bool
    stream: str | None = None
    attr_type: int | None = None
    attr_id: int | None = None
    mtime: str | None = None
    atime: str | None = None
    ctime: str | None = None
    crtime: str | None = None
    md5: str | None = None
    sha1: str | None = None
    sha256: str | None = None
    mime: str | None = None
    description: str | None = None
    ext_mismatch: bool = False
    content: str = "none"  # read | recovered | partial | reallocated | unreadable | empty | none | skipped
    # | deferred (a sparse part too large to hash now: docs/reliability.md)
    bytes_read: int = 0
    read_error: str | None = None
    # How a deleted name was tied to its metadata (docs/recovery.md): tsk | sequence+1 | file_name |
    # orphan | reallocated | none; None for an allocated name.
    recovery: str | None = None

    @property
    def allocated(self) -> bool:
        return self.name_allocated and self.meta_allocated


@dataclass(frozen=True)
class ReadWarning:
    """Damage met and worked around: the examiner and the report see each one."""

    code: str
    message: str
    volume_index: int | None = None
    path: str | None = None
    details: dict[str, str] = field(default_factory=dict)


# A name component as catalogued (docs/reliability.md, "Names"): UTF-8 text where the bytes are
# UTF-8; a backslash always begins an escape, so `\\` is a real backslash and `\xNN` is a byte that
# is not UTF-8, a '/' or a NUL (the name holds those bytes; the path gains no level from them).
# A name that holds the text `\xff` is catalogued as `\\xff`: never confused with the byte 0xff.
_NAME_ESCAPES = {ord("\\"): "\\\\", ord("/"): "\\x2f", 0: "\\x00"} | {
    0xDC00 + byte: f"\\x{byte:02x}"
    for byte in range(0x80, 0x100)  # surrogateescape's lone bytes
}


def name_text(raw: bytes) -> str:
    """The catalogued text of one name component read as `raw` bytes (escapes above)."""
    if b"\\" not in raw and b"/" not in raw and b"\0" not in raw:
        try:
            return raw.decode("utf-8")  # nearly every name: no escape needed
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", "surrogateescape").translate(_NAME_ESCAPES)
