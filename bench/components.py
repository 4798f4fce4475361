"""CPU cost of each part of an import, measured one at a time on one thread (process CPU time).

Usage: components.py bench/out/vod-1.json. Their sum over the cores is a floor for the import's
wall time on an otherwise idle machine; the parts name what bounds it. Prints one JSON object.
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from forensics.base.content import TYPE_HEAD
from forensics.base.filetype import TypeSniffer
from forensics.containers.detect import detect_image
from forensics.containers.opening import open_image
from forensics.filesystems.tsk_walker import FileSystemWalker, WalkOptions
from forensics.scan import ScanPlan, _precount, _with_file_systems


def _cpu(work: Any) -> float:
    start = time.process_time()
    work()
    return round(time.process_time() - start, 2)


def _tree_files(tree: Path) -> list[Path]:
    return [Path(folder) / name for folder, _, names in sorted(os.walk(tree)) for name in sorted(names)]


def _hash_file(path: Path, chunk: int = 8 << 20) -> None:
    hashers = (hashlib.md5(), hashlib.sha1(), hashlib.sha256())
    with path.open("rb") as source:
        while data := source.read(chunk):
            for hasher in hashers:
                hasher.update(data)


def _types(paths: list[Path]) -> None:
    sniffer = TypeSniffer()
    for path in paths:
        with path.open("rb") as source:
            sniffer.identify(source.read(TYPE_HEAD))


def _walk_and_read(image_path: Path) -> None:
    """The walk with content read through TSK but neither hashed nor typed."""
    image, facts = open_image(detect_image(image_path))
    for volume, fs in _with_file_systems(image, facts.size):
        if fs is None:
            continue
        walker = FileSystemWalker(fs, volume, WalkOptions(read_content=False), TypeSniffer(), len, bool)
        for entry in walker.entries():
            if getattr(entry, "meta_type", "") == "r" and entry.inode is not None and entry.size:
                tsk_file = fs.open_meta(inode=entry.inode)
                offset = 0
                while offset < entry.size:
                    data = tsk_file.read_random(offset, min(4 << 20, entry.size - offset))
                    if not data:
                        break
                    offset += len(data)


def main() -> None:
    manifest_path = Path(sys.argv[1])
    manifest = json.loads(manifest_path.read_text())
    image = manifest_path.parent / manifest["image"]
    files = _tree_files(manifest_path.parent / manifest["tree"])
    opened, facts = open_image(detect_image(image))
    volumes = _with_file_systems(opened, facts.size)
    result = {
        "hash_image": _cpu(lambda: _hash_file(image)),
        "hash_files": _cpu(lambda: [_hash_file(path) for path in files]),
        "libmagic_files": _cpu(lambda: _types(files)),
        "precount_walk": _cpu(lambda: _precount(volumes, ScanPlan(), TypeSniffer())),
        "walk_and_tsk_read": _cpu(lambda: _walk_and_read(image)),
        "load": round(os.getloadavg()[0], 2),
    }
    print(json.dumps({"image": image.name, "files": len(files), **result}))


if __name__ == "__main__":
    main()
