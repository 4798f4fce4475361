"""EROFS through Debian's erofs-utils, read outside TSK (which does not know it).

The file system's bytes (its size from the superblock) are copied to a scratch folder, extracted
there with `fsck.erofs --extract` (the upstream checker: every block is verified while it is
extracted) and listed with `dump.erofs --ls` (names, NIDs, types). Files are hashed from the
extracted bytes; inode numbers are EROFS NIDs; the time kept is the mtime. The scratch folder is
removed when the volume is closed or the process ends. Every volume read this way carries a
`read-by-extraction` warning that says so.
"""

import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from forensics.base.reader import ReadAt
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord, name_text
from forensics.base.timefmt import tsk_time_to_iso
from forensics.filesystems.hashed import ContentReading
from forensics.filesystems.protocol import OwnFormat

MAGIC = 0xE0F5E1E2  # erofs_fs.h EROFS_SUPER_MAGIC_V1
NAME = "EROFS (Enhanced Read-Only File System, superblock magic 0xE0F5E1E2 at byte 1024)"
_SUPER = struct.Struct("<IIIBBHQQIIQ")  # magic .. blocks, at byte 1024
_LISTED = re.compile(rb"^\s*(\d+)\s+(\d+)  (.*)$")
_TYPES = {1: "r", 2: "d", 3: "c", 4: "b", 5: "p", 6: "s", 7: "l"}
_TIMEOUT = 3600
_CHUNK = 4 << 20


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        raise OSError(f"{name} (Debian package erofs-utils) is not installed")
    return found


def _run(*argv: str | bytes | Path) -> tuple[bytes, list[str]]:
    """(stdout, the error lines erofs-utils printed). Raises OSError when the tool fails."""
    done = subprocess.run([os.fsencode(a) for a in argv], capture_output=True, timeout=_TIMEOUT, check=False)
    lines = (done.stderr + done.stdout).decode("utf-8", "replace").splitlines()
    errors = [line.strip() for line in lines if "<E>" in line]
    if done.returncode != 0:
        raise OSError(
            f"{Path(str(argv[0])).name} exit {done.returncode}: {(errors or lines or ['failed'])[-1]}"
        )
    return done.stdout, errors


def tool_version() -> str:
    return _run(_tool("fsck.erofs"), "-V")[0].decode("utf-8", "replace").strip()


def recognised(read: ReadAt, offset: int) -> bool:
    """An EROFS superblock magic at byte 1024 of the volume at `offset`."""
    raw = read(offset + 1024, 4)
    return len(raw) == 4 and struct.unpack("<I", raw)[0] == MAGIC


class ErofsVolume:
    """An EROFS at `offset` of the image behind `read`, extracted once. Raises OSError when it cannot be."""

    fs_type = "erofs"

    def __init__(self, read: ReadAt, size: int, offset: int) -> None:
        raw = read(offset + 1024, _SUPER.size)
        if len(raw) < _SUPER.size:
            raise OSError("EROFS superblock truncated")
        fields = _SUPER.unpack(raw)
        bits, blocks = fields[3], fields[9]
        if not 9 <= bits <= 16:
            raise OSError(f"EROFS block size 2^{bits} is impossible")
        self.block_size = 1 << bits
        self._scratch = tempfile.TemporaryDirectory(prefix="haechi-erofs-")
        self.image_copy = Path(self._scratch.name) / "volume.erofs"
        self.tree = Path(self._scratch.name) / "tree"
        self._copy(read, offset, min(blocks * self.block_size, size - offset))
        # fsck.erofs 1.5 may exit 0 on a damaged image: its error lines and the tree are checked too
        self.problems = _run(_tool("fsck.erofs"), f"--extract={self.tree}", self.image_copy)[1]
        if not self.tree.is_dir():
            raise OSError(
                f"fsck.erofs extracted nothing ({'; '.join(self.problems[:3]) or 'no error given'})"
            )
        self.version = tool_version()
        self._by_nid: dict[int, Path] | None = None
        self._walked: list[tuple[int, str, bytes]] | None = None

    def _copy(self, read: ReadAt, offset: int, length: int) -> None:
        with self.image_copy.open("wb") as out:
            done = 0
            while done < length:
                data = read(offset + done, min(_CHUNK, length - done))
                if not data:
                    break
                out.write(data)
                done += len(data)

    def listing(self, directory: bytes) -> list[tuple[int, str, bytes]]:
        """(NID, type letter, name) of each entry of `directory` (b"/" for the root), in on-disk order."""
        out = _run(_tool("dump.erofs"), "--ls", b"--path=" + directory, self.image_copy)[0]
        entries: list[tuple[int, str, bytes]] = []
        listed = False
        for line in out.splitlines():
            if line.strip().startswith(b"NID TYPE"):
                listed = True
                continue
            match = _LISTED.match(line) if listed else None
            if match and match[3] not in (b".", b".."):
                entries.append((int(match[1]), _TYPES.get(int(match[2]), "-"), match[3]))
        return entries

    def walk(self) -> list[tuple[int, str, bytes]]:
        """(NID, type, path) of every entry, depth first, children in on-disk order (listed once)."""
        if self._walked is None:
            self._walked = list(self._walk())
        return self._walked

    def _walk(self) -> Iterator[tuple[int, str, bytes]]:
        stack: list[Iterator[tuple[int, str, bytes]]] = [iter(self._children(b""))]
        while stack:
            try:
                nid, kind, path = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
            yield nid, kind, path
            if kind == "d":
                stack.append(iter(self._children(path)))

    def _children(self, path: bytes) -> list[tuple[int, str, bytes]]:
        return [(nid, kind, path + b"/" + name) for nid, kind, name in self.listing(path or b"/")]

    def extracted(self, path: bytes) -> Path:
        return self.tree / os.fsdecode(path.lstrip(b"/"))

    def open_meta(self, inode: int) -> "ErofsFile":
        """The file with NID `inode`, shaped like the part of a pytsk3 File that file_access uses."""
        if self._by_nid is None:
            self._by_nid = {nid: self.extracted(path) for nid, kind, path in self.walk() if kind == "r"}
        found = self._by_nid.get(inode)
        if found is None:
            raise OSError(f"no EROFS regular file with NID {inode}")
        return ErofsFile(found)

    def close(self) -> None:
        self._scratch.cleanup()


