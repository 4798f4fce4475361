"""Writing a case's output files: a hidden temporary beside each target, fsynced, hashed, renamed into
place, then one ledger event; on any failure (cancel, disk full, a refused event) none of them is left."""

import contextlib
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO, TypeVar, cast

_CHUNK = 1 << 20
T = TypeVar("T")


class Recorder(Protocol):
    """What records the event (a CaseSession)."""

    def record(self, action: str, evidence_id: int | None, details: dict[str, Any]) -> Any: ...


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    size: int


class _Hashing(io.BufferedIOBase):
    """A binary file that hashes what passes through it, so the digest costs no second read."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self._raw.write(data)
        self.digest.update(memoryview(data)[:written])
        self.size += written
        return written

    def flush(self) -> None:
        if not self._raw.closed:
            self._raw.flush()

    def fileno(self) -> int:
        return self._raw.fileno()

    def close(self) -> None:
        if not self.closed:
            try:
                self._raw.flush()
                os.fsync(self._raw.fileno())
            finally:
                try:
                    self._raw.close()
                finally:
                    super().close()


def _sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync(path: Path, folder: bool = False) -> None:
    handle = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if folder else 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class Outputs:
    """The files of one piece of work. Each target gets a temporary in its own folder (so the rename
    is atomic); commit() makes one final; discard() removes every temporary and every committed file."""

    def __init__(self) -> None:
        self._temporaries: dict[Path, Path] = {}
        self._streams: dict[Path, _Hashing] = {}
        self._committed: list[Path] = []

    def temporary(self, target: Path) -> Path:
        """A fresh empty temporary for `target`, for writers that want a path (the PDF builder)."""
        target = target.absolute()
        if target in self._temporaries:
            raise ValueError(f"{target} is already being written")
        try:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        except OSError as error:  # name the file asked for, not the temporary
            raise OSError(error.errno, error.strerror, str(target)) from None
        os.close(handle)
        self._temporaries[target] = Path(name)
        return Path(name)

    def open_binary(self, target: Path) -> BinaryIO:
        """A binary handle on the temporary; what is written through it is hashed on the way."""
        stream = _Hashing(self.temporary(target).open("wb"))
        self._streams[target.absolute()] = stream
        return cast(BinaryIO, stream)  # a BufferedIOBase that writes

    def open_text(self, target: Path) -> TextIO:
        """A UTF-8 text handle (newline='' so csv writes its own line ends) on the temporary."""
        return io.TextIOWrapper(self.open_binary(target), encoding="utf-8", newline="")

    def commit(self, target: Path, replace: bool = True) -> Written:
        """fsync and hash the (closed) temporary, then rename it to `target`. replace=False refuses an
        existing target (FileExistsError) instead of overwriting it."""
        target = target.absolute()
        temporary = self._temporaries[target]
        stream = self._streams.pop(target, None)
        if stream is not None and stream.closed:
            digest, size = stream.digest.hexdigest(), stream.size  # fsynced when it was closed
        else:
            if stream is not None:
                stream.close()
            _fsync(temporary)
            digest, size = _sha256(temporary)
        if replace:
            temporary.replace(target)
        else:
            target.hardlink_to(temporary)  # atomic, and never overwrites
            temporary.unlink()
        del self._temporaries[target]
        self._committed.append(target)
        _fsync(target.parent, folder=True)
        return Written(target, digest, size)

    def abandon(self, target: Path) -> None:
        """Give up one target that is not committed (its source failed); the others go on."""
        target = target.absolute()
        stream = self._streams.pop(target, None)
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
        temporary = self._temporaries.pop(target, None)
        if temporary is not None:
            temporary.unlink(missing_ok=True)

    def discard(self) -> None:
        for target in list(self._temporaries):
            self.abandon(target)
        for path in self._committed:
            path.unlink(missing_ok=True)
        self._committed.clear()


@contextlib.contextmanager
def outputs() -> Iterator[Outputs]:
    """Outputs that vanish, committed or not, if the block fails; temporaries left uncommitted go too."""
    work = Outputs()
    try:
        yield work
    except BaseException:
        work.discard()
        raise
    for target in list(work._temporaries):
        work.abandon(target)


def write_recorded(
    recorder: Recorder,
    target: Path,
    write: Callable[[TextIO], T],
    event: tuple[str, int | None],
    details: Callable[[T, Written], dict[str, Any]],
) -> dict[str, Any]:
    """Write one text file with `write`, commit it, and record `event` (action, evidence id) with the
    details made from write's result and the file as written; if anything fails, no file is left."""
    with outputs() as work:
        with work.open_text(target) as handle:
            result = write(handle)
        recorded = details(result, work.commit(target))
        recorder.record(event[0], event[1], recorded)
    return recorded
