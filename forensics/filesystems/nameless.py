"""When the root directory cannot be read: the file system's entries found by address, without names."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytsk3

_META_USED = int(pytsk3.TSK_FS_META_FLAG_USED)
_META_REG = int(pytsk3.TSK_FS_META_TYPE_REG)
_META_DIR = int(pytsk3.TSK_FS_META_TYPE_DIR)
_NAME_UNALLOC = int(pytsk3.TSK_FS_NAME_FLAG_UNALLOC)
_NAME_REG = int(pytsk3.TSK_FS_NAME_TYPE_REG)
_NAME_DIR = int(pytsk3.TSK_FS_NAME_TYPE_DIR)
# Addresses tried at most: pytsk3 opens ~50,000 entries a second here, so about 20 s. TSK's own
# orphan search cannot run without the root (it starts by walking every name from the root).
MAX_ADDRESSES = 1_000_000


@dataclass(frozen=True)
class OrphanName:
    """The name TSK gives an entry no directory names: OrphanFile-<address>, as under $OrphanFiles."""

    name: bytes
    meta_addr: int
    type: int
    flags: int = _NAME_UNALLOC
    meta_seq: int = 0
    par_addr: int = 0


def addresses(fs: Any) -> tuple[range, bool]:
    """The metadata addresses to try, and whether MAX_ADDRESSES cut them short."""
    first, last = int(fs.info.first_inum), int(fs.info.last_inum)  # last: TSK's virtual $OrphanFiles
    return range(first, min(last, first + MAX_ADDRESSES)), last - first > MAX_ADDRESSES


def nameless_entries(
    fs: Any, tried: range, listed: Callable[[int], bool]
) -> Iterator[tuple[OrphanName, Any]]:
    """Each used regular file (with content) or directory at an address not listed yet, opened by it.

    `listed` is asked lazily, so a directory found here and walked first keeps its files' names.
    """
    for address in tried:
        if listed(address):
            continue
        try:
            entry = fs.open_meta(inode=address)
        except OSError:
            continue
        meta = entry.info.meta
        if meta is None or not int(meta.flags) & _META_USED:
            continue
        kind = int(meta.type)
        if kind == _META_DIR or (kind == _META_REG and int(meta.size) > 0):
            name_type = _NAME_DIR if kind == _META_DIR else _NAME_REG
            yield OrphanName(f"OrphanFile-{address}".encode(), address, name_type), entry
