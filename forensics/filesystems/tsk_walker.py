"""Walking one file system: every name, allocated or deleted, orphans, NTFS streams."""

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import pytsk3

from forensics.base.content import ContentPool, ContentResult, read_content
from forensics.base.filetype import TypeSniffer, extension_mismatch
from forensics.base.hashing import TripleHasher
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord, name_text
from forensics.base.timefmt import tsk_time_to_iso
from forensics.base.tsk_names import meta_type_letter, name_type_letter
from forensics.filesystems import nameless, ntfs_recovery

_NAME_ALLOC = int(pytsk3.TSK_FS_NAME_FLAG_ALLOC)
_META_ALLOC = int(pytsk3.TSK_FS_META_FLAG_ALLOC)
_META_REG = int(pytsk3.TSK_FS_META_TYPE_REG)
_META_DIR = int(pytsk3.TSK_FS_META_TYPE_DIR)
_META_VIRT_DIR = int(pytsk3.TSK_FS_META_TYPE_VIRT_DIR)
_NAME_DIR = int(pytsk3.TSK_FS_NAME_TYPE_DIR)
_NAME_VIRT_DIR = int(pytsk3.TSK_FS_NAME_TYPE_VIRT_DIR)
_NTFS_DATA = int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA)
_NO_DATA_RUN = int(pytsk3.TSK_FS_ATTR_RUN_FLAG_SPARSE) | int(pytsk3.TSK_FS_ATTR_RUN_FLAG_FILLER)
ORPHAN_DIR = "$OrphanFiles"

Entry = FileRecord | ReadWarning
MAX_PENDING = 256  # files read but not yet hashed and typed, at most (and MAX_PENDING_BYTES)
MAX_PENDING_BYTES = 64 << 20
# Issue 16 item 3. TSK reads sparse and filler runs as zeros without touching the image, but the
# three hashes still cost ~1 s of CPU per GiB: a 1 TiB sparse file (or a 1 TiB size field on an
# ordinary inode, which TSK shows as one long sparse run) would hash for about 20 minutes. Files whose
# sparse part exceeds SPARSE_LIMIT are deferred (content "deferred", warning content-deferred).
SPARSE_LIMIT = 1 << 30
SIZE_CHECKED = 64 << 20  # smaller files cannot hide a sparse part worth deferring: runs not looked at


@dataclass(frozen=True)
class WalkOptions:
    fat_orphans: bool = True  # TSK's orphan search on FAT (docs/recovery.md has its cost); False skips it
    read_content: bool = True
    content_from_ordinal: int = 0  # resume: entries before this were catalogued already
    max_depth: int = 512
    times: bool = True  # off for a count-only walk (the precount): formatting them costs


@dataclass(frozen=True)
class _Pending:
    """A record whose content was read and is being hashed and typed on a pool thread."""

    record: FileRecord
    result: "Future[ContentResult]"


@dataclass
class _Dir:
    entries: Iterator[Any]
    path: str
    depth: int
    orphan: bool


@dataclass(frozen=True)
class _NamedInfo:
    name: Any
    meta: Any


class _NamedFile:
    """A file opened by inode, under the name its (virtual) directory entry gives it."""

    def __init__(self, name: Any, by_inode: Any) -> None:
        self.info = _NamedInfo(name, by_inode.info.meta)
        self._file = by_inode

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._file, attribute)  # read_random, as_directory

    def __iter__(self) -> Iterator[Any]:
        return iter(self._file)  # attributes


