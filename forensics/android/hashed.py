"""One file's content read once, as chunks, into its record: three hashes, type, how complete.

Shared by the walkers of file systems read outside TSK (SquashFS, EROFS).
"""

from collections.abc import Callable, Iterable
from dataclasses import replace

from forensics.content import TYPE_HEAD  # the same head libmagic sees for TSK's files
from forensics.filetype import TypeSniffer, extension_mismatch
from forensics.hashing import TripleHasher
from forensics.records import FileRecord


def hashed(
    record: FileRecord,
    chunks: Iterable[bytes],
    errors: tuple[type[BaseException], ...],
    sniffer: TypeSniffer,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> FileRecord:
    """`record` with the hashes and type of `chunks`; a failure (one of `errors`) ends the read."""
    hasher, head, error = TripleHasher(), b"", None
    try:
        for chunk in chunks:
            if cancelled():
                break
            head += chunk[: max(0, TYPE_HEAD - len(head))]
            hasher.update(chunk)
            on_bytes(len(chunk))
    except errors as failure:
        error = f"read failed at offset {hasher.length}: {failure}"
    if record.size and hasher.length == 0:
        return replace(record, content="unreadable", read_error=error)
    mime, description = sniffer.identify(head)
    digests = hasher.digests()
    complete = hasher.length >= record.size
    return replace(
        record,
        content=("read" if record.size else "empty") if complete else "partial",
        bytes_read=hasher.length,
        read_error=error,
        mime=mime,
        description=description,
        ext_mismatch=extension_mismatch(record.name, mime),
        md5=digests.md5,
        sha1=digests.sha1,
        sha256=digests.sha256,
    )
