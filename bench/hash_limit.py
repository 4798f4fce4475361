"""The hashing limit: MD5 + SHA-1 + SHA-256 of the image and of every file of its source tree.

hashlib on all cores (threads; hashlib releases the GIL on large buffers), the same bytes the
import hashes. Usage: hash_limit.py IMAGE TREE [THREADS]. Prints one JSON line.
"""

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHUNK = 8 << 20
BATCH = 64 << 20


def _one(path: Path, algorithm: str) -> int:
    hasher = hashlib.new(algorithm)
    with path.open("rb") as source:
        while data := source.read(CHUNK):
            hasher.update(data)
    return 0


def _files(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        hashers = (hashlib.md5(), hashlib.sha1(), hashlib.sha256())
        with path.open("rb") as source:
            while data := source.read(CHUNK):
                for hasher in hashers:
                    hasher.update(data)
                total += len(data)
    return total


def _batches(tree: Path) -> list[list[Path]]:
    batches: list[list[Path]] = [[]]
    size = 0
    for folder, _, names in sorted(os.walk(tree)):
        for name in sorted(names):
            path = Path(folder) / name
            batches[-1].append(path)
            size += path.stat().st_size
            if size >= BATCH:
                batches.append([])
                size = 0
    return batches


def main() -> None:
    image, tree = Path(sys.argv[1]), Path(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count() or 2
    batches = _batches(tree)
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        jobs = [pool.submit(_one, image, name) for name in ("md5", "sha1", "sha256")]
        jobs += [pool.submit(_files, batch) for batch in batches]
        file_bytes = sum(job.result() for job in jobs)
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "image_bytes": image.stat().st_size, "file_bytes": file_bytes}))


if __name__ == "__main__":
    main()
