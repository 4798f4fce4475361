"""Reading one file's (or stream's) content once: three hashes and the type, bounded memory.

read_content does it all on the calling thread. ContentPool splits the work: the calling thread
reads (TSK is driven from one thread only) and pool threads hash and run libmagic, which both
release the GIL, so the walk, the hashes and the typing of many files overlap on every core.
Small files go to the pool BATCH_FILES at a time: a task costs ~8 us, a file in a batch ~0.9 us.
"""

import hashlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from forensics.base.filetype import TYPE_HEAD, TypeSniffer
from forensics.base.hashing import Digests, SplitHasher, TripleHasher, digests_of

CHUNK = 1 << 20
STREAM_CHUNK = 4 << 20  # large files are hashed chunk by chunk while the next chunk is read
SMALL_FILE = 4 << 20  # up to this size a file is read whole and handed to one pool thread
TYPE_CACHE = 4096  # libmagic verdicts kept by digest of the head: copies of a file are typed once
BATCH_FILES = 16  # small files handed to the pool in one task
BATCH_FILE = 256 << 10  # a larger file is a task of its own: its hashing dwarfs a task's cost
BATCH_BYTES = 1 << 20  # a batch goes at BATCH_FILES files or this many bytes, whichever comes first


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


@dataclass(frozen=True)
class _Source:
    """What to read: `size` bytes of a file (of attribute `attr` = (type, id) when given)."""

    tsk_file: Any
    size: int
    attr: tuple[int, int] | None
    on_bytes: Callable[[int], None]
    cancelled: Callable[[], bool]

    def read(self, chunk_size: int, consume: Callable[[bytes], None] | None) -> _Read:
        return _read_chunks(
            self.tsk_file, self.size, self.attr, chunk_size, consume, self.on_bytes, self.cancelled
        )

    def result(self, read: _Read, digests: Digests | None, verdict: tuple[str, str]) -> "ContentResult":
        return ContentResult(digests, *verdict, read.offset, read.offset >= self.size, read.error)


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
    source, hasher = _Source(tsk_file, size, attr, on_bytes, cancelled), TripleHasher()
    read = source.read(CHUNK, hasher.update)
    return source.result(read, hasher.digests(), sniffer.identify(read.head))


class _Batched(Future[ContentResult]):
    """One file's result, computed in a batch; asking for it hands a batch still held to the pool."""

    def __init__(self, pool: "ContentPool") -> None:
        super().__init__()
        self.handed_over = False
        self._pool = pool

    def result(self, timeout: float | None = None) -> ContentResult:
        if not self.handed_over:
            self._pool.flush()
        return super().result(timeout)


_Job = tuple[_Source, _Read, _Batched]


class ContentPool:
    """Worker threads that hash and type file contents read by the owner's thread.

    submit, flush and the futures' result() are called from the owner's thread only.
    """

    def __init__(self, workers: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers or max(2, os.cpu_count() or 2))
        self._local = threading.local()
        self._owner = TypeSniffer()  # for the owner thread's own typing of large files
        self._types: dict[bytes, tuple[str, str]] = {}
        self._batch: list[_Job] = []
        self._batch_bytes = 0

    def __enter__(self) -> "ContentPool":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        _cancel_all(self._batch)  # never handed over: nobody waits for them
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
        source = _Source(tsk_file, size, attr, on_bytes, cancelled)
        if size <= BATCH_FILE:
            return self._batched(source)
        self.flush()  # the pool threads work on the small files while this one is read
        if size > SMALL_FILE:
            return self._streamed(source)
        return self._pool.submit(self._digest_and_type, source, source.read(CHUNK, None))

    def _batched(self, source: _Source) -> _Batched:
        future = _Batched(self)
        self._batch.append((source, source.read(CHUNK, None), future))
        self._batch_bytes += source.size
        if len(self._batch) >= BATCH_FILES or self._batch_bytes >= BATCH_BYTES:
            self.flush()
        return future

    def flush(self) -> None:
        """Hand the small files read so far to the pool."""
        if not self._batch:
            return
        batch, self._batch, self._batch_bytes = self._batch, [], 0
        for _, _, future in batch:
            future.handed_over = True
        task = self._pool.submit(self._digest_batch, batch)
        task.add_done_callback(lambda done: _cancel_all(batch) if done.cancelled() else None)

    def _digest_batch(self, batch: list[_Job]) -> None:
        for source, read, future in batch:
            try:
                future.set_result(self._digest_and_type(source, read))
            except Exception as error:  # noqa: BLE001 - the walker meets it where it asks for this file
                future.set_exception(error)

    def _digest_and_type(self, source: _Source, read: _Read) -> ContentResult:
        verdict = self._type_of(read.head, self._sniffer())
        return source.result(read, digests_of(read.chunks), verdict)

    def _streamed(self, source: _Source) -> "Future[ContentResult]":
        hasher = SplitHasher(self._pool)
        read = source.read(STREAM_CHUNK, hasher.update)
        done: Future[ContentResult] = Future()
        done.set_result(source.result(read, hasher.digests(), self._type_of(read.head, self._owner)))
        return done


def _cancel_all(batch: list[_Job]) -> None:
    """The pool shut down before the batch ran: its files' futures say so (CancelledError)."""
    for _, _, future in batch:
        future.cancel()
