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
from chain_of_custody.case_db import CaseDatabase
from forensics.artifacts.keystore import KeyStore, read_key_store
from forensics.base.errors import EvidenceError
from forensics.containers.image import ImageSpec
from forensics.file_access import MAX_READ, EvidenceFiles, FileAddress

_MP = multiprocessing.get_context("spawn")
_TIMEOUT_SECONDS = 60


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
            else:
                conn.send(("ok", files.read(address, offset, length)))
        except EvidenceError as error:
            conn.send(("error", str(error)))


def evidence_spec(db: CaseDatabase, evidence_id: int) -> ImageSpec:
    row = db.conn.execute("SELECT format, segments FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceReadError(f"no evidence {evidence_id} in this case")
    return ImageSpec(row[0], tuple(Path(p) for p in json.loads(row[1])))


def file_address(db: CaseDatabase, file_id: int) -> tuple[int, FileAddress]:
    """(evidence id, address) of a catalogued file."""
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

    def _answer(self) -> Any:
        assert self._conn is not None
        if not self._conn.poll(_TIMEOUT_SECONDS):
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

    def _ask(self, kind: str, address: FileAddress | None, offset: int, length: int) -> Any:
        conn = self._start()
        conn.send((kind, address, offset, length))
        return self._answer()

    def read(self, address: FileAddress, offset: int = 0, length: int = MAX_READ) -> bytes:
        data: bytes = self._ask("read", address, offset, length)
        return data

    def size(self, address: FileAddress) -> int:
        size: int = self._ask("size", address, 0, 0)
        return size

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
