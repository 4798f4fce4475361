"""The whole-media hash with read-ahead: reads of later blocks overlap the hashing of earlier ones.

An E01 is decompressed by libewf while it is read (~3 s of CPU per GB with deflate), so for EWF
several handles read alternate blocks on pool threads (pyewf releases the GIL) and the blocks are
hashed strictly in order. Raw images are read by one handle: page-cache reads are cheap.
"""

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from forensics.base.errors import ImageReadError
from forensics.base.hashing import Digests, SplitHasher
from forensics.base.reader import ByteSource

BLOCK = 4 << 20
AHEAD_PER_READER = 2  # blocks in flight per handle; memory is (readers x this + 2) x BLOCK


def _read_block(image: ByteSource, offset: int, length: int) -> bytes:
    data: bytes = image.read(offset, length)
    if not data:
        raise ImageReadError(f"short read at offset {offset}")
    return data


def hash_blocks(
    images: list[ByteSource],
    size: int,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> Digests | None:
    """MD5/SHA-1/SHA-256 of `size` bytes read through `images` (handles on the same media)."""
    with ThreadPoolExecutor(max_workers=len(images) + 2) as pool:
        hasher = SplitHasher(pool)
        ahead: deque[tuple[int, Future[bytes]]] = deque()
        scheduled = block = 0
        offset = 0
        while offset < size:
            while scheduled < size and len(ahead) < AHEAD_PER_READER * len(images):
                length = min(BLOCK, size - scheduled)
                image = images[block % len(images)]
                ahead.append((scheduled, pool.submit(_read_block, image, scheduled, length)))
                scheduled, block = scheduled + length, block + 1
            if cancelled():
                return None
            start, future = ahead.popleft()
            data = future.result()
            hasher.update(data)
            on_bytes(len(data))
            offset = start + len(data)
            if len(data) < min(BLOCK, size - start):  # a short block: read on from where it stopped
                ahead.clear()
                scheduled = offset
        return hasher.digests()
