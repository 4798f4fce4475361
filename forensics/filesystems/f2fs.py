"""F2FS read outside TSK (which does not know it): allocated files only, from the current checkpoint.

On-disk format as in the Linux kernel's include/linux/f2fs_fs.h (read-only subset): superblock at
byte 1024; two checkpoint packs, the valid one with the higher version wins; node addresses from the
NAT (two copies per block, chosen by the checkpoint's NAT bitmap) overridden by the NAT journal of the
hot-data summary; inodes with direct addresses, direct / indirect node blocks, inline data and inline
dentries; dentry blocks of 214 slots. Not read: deleted files, compressed and encrypted files (marked
unreadable with the reason), extended attributes.
"""

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from types import SimpleNamespace

from forensics.base.reader import ReadAt

BLOCK = 4096
MAGIC = 0xF2F52010
NAME = "F2FS (Flash-Friendly File System, superblock magic 0xF2F52010 at byte 1024)"
NULL_ADDR, NEW_ADDR = 0, 0xFFFFFFFF
_ADDRS_PER_INODE = 923
_ADDRS_PER_BLOCK = 1018
_NIDS_PER_BLOCK = 1018
_NAT_PER_BLOCK = BLOCK // 9
_INLINE_XATTR_ADDRS = 50
_SUM_ENTRIES = 512 * 7
_JOURNAL = 507
_DENTRY_SLOTS = 214
_COMPACT_SUM = 0x4
_LARGE_NAT_BITMAP = 0x400
_INLINE_XATTR, _INLINE_DATA, _INLINE_DENTRY, _EXTRA_ATTR = 0x01, 0x02, 0x04, 0x20
_FLEXIBLE_INLINE_XATTR = 0x40  # superblock feature bit
_COMPRESSED_FLAG = 0x4  # i_flags F2FS_COMPR_FL
_ENCRYPTED_ADVISE = 0x04  # i_advise FADVISE_ENCRYPT_BIT
TYPES = {1: "r", 2: "d", 3: "c", 4: "b", 5: "p", 6: "s", 7: "l"}


class F2fsError(OSError):
    """The F2FS (or one of its files) cannot be read."""


F2FS_ERRORS = (F2fsError, struct.error)


@dataclass(frozen=True)
class F2fsInode:
    ino: int
    mode: int
    size: int
    atime: int
    ctime: int
    mtime: int
    times_nsec: tuple[int, int, int]
    crtime: int | None
    block: bytes  # the whole inode node block

    @property
    def inline(self) -> int:
        return self.block[3]

    @property
    def advise(self) -> int:
        return self.block[2]

    @property
    def flags(self) -> int:
        return int(struct.unpack_from("<I", self.block, 80)[0])


@dataclass(frozen=True)
class F2fsEntry:
    name: bytes
    ino: int
    kind: str  # r d l c b p s -


def recognised(read: ReadAt, offset: int) -> bool:
    """An F2FS superblock magic (f2fs.h F2FS_SUPER_MAGIC) at byte 1024 of the volume at `offset`."""
    raw = read(offset + 1024, 4)
    return len(raw) == 4 and struct.unpack("<I", raw)[0] == MAGIC