class FileSystemWalker:
    """Yields a FileRecord per name and stream, and a ReadWarning per obstacle, in a fixed order."""

    def __init__(
        self,
        fs: Any,
        volume: VolumeRecord,
        options: WalkOptions,
        sniffer: TypeSniffer,
        on_bytes: Callable[[int], None],
        cancelled: Callable[[], bool],
        content: ContentPool | None = None,
    ) -> None:
        self._fs = fs
        self._content = content
        self._volume = volume
        self._options = options
        self._sniffer = sniffer
        self._on_bytes = on_bytes
        self._cancelled = cancelled
        self._ordinal = 0
        self._visited: set[int] = set()
        self._listed: set[int] | None = None  # addresses catalogued, kept only when the root is lost
        self._is_ntfs = volume.fs_type == "ntfs"
        self._is_fat = bool(volume.fs_type and volume.fs_type.startswith(("fat", "exfat")))
        # ISO 9660 has no deletion: a file with content that no directory names was lost by damage
        self._orphans_are_damage = volume.fs_type == "iso9660"
        self._lost_entries = 0

    def _warning(self, code: str, message: str, path: str | None = None) -> ReadWarning:
        return ReadWarning(code, message, self._volume.index, path)

    def entries(self) -> Iterator[Entry]:
        """Every entry in walk order; with a content pool, up to MAX_PENDING are hashed meanwhile."""
        window: deque[Entry | _Pending] = deque()
        pending_bytes = 0
        for item in self._walk():
            window.append(item)
            pending_bytes += item.record.size if isinstance(item, _Pending) else 0
            while window and (
                not isinstance(window[0], _Pending)
                or window[0].result.done()
                or len(window) > MAX_PENDING
                or pending_bytes > MAX_PENDING_BYTES
            ):
                first = window.popleft()
                pending_bytes -= first.record.size if isinstance(first, _Pending) else 0
                yield from self._reported(_finished(first))
        while window:
            yield from self._reported(_finished(window.popleft()))

    def _reported(self, entry: Entry) -> Iterator[Entry]:
        """The entry, then a warning when an allocated file's content could not be read whole.

        A deleted file's content is what is left of it (content = partial / unreadable says so); an
        allocated file that cannot be read is damage the import summary and the report must count.
        """
        yield entry
        if not isinstance(entry, FileRecord):
            return
        if entry.size > self._volume.length and entry.content in ("partial", "unreadable"):
            yield self._warning(  # a sparse file that its runs explain is read whole or deferred
                "size-beyond-volume",
                f"size field {entry.size} bytes, but the volume holds {self._volume.length} and the "
                "file's runs do not explain it: the read was bounded by the volume",
                entry.path,
            )
        if entry.content == "deferred":
            yield self._warning(
                "content-deferred",
                f"{entry.read_error}; not hashed (sparse part above {SPARSE_LIMIT} bytes)",
                entry.path,
            )
        if entry.allocated and entry.content in ("partial", "unreadable"):
            yield self._warning(
                f"content-{entry.content}",
                f"{entry.bytes_read} of {entry.size} bytes read: {entry.read_error or 'read failed'}",
                entry.path,
            )

    def _short_image(self) -> Iterator[Entry]:
        """A file system that reaches past the end of its volume: what lies beyond cannot be read."""
        try:
            span = int(self._fs.info.block_count) * int(self._fs.info.block_size)
        except (AttributeError, TypeError, ValueError):
            return
        if span > self._volume.length:
            yield ReadWarning(
                "image-short",
                f"the file system spans {span} bytes but its volume holds {self._volume.length}: "
                "files beyond the end cannot be read",
                self._volume.index,
                "/",
                {"fs_bytes": str(span), "volume_bytes": str(self._volume.length)},
            )

    def _walk(self) -> Iterator[Entry | _Pending]:
        yield from self._short_image()
        root = int(self._fs.info.root_inum)
        self._visited.add(root)
        try:
            stack = [_Dir(iter(self._fs.open_dir(inode=root)), "", 0, False)]
        except OSError as error:
            yield self._warning(
                "root-unreadable",
                f"root directory cannot be opened: {error}; entries found by address are listed "
                f"under /{ORPHAN_DIR}",
                "/",
            )
            tried, cut = nameless.addresses(self._fs)
            if cut:
                yield self._warning(
                    "orphan-search-cut",
                    f"only the first {len(tried)} metadata addresses were searched",
                    f"/{ORPHAN_DIR}",
                )
            stack = [self._nameless(root, tried)]
        while stack and not self._cancelled():
            current = stack[-1]
            try:
                tsk_file = next(current.entries)
            except StopIteration:
                stack.pop()
                continue
            except OSError as error:
                stack.pop()
                yield self._warning("directory-unreadable", f"listing stopped: {error}", current.path or "/")
                continue
            yield from self._entry(tsk_file, current, stack)
        if self._lost_entries and not self._cancelled():
            yield self._warning(
                "directory-damaged",
                f"{self._lost_entries} files with content are named by no directory (this file system "
                f"deletes nothing): a damaged directory lost them; they are listed under /{ORPHAN_DIR}",
                f"/{ORPHAN_DIR}",
            )

    def _nameless(self, root: int, tried: range) -> _Dir:
        """Issue 16 item 2: with the root lost, every used entry found by address, as an orphan."""
        listed: set[int] = {root}
        self._listed = listed
        found = nameless.nameless_entries(
            self._fs, tried, lambda address: address in listed or address in self._visited
        )
        return _Dir((_NamedFile(name, entry) for name, entry in found), f"/{ORPHAN_DIR}", 1, True)

    def _entry(self, tsk_file: Any, parent: _Dir, stack: list[_Dir]) -> Iterator[Entry | _Pending]:
        name = tsk_file.info.name
        if name is None or name.name in (b".", b".."):
            return
        tsk_file, recovery = self._linked(tsk_file, parent)
        raw = bytes(name.name)
        path = f"{parent.path}/{name_text(raw)}"
        meta = tsk_file.info.meta
        record = self._base_record(tsk_file, raw, parent, path, recovery)
        if self._listed is not None and record.inode is not None:
            self._listed.add(record.inode)
        # a clean disc made by genisoimage has one empty orphan of its own: only content counts
        self._lost_entries += parent.orphan and self._orphans_are_damage and record.size > 0
        is_virtual_orphans = int(name.type) == _NAME_VIRT_DIR and raw == ORPHAN_DIR.encode()
        yield self._with_content(tsk_file, record, None) if self._is_regular(meta) else record
        if self._is_ntfs and meta is not None:
            yield from self._streams(tsk_file, record)
        if self._is_directory(name, meta) and recovery != "reallocated":
            yield from self._descend(tsk_file, record, parent, stack, is_virtual_orphans)

    def _linked(self, tsk_file: Any, parent: _Dir) -> tuple[Any, str | None]:
        """The entry with the metadata that is truly its own, and how a deleted name was tied to it."""
        name = tsk_file.info.name
        meta = tsk_file.info.meta
        name_allocated = bool(int(name.flags) & _NAME_ALLOC)
        if name_allocated and not parent.orphan:
            return tsk_file, None
        if meta is not None:
            if parent.orphan:
                return tsk_file, "orphan"  # no name points to it: there is no other owner to fear
            if not name_allocated and int(meta.flags) & _META_ALLOC:
                return tsk_file, "reallocated"  # fls's "(realloc)": the entry is another file's now
            return tsk_file, "tsk"
        if parent.orphan:
            opened = self._orphan_with_meta(tsk_file)
            return opened, "orphan" if opened is not tsk_file else "none"
        if self._is_ntfs and name.meta_addr is not None:
            entry, how = ntfs_recovery.entry_for(self._fs, name)
            return (tsk_file if entry is None else _NamedFile(name, entry)), how
        return tsk_file, "none"

    def _orphan_with_meta(self, tsk_file: Any) -> Any:
        """pytsk3 lists $OrphanFiles entries without metadata: open each one by its inode."""
        try:
            by_inode = self._fs.open_meta(inode=int(tsk_file.info.name.meta_addr))
        except OSError:
            return tsk_file  # listed by name only, as before
        return _NamedFile(tsk_file.info.name, by_inode)

    def _next_ordinal(self) -> int:
        self._ordinal += 1
        return self._ordinal - 1

    def _base_record(
        self, tsk_file: Any, raw: bytes, parent: _Dir, path: str, recovery: str | None
    ) -> FileRecord:
        name = tsk_file.info.name
        meta = tsk_file.info.meta
        inode = int(name.meta_addr) if name.meta_addr is not None else None
        theirs = recovery == "reallocated"  # size and times there are another file's: never this name's
        times = meta if self._options.times and not theirs else None
        return FileRecord(
            volume_index=self._volume.index,
            ordinal=self._next_ordinal(),
            path=path,
            parent_path=parent.path or "/",
            name=name_text(raw),
            name_raw=raw,
            inode=inode,
            meta_type=meta_type_letter(meta.type if meta is not None else None),
            name_type=name_type_letter(name.type),
            size=int(meta.size) if meta is not None and meta.size > 0 and not theirs else 0,
            name_allocated=bool(int(name.flags) & _NAME_ALLOC),
            meta_allocated=meta is not None and bool(int(meta.flags) & _META_ALLOC),
            orphan=parent.orphan,
            mtime=tsk_time_to_iso(times.mtime, times.mtime_nano) if times is not None else None,
            atime=tsk_time_to_iso(times.atime, times.atime_nano) if times is not None else None,
            ctime=tsk_time_to_iso(times.ctime, times.ctime_nano) if times is not None else None,
            crtime=tsk_time_to_iso(times.crtime, times.crtime_nano) if times is not None else None,
            recovery=recovery,
            content="reallocated" if theirs else "none",
        )

    @staticmethod
    def _is_regular(meta: Any) -> bool:
        return meta is not None and int(meta.type) == _META_REG

    @staticmethod
    def _is_directory(name: Any, meta: Any) -> bool:
        if meta is not None:
            return int(meta.type) in (_META_DIR, _META_VIRT_DIR)
        return int(name.type) in (_NAME_DIR, _NAME_VIRT_DIR)

    def _descend(
        self, tsk_file: Any, record: FileRecord, parent: _Dir, stack: list[_Dir], orphans: bool
    ) -> Iterator[Entry]:
        if orphans and self._is_fat and not self._options.fat_orphans:
            yield self._warning(
                "fat-orphan-scan-off",
                "orphan files on FAT were not searched (--no-orphans)",
                record.path,
            )
            return
        inode = record.inode
        if inode is None or inode in self._visited:
            if inode is not None and record.name_allocated:
                yield self._warning(
                    "directory-loop", f"directory inode {inode} seen before; not entered again", record.path
                )
            return
        if parent.depth + 1 > self._options.max_depth:
            yield self._warning("too-deep", f"deeper than {self._options.max_depth} levels", record.path)
            return
        self._visited.add(inode)
        try:
            listing = iter(tsk_file.as_directory())
        except OSError as error:
            if record.name_allocated:
                yield self._warning("directory-unreadable", f"cannot be opened: {error}", record.path)
            return
        stack.append(_Dir(listing, record.path, parent.depth + 1, parent.orphan or orphans))

    def _streams(self, tsk_file: Any, record: FileRecord) -> Iterator[Entry | _Pending]:
        """NTFS named $DATA attributes, each a record of its own (the unnamed one is the file)."""
        try:
            attributes = [(int(a.info.type), int(a.info.id), a.info.name, int(a.info.size)) for a in tsk_file]
        except OSError as error:
            yield self._warning("attributes-unreadable", str(error), record.path)
            return
        for attr_type, attr_id, attr_name, size in attributes:
            if attr_type != _NTFS_DATA or not attr_name or attr_name in (b"$Data",):
                continue
            stream = name_text(bytes(attr_name))
            if record.path == "/$BadClus" and stream == "$Bad":
                continue  # spans the whole volume; not content
            base = _updated(
                record,
                ordinal=self._next_ordinal(),
                path=f"{record.path}:{stream}",
                name=f"{record.name}:{stream}",
                stream=stream,
                attr_type=attr_type,
                attr_id=attr_id,
                size=size,
                meta_type="r",
            )
            yield self._with_content(tsk_file, base, (attr_type, attr_id))

    def _with_content(
        self, tsk_file: Any, record: FileRecord, attr: tuple[int, int] | None
    ) -> FileRecord | _Pending:
        if record.recovery == "reallocated":
            return record  # the entry now belongs to another file: its content is never this name's
        if record.ordinal < self._options.content_from_ordinal:
            return _updated(record, content="skipped")
        size = record.size
        if size > SIZE_CHECKED:
            data = _data_bytes(tsk_file, attr, int(self._fs.info.block_size))
            if data is None:  # runs unknown: no read goes past what the volume can hold
                size = min(size, self._volume.length)
            elif size - data > SPARSE_LIMIT:
                reason = f"{data} bytes of data and {size - data} sparse of {size}"
                return _updated(record, content="deferred", read_error=reason)
        if not self._options.read_content:
            return _updated(record, content="skipped")
        if record.size == 0:
            return _updated(
                record,
                content="empty",
                md5=_EMPTY.md5,
                sha1=_EMPTY.sha1,
                sha256=_EMPTY.sha256,
                mime="inode/x-empty",
                description="empty",
            )
        if self._content is not None:
            future = self._content.submit(tsk_file, size, attr, self._on_bytes, self._cancelled)
            return _Pending(record, future)
        result = read_content(tsk_file, size, attr, self._sniffer, self._on_bytes, self._cancelled)
        return _with_result(record, result)


