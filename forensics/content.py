"""Reading one file's (or stream's) content once: three hashes and the type, bounded memory.

read_content does it all on the calling thread. ContentPool splits the work: the calling thread
reads (TSK is driven from one thread only) and pool threads hash and run libmagic, which both
release the GIL, so the walk, the hashes and the typing of many files overlap on every core.
"""

import hashlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from forensics.filetype import TYPE_HEAD, TypeSniffer
from forensics.hashing import Digests, SplitHasher, TripleHasher, digests_of

CHUNK = 1 << 20
STREAM_CHUNK = 4 << 20  # large files are hashed chunk by chunk while the next chunk is read
SMALL_FILE = 4 << 20  # up to this size a file is read whole and handed to one pool thread
TYPE_CACHE = 4096  # libmagic verdicts kept by digest of the head: copies of a file are typed once


@dataclass(frozen=True)
class ContentResult:
    digests: Digests | None
    mime: str | None
    description: str | None
    bytes_read: int
    complete: bool
    error: str | None


@dataclass
class _Read:
    """What the reading loop got: the bytes (or nothing when only counting), how far, why it stopped."""

    chunks: list[bytes]
    head: bytes
    offset: int
    error: str | None


def _read_chunks(
    tsk_file: Any,
    size: int,
    attr: tuple[int, int] | None,
    chunk_size: int,
    consume: Callable[[bytes], None] | None,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> _Read:
    """Read `size` bytes; each chunk goes to `consume`, or is kept when there is none.

    Short reads and read errors end the read; what was read still counts and the result says so.
    """
    read = _Read([], b"", 0, None)
    while read.offset < size and not cancelled():
        want = min(chunk_size, size - read.offset)
        try:
            if attr is None:
                data = tsk_file.read_random(read.offset, want)
            else:
                data = tsk_file.read_random(read.offset, want, attr[0], attr[1])
        except OSError as failure:
            read.error = f"read failed at offset {read.offset}: {failure}"
            break
        if not data:
            read.error = f"short read at offset {read.offset} of {size}"
            break
        if len(read.head) < TYPE_HEAD:
            read.head += data[: TYPE_HEAD - len(read.head)]
        if consume is None:
            read.chunks.append(data)
        else:
            consume(data)
        read.offset += len(data)
        on_bytes(len(data))
    return read


def read_content(
    tsk_file: Any,
    size: int,
    attr: tuple[int, int] | None,
    sniffer: TypeSniffer,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> ContentResult:
    """Hash `size` bytes of the file (of attribute `attr` = (type, id) when given), on this thread."""
    hasher = TripleHasher()
    read = _read_chunks(tsk_file, size, attr, CHUNK, hasher.update, on_bytes, cancelled)
    mime, description = sniffer.identify(read.head)
    return ContentResult(hasher.digests(), mime, description, read.offset, read.offset >= size, read.error)


class ContentPool:
    """Worker threads that hash and type file contents read by the owner's thread."""

    def __init__(self, workers: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers or max(2, os.cpu_count() or 2))
        self._local = threading.local()
        self._owner = TypeSniffer()  # for the owner thread's own typing of large files
        self._types: dict[bytes, tuple[str, str]] = {}

    def __enter__(self) -> "ContentPool":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _sniffer(self) -> TypeSniffer:
        sniffer: TypeSniffer | None = getattr(self._local, "sniffer", None)
        if sniffer is None:  # libmagic handles are not thread-safe: one per thread
            sniffer = self._local.sniffer = TypeSniffer()
        return sniffer

    def _type_of(self, head: bytes, sniffer: TypeSniffer) -> tuple[str, str]:
        """libmagic's verdict on `head`; the same bytes always get the same verdict."""
        key = hashlib.blake2b(head, digest_size=16).digest()
        verdict = self._types.get(key)
        if verdict is None:
            verdict = sniffer.identify(head)
            if len(self._types) >= TYPE_CACHE:
                self._types.clear()
            self._types[key] = verdict
        return verdict

    def submit(
        self,
        tsk_file: Any,
        size: int,
        attr: tuple[int, int] | None,
        on_bytes: Callable[[int], None],
        cancelled: Callable[[], bool],
    ) -> "Future[ContentResult]":
        """Read the content now; its hashes and type arrive in the returned future."""
        if size > SMALL_FILE:
            return self._streamed(tsk_file, size, attr, on_bytes, cancelled)
        read = _read_chunks(tsk_file, size, attr, CHUNK, None, on_bytes, cancelled)
        return self._pool.submit(self._digest_and_type, read, size)

    def _digest_and_type(self, read: _Read, size: int) -> ContentResult:
        mime, description = self._type_of(read.head, self._sniffer())
        digests = digests_of(read.chunks)
        return ContentResult(digests, mime, description, read.offset, read.offset >= size, read.error)

    def _streamed(
        self,
        tsk_file: Any,
        size: int,
        attr: tuple[int, int] | None,
        on_bytes: Callable[[int], None],
        cancelled: Callable[[], bool],
    ) -> "Future[ContentResult]":
        hasher = SplitHasher(self._pool)
        read = _read_chunks(tsk_file, size, attr, STREAM_CHUNK, hasher.update, on_bytes, cancelled)
        mime, description = self._type_of(read.head, self._owner)
        done: Future[ContentResult] = Future()
        done.set_result(
            ContentResult(hasher.digests(), mime, description, read.offset, read.offset >= size, read.error)
        )
        return done
