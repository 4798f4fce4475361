"""Reading one file's (or stream's) content once: three hashes and the type, bounded memory."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forensics.filetype import TypeSniffer
from forensics.hashing import Digests, TripleHasher

CHUNK = 1 << 20
TYPE_HEAD = 32 << 10


@dataclass(frozen=True)
class ContentResult:
    digests: Digests | None
    mime: str | None
    description: str | None
    bytes_read: int
    complete: bool
    error: str | None


def read_content(
    tsk_file: Any,
    size: int,
    attr: tuple[int, int] | None,
    sniffer: TypeSniffer,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> ContentResult:
    """Hash `size` bytes of the file (of attribute `attr` = (type, id) when given).

    Short reads and read errors end the read; what was read is still hashed and the result says so.
    """
    hasher = TripleHasher()
    head = b""
    offset = 0
    error: str | None = None
    while offset < size and not cancelled():
        want = min(CHUNK, size - offset)
        try:
            if attr is None:
                data = tsk_file.read_random(offset, want)
            else:
                data = tsk_file.read_random(offset, want, attr[0], attr[1])
        except OSError as failure:
            error = f"read failed at offset {offset}: {failure}"
            break
        if not data:
            error = f"short read at offset {offset} of {size}"
            break
        if len(head) < TYPE_HEAD:
            head += data[: TYPE_HEAD - len(head)]
        hasher.update(data)
        offset += len(data)
        on_bytes(len(data))
    mime, description = sniffer.identify(head)
    return ContentResult(hasher.digests(), mime, description, offset, offset >= size, error)