def _updated(record: FileRecord, **changes: Any) -> FileRecord:
    """The record with `changes`: dataclasses.replace without its per-call field lookup (8 -> 5 us)."""
    return FileRecord(**{**record.__dict__, **changes})


def _data_bytes(tsk_file: Any, attr: tuple[int, int] | None, block_size: int) -> int | None:
    """Bytes of the file's data attribute that lie in real runs (not sparse, not filler); None if unknown."""
    try:
        for attribute in tsk_file:
            info = attribute.info
            if attr is None and int(info.type) not in (int(pytsk3.TSK_FS_ATTR_TYPE_DEFAULT), _NTFS_DATA):
                continue
            if attr is None and int(info.type) == _NTFS_DATA and info.name:
                continue  # a named stream: not the file's own content
            if attr is not None and (int(info.type), int(info.id)) != attr:
                continue
            if not int(info.flags) & int(pytsk3.TSK_FS_ATTR_NONRES):
                return int(info.size)  # resident: small, in the metadata itself
            return sum(int(run.len) for run in attribute if not int(run.flags) & _NO_DATA_RUN) * block_size
    except OSError:
        return None
    return None


def _finished(item: Entry | _Pending) -> Entry:
    return _with_result(item.record, item.result.result()) if isinstance(item, _Pending) else item


def _with_result(record: FileRecord, result: ContentResult) -> FileRecord:
    """The record with what reading its content gave."""
    if result.bytes_read == 0:
        return _updated(record, content="unreadable", read_error=result.error)
    deleted = not record.name_allocated
    complete = result.complete and result.bytes_read >= record.size  # a read bounded by the volume is not
    status = ("recovered" if deleted or not record.meta_allocated else "read") if complete else "partial"
    digests = result.digests or _EMPTY
    return _updated(
        record,
        content=status,
        bytes_read=result.bytes_read,
        read_error=result.error,
        mime=result.mime,
        description=result.description,
        ext_mismatch=extension_mismatch(record.name, result.mime or ""),
        md5=digests.md5,
        sha1=digests.sha1,
        sha256=digests.sha256,
    )


_EMPTY = TripleHasher().digests()
