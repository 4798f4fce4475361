"""Walking an F2FS (forensics/filesystems/f2fs.py) into FileRecords."""

from collections.abc import Iterator
from dataclasses import replace

from forensics.base.records import FileRecord, ReadWarning, VolumeRecord, name_text
from forensics.base.timefmt import tsk_time_to_iso
from forensics.filesystems.f2fs import F2FS_ERRORS, NAME, F2fsEntry, F2fsInode, F2fsVolume, recognised
from forensics.filesystems.hashed import ContentReading
from forensics.filesystems.protocol import OwnFormat


class F2fsWalker:
    """A note on what is read, then a FileRecord per allocated entry (depth first), a warning per failure."""

    def __init__(
        self,
        volume_fs: F2fsVolume,
        volume: VolumeRecord,
        reading: ContentReading,
    ) -> None:
        self._fs, self._volume, self._reading = volume_fs, volume, reading
        self._ordinal = 0

    def _warning(self, code: str, message: str, path: str) -> ReadWarning:
        return ReadWarning(code, message, self._volume.index, path)

    def entries(self) -> Iterator[FileRecord | ReadWarning]:
        yield self._warning(
            "f2fs-allocated-only",
            "F2FS read by Haechi's own reader (TSK does not read F2FS): allocated files of the current "
            "checkpoint only; deleted files are not recovered; compressed and encrypted files are not read",
            "/",
        )
        try:
            root = self._fs.inode(self._fs.root_ino)
            listing = self._fs.entries(root)
        except F2FS_ERRORS as error:
            yield self._warning("root-unreadable", f"F2FS root directory cannot be read: {error}", "/")
            return
        visited = {root.ino}
        stack: list[tuple[Iterator[F2fsEntry], str]] = [(iter(listing), "")]
        while stack and not self._reading.cancelled():
            entries, parent = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                continue
            yield from self._entry(entry, parent, stack, visited)

    def _entry(
        self, entry: F2fsEntry, parent: str, stack: list[tuple[Iterator[F2fsEntry], str]], visited: set[int]
    ) -> Iterator[FileRecord | ReadWarning]:
        name_raw, ino, kind = entry.name, entry.ino, entry.kind
        name = name_text(name_raw)
        path = f"{parent}/{name}"
        try:
            inode = self._fs.inode(ino)
        except F2FS_ERRORS as error:
            yield self._warning("inode-unreadable", f"F2FS inode {ino}: {error}", path)
            return
        record = self._record(inode, kind, name, name_raw, parent, path)
        if kind == "r":
            record = self._with_content(inode, record)
        yield record
        if kind == "d" and ino not in visited:
            visited.add(ino)
            try:
                stack.append((iter(self._fs.entries(inode)), path))
            except F2FS_ERRORS as error:
                yield self._warning("directory-unreadable", f"F2FS directory cannot be read: {error}", path)

    def _record(
        self, inode: F2fsInode, kind: str, name: str, name_raw: bytes, parent: str, path: str
    ) -> FileRecord:
        self._ordinal += 1
        atime_ns, ctime_ns, mtime_ns = inode.times_nsec
        return FileRecord(
            volume_index=self._volume.index,
            ordinal=self._ordinal - 1,
            path=path,
            parent_path=parent or "/",
            name=name,
            name_raw=name_raw,
            inode=inode.ino,
            meta_type=kind,
            name_type=kind,
            size=inode.size if kind in ("r", "l") else 0,
            name_allocated=True,
            meta_allocated=True,
            orphan=False,
            mtime=tsk_time_to_iso(inode.mtime, mtime_ns),
            atime=tsk_time_to_iso(inode.atime, atime_ns),
            ctime=tsk_time_to_iso(inode.ctime, ctime_ns),
            crtime=tsk_time_to_iso(inode.crtime) if inode.crtime else None,
        )

    def _with_content(self, inode: F2fsInode, record: FileRecord) -> FileRecord:
        if not self._reading.wanted(record.ordinal):
            return replace(record, content="skipped")
        reason = self._fs.unreadable_reason(inode)
        if reason is not None:
            return replace(record, content="unreadable", read_error=reason)
        record = self._reading.hashed(record, self._fs.content(inode), F2FS_ERRORS)
        return replace(record, read_error=f"F2FS {record.read_error}") if record.read_error else record


F2FS = OwnFormat(
    recognised,
    F2fsVolume,
    F2fsWalker,
    F2FS_ERRORS,
    lambda error: f"{NAME}: cannot be read ({error}); its files are NOT catalogued",
)
