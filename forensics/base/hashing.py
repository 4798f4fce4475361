"""MD5, SHA-1 and SHA-256 from one pass over the bytes.

hashlib releases the GIL while it hashes a buffer of 2 KiB or more, so threads hash in parallel:
SplitHasher runs MD5 (the slowest, ~0.6 GB/s) beside SHA-1 + SHA-256 (~0.7 GB/s together).
"""

import hashlib
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Digests:
    md5: str
    sha1: str
    sha256: str

    def as_dict(self) -> dict[str, str]:
        return {"md5": self.md5, "sha1": self.sha1, "sha256": self.sha256}


class TripleHasher:
    """Feeds every chunk to the three algorithms courts and tools expect."""

    def __init__(self) -> None:
        self._md5 = hashlib.md5(usedforsecurity=False)
        self._sha1 = hashlib.sha1(usedforsecurity=False)
        self._sha256 = hashlib.sha256()
        self.length = 0

    def update(self, chunk: bytes) -> None:
        self._md5.update(chunk)
        self._sha1.update(chunk)
        self._sha256.update(chunk)
        self.length += len(chunk)

    def digests(self) -> Digests:
        return Digests(self._md5.hexdigest(), self._sha1.hexdigest(), self._sha256.hexdigest())


def digests_of(chunks: Iterable[bytes]) -> Digests:
    hasher = TripleHasher()
    for chunk in chunks:
        hasher.update(chunk)
    return hasher.digests()


def _update_all(hashers: tuple[Any, ...], chunk: bytes) -> None:
    for hasher in hashers:
        hasher.update(chunk)


class SplitHasher:
    """The same three digests, MD5 on one pool thread and SHA-1 + SHA-256 on another.

    One chunk is hashed while the caller reads the next: at most two chunks are held.
    """

    def __init__(self, pool: Executor) -> None:
        self._pool = pool
        self._md5 = (hashlib.md5(usedforsecurity=False),)
        self._shas = (hashlib.sha1(usedforsecurity=False), hashlib.sha256())
        self._pending: list[Future[None]] = []
        self.length = 0

    def update(self, chunk: bytes) -> None:
        self._wait()
        self._pending = [
            self._pool.submit(_update_all, self._md5, chunk),
            self._pool.submit(_update_all, self._shas, chunk),
        ]
        self.length += len(chunk)

    def _wait(self) -> None:
        for future in self._pending:
            future.result()
        self._pending = []

    def digests(self) -> Digests:
        self._wait()
        return Digests(self._md5[0].hexdigest(), self._shas[0].hexdigest(), self._shas[1].hexdigest())