class ErofsFile:
    def __init__(self, path: Path) -> None:
        self._path = path
        self.info = SimpleNamespace(meta=SimpleNamespace(size=path.stat().st_size))

    def read_random(self, offset: int, length: int) -> bytes:
        with self._path.open("rb") as handle:
            handle.seek(offset)
            return handle.read(length)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while data := handle.read(1 << 20):
            yield data


class ErofsWalker:
    """A `read-by-extraction` warning, then a FileRecord per entry of the extracted EROFS."""

    def __init__(
        self,
        volume_fs: ErofsVolume,
        volume: VolumeRecord,
        reading: ContentReading,
    ) -> None:
        self._fs, self._volume, self._reading = volume_fs, volume, reading

    def entries(self) -> Iterator[FileRecord | ReadWarning]:
        yield ReadWarning(
            "read-by-extraction",
            f"EROFS read by extracting it with {self._fs.version} to a scratch folder: file hashes are "
            "of the extracted bytes, inode numbers are EROFS NIDs, only the mtime is kept",
            self._volume.index,
        )
        if self._fs.problems:
            yield ReadWarning(
                "erofs-errors",
                f"fsck.erofs reported {len(self._fs.problems)} errors: {'; '.join(self._fs.problems[:5])}",
                self._volume.index,
            )
        for ordinal, (nid, kind, path) in enumerate(self._fs.walk()):
            if self._reading.cancelled():
                return
            yield self._record(ordinal, nid, kind, path)

    def _record(self, ordinal: int, nid: int, kind: str, path: bytes) -> FileRecord:
        parent, _, raw = path.rpartition(b"/")
        name = name_text(raw)
        extracted = self._fs.extracted(path)
        try:
            stat = extracted.lstat()
        except OSError:
            stat = None  # listed but not extracted: damaged
        record = FileRecord(
            volume_index=self._volume.index,
            ordinal=ordinal,
            path=_path_text(path),
            parent_path=_path_text(parent) or "/",
            name=name,
            name_raw=raw,
            inode=nid,
            meta_type=kind,
            name_type=kind,
            size=stat.st_size if stat is not None and kind in ("r", "l") else 0,
            name_allocated=True,
            meta_allocated=True,
            orphan=False,
            mtime=tsk_time_to_iso(int(stat.st_mtime), stat.st_mtime_ns % 1_000_000_000) if stat else None,
        )
        if stat is None:
            return replace(
                record, content="unreadable", read_error="listed by dump.erofs, not extracted by fsck.erofs"
            )
        if kind != "r":
            return record
        if not self._reading.wanted(ordinal):
            return replace(record, content="skipped")
        return self._reading.hashed(record, _chunks(extracted), (OSError,))


EROFS = OwnFormat(
    recognised,
    ErofsVolume,
    ErofsWalker,
    (OSError,),
    lambda error: f"{NAME}: not read ({error}); its files are NOT catalogued",
)


def _path_text(path: bytes) -> str:
    """A path of raw components, each catalogued as name_text gives it."""
    return "/".join(name_text(part) for part in path.split(b"/"))
