"""NTFS deleted names pytsk3 leaves unlinked: is the MFT entry at that address still the deleted file?"""

from typing import Any

import pytsk3

_META_ALLOC = int(pytsk3.TSK_FS_META_FLAG_ALLOC)
_FILE_NAME = int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_FNAME)
_SEQUENCE_MASK = 0xFFFF
_NAME_AT = 66  # $FILE_NAME: parent reference (8), 4 times, 2 sizes, flags, reparse, length (1), space (1)
_MAX_FILE_NAME = _NAME_AT + 2 * 255


def entry_for(fs: Any, name: Any) -> tuple[Any | None, str]:
    """The entry opened by address and how it matched the name, or None and why it did not.

    pytsk3 (TSK 4.15) links a deleted name to its entry only when their sequence numbers are equal,
    but NTFS (Windows and ntfs-3g alike) adds one to an entry's sequence when it frees it. As forensic
    tools do, an UNALLOCATED entry is taken as the deleted file when its sequence is the name's + 1
    ("sequence+1", or equal: "sequence") or when one of its $FILE_NAME attributes names the same parent
    and name ("file_name"). An allocated entry belongs to another file now ("reallocated"), and so does
    an unallocated one that matches neither rule: its content is never given to this name.
    """
    try:
        entry = fs.open_meta(inode=int(name.meta_addr))
    except (OSError, TypeError, ValueError):
        return None, "none"
    meta = entry.info.meta
    if meta is None:
        return None, "none"
    if int(meta.flags) & _META_ALLOC:
        return None, "reallocated"
    named = int(name.meta_seq) & _SEQUENCE_MASK
    if int(meta.seq) & _SEQUENCE_MASK == (named + 1) & _SEQUENCE_MASK:
        return entry, "sequence+1"
    if int(meta.seq) & _SEQUENCE_MASK == named:
        return entry, "sequence"
    if _names_same_file(entry, int(name.par_addr), bytes(name.name)):
        return entry, "file_name"
    return None, "reallocated"


def _names_same_file(entry: Any, parent: int, raw: bytes) -> bool:
    """Whether one of the entry's $FILE_NAME attributes gives this parent and this name."""
    try:
        wanted = raw.decode("utf-8")
        attributes = [(int(a.info.id), int(a.info.size)) for a in entry if int(a.info.type) == _FILE_NAME]
        for attr_id, size in attributes:
            data = entry.read_random(0, min(size, _MAX_FILE_NAME), _FILE_NAME, attr_id)
            if len(data) < _NAME_AT:
                continue
            length = data[64]
            name = data[_NAME_AT : _NAME_AT + 2 * length].decode("utf-16-le", "replace")
            if int.from_bytes(data[0:6], "little") == parent and name == wanted:
                return True
    except (OSError, UnicodeDecodeError):
        return False
    return False