class F2fsVolume:
    """An F2FS at `offset` of the image behind `read`. Raises F2fsError when it cannot be read."""

    fs_type = "f2fs"
    block_size = BLOCK

    def __init__(self, read: ReadAt, size: int, offset: int) -> None:
        self._read, self._offset, self._limit = read, offset, size - offset
        sb = self._super()
        self.root_ino = sb["root_ino"]
        self._features = sb["feature"]
        self._log_blocks_per_seg = sb["log_blocks_per_seg"]
        self._nat_blkaddr = sb["nat_blkaddr"]
        cp, cp_start = self._checkpoint(sb["cp_blkaddr"])
        self._nat_bitmap = self._bitmap(cp, sb["cp_payload"])
        self._journal = self._nat_journal(cp, cp_start)

    def open_meta(self, inode: int) -> "F2fsFile":
        """The file with inode number `inode`, shaped like the part of a pytsk3 File file_access uses."""
        try:
            return F2fsFile(self, self.inode(inode))
        except F2FS_ERRORS as error:
            raise OSError(f"F2FS inode {inode}: {error}") from error

    # --- on-disk structures ---------------------------------------------------------------------
    def block(self, address: int) -> bytes:
        data = self._read(self._offset + address * BLOCK, BLOCK)
        if len(data) < BLOCK:
            raise F2fsError(f"block {address} is beyond the volume")
        return data

    def _super(self) -> dict[str, int]:
        for copy in (0, 1):
            raw = self._read(self._offset + copy * BLOCK + 1024, 2184)
            if len(raw) < 2184 or struct.unpack_from("<I", raw)[0] != MAGIC:
                continue
            log_block, log_seg = struct.unpack_from("<II", raw, 16)
            if log_block != 12 or not 0 < log_seg <= 12:
                continue
            cp, _sit, nat = struct.unpack_from("<III", raw, 76)
            root = struct.unpack_from("<I", raw, 96)[0]
            cp_payload, feature = (
                struct.unpack_from("<I", raw, 1664)[0],
                struct.unpack_from("<I", raw, 2180)[0],
            )
            return {
                "log_blocks_per_seg": log_seg,
                "cp_blkaddr": cp,
                "nat_blkaddr": nat,
                "root_ino": root,
                "cp_payload": cp_payload,
                "feature": feature,
            }
        raise F2fsError("no usable F2FS superblock (4 KiB blocks)")

    def _checkpoint(self, cp_blkaddr: int) -> tuple[bytes, int]:
        best: tuple[int, bytes, int] | None = None
        for pack in (cp_blkaddr, cp_blkaddr + (1 << self._log_blocks_per_seg)):
            head = self.block(pack)
            version = struct.unpack_from("<Q", head)[0]
            total = struct.unpack_from("<I", head, 136)[0]
            if not 2 <= total <= 1 << self._log_blocks_per_seg:
                continue
            tail = self.block(pack + total - 1)
            if struct.unpack_from("<Q", tail)[0] != version:
                continue  # a pack whose last block disagrees was interrupted
            if best is None or version > best[0]:
                best = (version, head, pack)
        if best is None:
            raise F2fsError("no valid F2FS checkpoint")
        return best[1], best[2]

    @staticmethod
    def _bitmap(cp: bytes, cp_payload: int) -> bytes:
        flags, sit_size, nat_size = struct.unpack_from("<I", cp, 132)[0], *struct.unpack_from("<II", cp, 156)
        if flags & _LARGE_NAT_BITMAP:
            return cp[192 + 4 : 192 + 4 + nat_size]
        if cp_payload > 0:
            return cp[192 : 192 + nat_size]
        return cp[192 + sit_size : 192 + sit_size + nat_size]

    def _nat_journal(self, cp: bytes, cp_start: int) -> dict[int, int]:
        flags, start_sum = struct.unpack_from("<I", cp, 132)[0], struct.unpack_from("<I", cp, 140)[0]
        summary = self.block(cp_start + start_sum)
        journal = (
            summary[:_JOURNAL] if flags & _COMPACT_SUM else summary[_SUM_ENTRIES : _SUM_ENTRIES + _JOURNAL]
        )
        count = min(struct.unpack_from("<H", journal)[0], (_JOURNAL - 2) // 13)
        entries: dict[int, int] = {}
        for index in range(count):
            nid, _version, _ino, address = struct.unpack_from("<IBII", journal, 2 + index * 13)
            entries[nid] = address
        return entries

    def node_address(self, nid: int) -> int:
        if nid in self._journal:
            return self._journal[nid]
        index = nid // _NAT_PER_BLOCK
        per_seg = 1 << self._log_blocks_per_seg
        address = self._nat_blkaddr + ((index >> self._log_blocks_per_seg) << self._log_blocks_per_seg << 1)
        address += index & (per_seg - 1)
        if index >> 3 < len(self._nat_bitmap) and self._nat_bitmap[index >> 3] & (0x80 >> (index & 7)):
            address += per_seg
        entry = self.block(address)[(nid % _NAT_PER_BLOCK) * 9 : (nid % _NAT_PER_BLOCK) * 9 + 9]
        return int(struct.unpack_from("<I", entry, 5)[0])

    def node(self, nid: int) -> bytes:
        address = self.node_address(nid)
        if address in (NULL_ADDR, NEW_ADDR):
            raise F2fsError(f"node {nid} has no block")
        data = self.block(address)
        if struct.unpack_from("<I", data, BLOCK - 24)[0] != nid:
            raise F2fsError(
                f"node {nid}: block {address} belongs to node {struct.unpack_from('<I', data, 4072)[0]}"
            )
        return data

    def inode(self, ino: int) -> F2fsInode:
        raw = self.node(ino)
        mode, size = struct.unpack_from("<H", raw)[0], struct.unpack_from("<Q", raw, 16)[0]
        atime, ctime, mtime = struct.unpack_from("<QQQ", raw, 32)
        nsec = struct.unpack_from("<III", raw, 56)
        crtime = None
        if raw[3] & _EXTRA_ATTR and struct.unpack_from("<H", raw, 360)[0] >= 24:
            crtime = int(struct.unpack_from("<Q", raw, 360 + 12)[0])
        return F2fsInode(ino, mode, size, atime, ctime, mtime, (nsec[0], nsec[1], nsec[2]), crtime, raw)

    # --- file content ---------------------------------------------------------------------------
    def _extra_words(self, inode: F2fsInode) -> int:
        return struct.unpack_from("<H", inode.block, 360)[0] // 4 if inode.inline & _EXTRA_ATTR else 0

    def _xattr_words(self, inode: F2fsInode) -> int:
        if not inode.inline & _INLINE_XATTR:
            return 0
        if self._features & _FLEXIBLE_INLINE_XATTR and inode.inline & _EXTRA_ATTR:
            return int(struct.unpack_from("<H", inode.block, 362)[0])
        return _INLINE_XATTR_ADDRS

    def _inline(self, inode: F2fsInode) -> bytes:
        first = self._extra_words(inode) + 1  # one reserved word before inline data
        last = _ADDRS_PER_INODE - self._xattr_words(inode)
        return inode.block[360 + first * 4 : 360 + last * 4]

    def _addresses(self, inode: F2fsInode) -> Iterator[int]:
        """Block addresses of the file, in order (NULL/NEW for holes)."""
        extra = self._extra_words(inode)
        direct = _ADDRS_PER_INODE - extra - self._xattr_words(inode)
        yield from struct.unpack_from(f"<{direct}I", inode.block, 360 + extra * 4)
        nids = struct.unpack_from("<5I", inode.block, 360 + _ADDRS_PER_INODE * 4)
        for depth, nid in zip((0, 0, 1, 1, 2), nids, strict=True):
            yield from self._node_addresses(nid, depth)

    def _node_addresses(self, nid: int, depth: int) -> Iterator[int]:
        if nid == 0:
            yield from repeat(NULL_ADDR, _ADDRS_PER_BLOCK * _NIDS_PER_BLOCK**depth)  # a hole
            return
        block = self.node(nid)
        if depth == 0:
            yield from struct.unpack_from(f"<{_ADDRS_PER_BLOCK}I", block)
            return
        for child in struct.unpack_from(f"<{_NIDS_PER_BLOCK}I", block):
            yield from self._node_addresses(child, depth - 1)

    def unreadable_reason(self, inode: F2fsInode) -> str | None:
        if inode.size > self._limit:
            return f"F2FS inode {inode.ino}: size {inode.size} is larger than the volume (damaged)"
        if inode.flags & _COMPRESSED_FLAG:
            return "F2FS compressed file: not read"
        if inode.advise & _ENCRYPTED_ADVISE:
            return "F2FS encrypted file: not read"
        return None

    def content(self, inode: F2fsInode, start: int = 0) -> Iterator[bytes]:
        """The file's bytes from `start` (block aligned down), block by block, holes as zeros.

        Raises F2fsError on a bad node; the caller checks unreadable_reason first.
        """
        if inode.inline & _INLINE_DATA:
            yield self._inline(inode)[start - start % BLOCK : inode.size]
            return
        first = start // BLOCK
        for index, address in enumerate(self._addresses(inode)):
            left = inode.size - index * BLOCK
            if left <= 0:
                return
            if index >= first:
                data = b"\x00" * BLOCK if address in (NULL_ADDR, NEW_ADDR) else self.block(address)
                yield data[: min(BLOCK, left)]

    # --- directories ----------------------------------------------------------------------------
    def entries(self, directory: F2fsInode) -> list[F2fsEntry]:
        if directory.size > self._limit:
            raise F2fsError(
                f"directory inode {directory.ino}: size {directory.size} is larger than the volume"
            )
        if directory.inline & _INLINE_DENTRY:
            return _dentries(self._inline(directory), inline=True)
        found: list[F2fsEntry] = []
        for chunk in self.content(directory):
            if len(chunk) == BLOCK:
                found.extend(_dentries(chunk, inline=False))
        return found


def _dentries(area: bytes, inline: bool) -> list[F2fsEntry]:
    """Entries of a dentry block (214 slots) or of an inline dentry area (its size sets the slots)."""
    if inline:
        slots = len(area) * 8 // ((11 + 8) * 8 + 1)
        bitmap_size = (slots + 7) // 8
        reserved = len(area) - ((11 + 8) * slots + bitmap_size)
        dentry_at = bitmap_size + reserved
    else:
        slots, bitmap_size, dentry_at = _DENTRY_SLOTS, 27, 27 + 3
    names_at = dentry_at + slots * 11
    found: list[F2fsEntry] = []
    slot = 0
    while slot < slots:
        if not area[slot >> 3] & (1 << (slot & 7)):
            slot += 1
            continue
        _hash, ino, length, kind = struct.unpack_from("<IIHB", area, dentry_at + slot * 11)
        name = area[names_at + slot * 8 : names_at + slot * 8 + length]
        if length and name not in (b".", b".."):
            found.append(F2fsEntry(name, ino, TYPES.get(kind, "-")))
        slot += max(1, (length + 7) // 8)
    return found


class F2fsFile:
    """A file shaped like the part of a pytsk3 File that file_access uses."""

    def __init__(self, volume: F2fsVolume, inode: F2fsInode) -> None:
        self._volume, self._inode = volume, inode
        self.info = SimpleNamespace(meta=SimpleNamespace(size=inode.size))

    def read_random(self, offset: int, length: int) -> bytes:
        reason = self._volume.unreadable_reason(self._inode)
        if reason is not None:
            raise OSError(reason)
        parts, skip = [], offset % BLOCK
        try:
            for chunk in self._volume.content(self._inode, offset):
                parts.append(chunk[skip:])
                skip = 0
                if sum(map(len, parts)) >= length:
                    break
        except F2FS_ERRORS as error:
            raise OSError(f"F2FS read failed: {error}") from error
        return b"".join(parts)[:length]
