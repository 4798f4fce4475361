"""The catalogue walk alone (TSK, hashes, libmagic; no database) with and without pool batches.

Usage: PYTHONPATH=. walk_batches.py IMAGE [ENTRIES] [ROUNDS]: walks the first file system of IMAGE
through FileSystemWalker and ContentPool, up to ENTRIES records (all by default), with
BATCH_FILES = 1 and = 16 in turn, ROUNDS times (3 by default). Prints wall, CPU (this process's
threads) and records per second of each walk, with the 1-minute load average before it.
"""

import os
import sys
import time
from pathlib import Path

from forensics.base import content
from forensics.base.content import ContentPool
from forensics.base.filetype import TypeSniffer
from forensics.base.records import FileRecord, VolumeRecord
from forensics.containers.detect import detect_image
from forensics.containers.opening import open_image
from forensics.filesystems.registry import open_file_system
from forensics.filesystems.tsk_walker import FileSystemWalker, WalkOptions


def _walk(image: Path, limit: int | None) -> int:
    opened, _ = open_image(detect_image(image))
    fs, reason = open_file_system(opened, 0)
    assert fs is not None, reason
    volume = VolumeRecord(0, 0, 0, "whole image", "none", "-", "whole", "ext4")
    records = 0
    with ContentPool() as pool:
        found = FileSystemWalker(
            fs, volume, WalkOptions(), TypeSniffer(), lambda _: None, lambda: False, pool
        )
        for entry in found.entries():
            records += isinstance(entry, FileRecord)
            if limit is not None and records >= limit:
                break
    return records


def main() -> None:
    image = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 and int(sys.argv[2]) > 0 else None
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    for _ in range(rounds):
        for batch in (1, 16):
            content.BATCH_FILES = batch
            load = os.getloadavg()[0]
            cpu, wall = time.process_time(), time.perf_counter()
            records = _walk(image, limit)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(
                f"BATCH_FILES={batch:2d}: {records} records, wall {wall:6.2f} s, CPU {cpu:6.2f} s, "
                f"{records / wall:7.0f} records/s, load {load:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
