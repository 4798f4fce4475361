"""One file's content read once, as chunks, into its record: three hashes, type, how complete.

Shared by the walkers of file systems read outside TSK (SquashFS, EROFS, F2FS): `ContentReading`
carries what they need from the import (whether and from where to read content, the type sniffer,
the byte counter, the cancel check).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from forensics.base.content import TYPE_HEAD  # the same head libmagic sees for TSK's files
from forensics.base.filetype import TypeSniffer, extension_mismatch
from forensics.base.hashing import TripleHasher
from forensics.base.records import FileRecord


@dataclass(frozen=True)
class ContentReading:
    read_content: bool
    content_from_ordinal: int  # entries before this ordinal were read by an earlier, interrupted import
    sniffer: TypeSniffer
    on_bytes: Callable[[int], None]
    cancelled: Callable[[], bool]

    def wanted(self, ordinal: int) -> bool:
        return self.read_content and ordinal >= self.content_from_ordinal

    def hashed(
        self, record: FileRecord, chunks: Iterable[bytes], errors: tuple[type[BaseException], ...]
    ) -> FileRecord:
        """`record` with the hashes and type of `chunks`; a failure (one of `errors`) ends the read."""
        hasher, head, error = TripleHasher(), b"", None
        try:
            for chunk in chunks:
                if self.cancelled():
                    break
                head += chunk[: max(0, TYPE_HEAD - len(head))]
                hasher.update(chunk)
                self.on_bytes(len(chunk))
        except errors as failure:
            error = f"read failed at offset {hasher.length}: {failure}"
        if record.size and hasher.length == 0:
            return replace(record, content="unreadable", read_error=error)
        mime, description = self.sniffer.identify(head)
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
