"""Reading file content from the evidence in a child process, so a TSK crash cannot take the caller down.

One reader process per open case serves many requests (hex pages, previews, exports, artifact sources,
the Amlogic key store).
"""

import json
import multiprocessing
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.common.errors import HaechiError
from app.common.faults import start_deaf_to_ctrl_c
from chain_of_custody.carved import CarvedStore
from chain_of_custody.case_db import CaseDatabase
from forensics.artifacts.keystore import KeyStore, read_key_store
from forensics.base.errors import EvidenceError, ImageReadError
from forensics.containers.image import ImageSpec
from forensics.file_access import MAX_READ, EvidenceFiles, FileAddress, runs_address

_MP = multiprocessing.get_context("spawn")
_TIMEOUT_SECONDS = 60
_COPY_CHUNK = 4 << 20
_COPY_TIMEOUT_SECONDS = 3600  # a 256 MiB chunk from media read at 100 KiB/s still arrives


class EvidenceReadError(HaechiError):
    """The content could not be read (image gone, damaged area, reader crashed)."""


def _serve(conn: Connection, spec: ImageSpec) -> None:
    """Child process: answer (address, offset, length) requests until the pipe closes."""
    try:
        files = EvidenceFiles(spec)
    except EvidenceError as error:
        conn.send(("error", str(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        kind, address, offset, length = request
        try:
            if kind == "size":
                conn.send(("ok", files.size(address)))
            elif kind == "key_store":
                conn.send(("ok", read_key_store(spec)))
            elif kind == "copy":
                conn.send(("ok", _copy(files, address, Path(offset))))
            else:
                conn.send(("ok", files.read(address, offset, length)))
        except EvidenceError as error:
            conn.send(("error", str(error)))


def _copy(files: EvidenceFiles, address: FileAddress, target: Path) -> int:
    """The whole content written to `target` (a private temporary file, never in the evidence)."""
    total, done = files.size(address), 0
    try:
        with target.open("wb") as out:
            while done < total:
                data = files.read(address, done, min(_COPY_CHUNK, total - done))
                if not data:
                    break
                out.write(data)
                done += len(data)
    except OSError as error:  # the temporary folder, not the evidence: full or gone
        raise ImageReadError(f"cannot write {target}: {error.strerror or error}") from error
    return done


def evidence_spec(db: CaseDatabase, evidence_id: int) -> ImageSpec:
    row = db.conn.execute("SELECT format, segments FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceReadError(f"no evidence {evidence_id} in this case")
    return ImageSpec(row[0], tuple(Path(p) for p in json.loads(row[1])))


def file_address(db: CaseDatabase, file_id: int) -> tuple[int, FileAddress]:
    """(evidence id, address) of a catalogued file; a carved file's address is its image byte runs."""
    runs = CarvedStore(db.conn).carved_runs(file_id)
    if runs is not None:
        carved = db.conn.execute("SELECT evidence_id FROM files WHERE id = ?", (file_id,)).fetchone()
        return int(carved[0]), runs_address(runs)
    row = db.conn.execute(
        "SELECT f.evidence_id, v.offset, f.inode, f.attr_type, f.attr_id FROM files f "
        "JOIN volumes v ON v.evidence_id = f.evidence_id AND v.idx = f.volume_idx WHERE f.id = ?",
        (file_id,),
    ).fetchone()
    if row is None or row[2] is None:
        raise EvidenceReadError(f"file {file_id} has no readable content address")
    evidence_id, offset, inode, attr_type, attr_id = row
    return int(evidence_id), FileAddress(int(offset), int(inode), attr_type, attr_id)


class EvidenceReader:
    """A reader process for one evidence image. Close it when done (or use it as a context manager)."""

    def __init__(self, spec: ImageSpec) -> None:
        self._spec = spec
        self._conn: Connection | None = None
        self._process: Any = None

    def __enter__(self) -> "EvidenceReader":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _start(self) -> Connection:
        if self._conn is not None and self._process.is_alive():
            return self._conn
        parent, child = _MP.Pipe()
        self._process = _MP.Process(target=_serve, args=(child, self._spec), daemon=True)
        start_deaf_to_ctrl_c(self._process)
        child.close()
        self._conn = parent
        self._answer()  # "ready" or the reason it could not open the image
        return parent

    def _answer(self, timeout: float = _TIMEOUT_SECONDS) -> Any:
        assert self._conn is not None
        if not self._conn.poll(timeout):
            self.close()
            raise EvidenceReadError("the evidence reader did not answer in time")
        try:
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            self.close()
            raise EvidenceReadError(f"the evidence reader stopped (exit code {code})") from None
        if kind == "error":
            raise EvidenceReadError(str(value))
        return value

    def _ask(
        self, kind: str, address: FileAddress | None, offset: int | str, length: int, timeout: float = 0
    ) -> Any:
        conn = self._start()
        conn.send((kind, address, offset, length))
        return self._answer(timeout or _TIMEOUT_SECONDS)

    def read(self, address: FileAddress, offset: int = 0, length: int = MAX_READ) -> bytes:
        data: bytes = self._ask("read", address, offset, length)
        return data

    def size(self, address: FileAddress) -> int:
        size: int = self._ask("size", address, 0, 0)
        return size

    def copy_to(self, address: FileAddress, target: Path) -> int:
        """Write the whole content to `target` in the reader process (no pipe in between: carving hands
        PhotoRec chunks of hundreds of MiB); the bytes written, fewer where the image ends."""
        written: int = self._ask("copy", address, str(target), 0, _COPY_TIMEOUT_SECONDS)
        return written

    def key_store(self) -> KeyStore | None:
        """The Amlogic key store of the image (None when it has no EPT), read in the reader process."""
        store: KeyStore | None = self._ask("key_store", None, 0, 0)
        return store

    def chunks(self, address: FileAddress, chunk: int = 4 << 20) -> Iterator[bytes]:
        """The whole content, front to back (for exports and artifact sources)."""
        total, offset = self.size(address), 0
        while offset < total:
            data = self.read(address, offset, min(chunk, total - offset))
            if not data:
                raise EvidenceReadError(f"content ends early at offset {offset} of {total}")
            yield data
            offset += len(data)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._process = None
