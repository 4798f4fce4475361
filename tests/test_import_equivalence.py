"""The fast import path catalogues exactly what the plain one does, and the hashes are the files'.

The pool path (ContentPool: reads on the walking thread, hashing and libmagic on pool threads,
large files hashed chunk-wise with MD5 beside SHA-1 + SHA-256) is checked against hashlib over the
original files, and record for record against the single-threaded read_content path.
"""

import hashlib
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import add_evidence, file_list
from imaging import cached, digests, e01, ext4, fat, ntfs, sh

from forensics.base import content
from forensics.base.content import ContentPool
from forensics.base.filetype import TypeSniffer
from forensics.base.hashing import SplitHasher, TripleHasher
from forensics.base.records import FileRecord, VolumeRecord
from forensics.base.timefmt import tsk_time_to_iso
from forensics.containers.detect import detect_image
from forensics.containers.media_hash import hash_blocks
from forensics.containers.opening import open_image
from forensics.filesystems import tsk_walker as walker
from forensics.filesystems.registry import open_file_system
from forensics.filesystems.tsk_walker import FileSystemWalker, WalkOptions
from forensics.scan import hash_media

# More small files than the walker keeps pending, and files on both sides of the streaming size.
_BIG = content.SMALL_FILE + 2 * content.STREAM_CHUNK + 12_345


def _tree() -> dict[str, bytes]:
    noise = random.Random(6)
    tree = {f"small/f{i:03d}.txt": f"line {i}\n".encode() * (i % 37) for i in range(walker.MAX_PENDING + 40)}
    tree |= {f"bin/b{i:02d}.ts": noise.randbytes(noise.randint(1, 300_000)) for i in range(30)}
    tree["big/movie.mp4"] = b"\x00\x00\x00\x18ftypmp42" + noise.randbytes(_BIG)
    tree["big/edge.bin"] = noise.randbytes(content.SMALL_FILE)
    tree["big/edge_plus_one.bin"] = noise.randbytes(content.SMALL_FILE + 1)
    tree |= {f"copies/c{i}.m3u": b"#EXTM3U\n#EXTINF:-1,KBS1\nhttp://iptv.example/1.ts\n" for i in range(3)}
    tree["gone.txt"] = b"deleted before seizure\n" * 100
    return tree


def _ext4_with_big_files() -> tuple[Path, dict[str, bytes]]:
    tree = _tree()

    def build(work: Path) -> Path:
        for relative, data in tree.items():
            (work / "tree" / relative).parent.mkdir(parents=True, exist_ok=True)
            (work / "tree" / relative).write_bytes(data)
        image = work / "equivalence.img"
        sh("mke2fs", "-q", "-F", "-t", "ext4", "-d", work / "tree", image, "40M")
        sh("debugfs", "-w", "-R", "rm /gone.txt", image)
        return image

    present = {path: data for path, data in tree.items() if path != "gone.txt"}
    recipe = {path: hashlib.sha256(data).hexdigest() for path, data in tree.items()}
    return cached("equivalence-ext4", recipe, build), present


def test_split_hasher_equals_triple_hasher() -> None:
    data = random.Random(1).randbytes(3 * content.STREAM_CHUNK + 777)
    plain = TripleHasher()
    with ThreadPoolExecutor(2) as pool:
        split = SplitHasher(pool)
        for start in range(0, len(data), 1_000_003):
            plain.update(data[start : start + 1_000_003])
            split.update(data[start : start + 1_000_003])
        split_digests = split.digests()
    assert split_digests == plain.digests()
    assert split_digests.as_dict() == {
        "md5": hashlib.md5(data).hexdigest(),
        "sha1": hashlib.sha1(data).hexdigest(),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert split.length == len(data)


def test_import_hashes_are_those_of_the_original_files(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image, tree = _ext4_with_big_files()
    summary = add_evidence(capsys, new_case, image)
    whole = image.read_bytes()
    assert (summary["md5"], summary["sha1"], summary["sha256"]) == digests(whole)
    records = {r["path"].lstrip("/"): r for r in file_list(capsys, new_case) if r["allocated"]}
    for relative, data in tree.items():
        record = records[relative]
        assert (record["md5"], record["sha1"], record["sha256"]) == digests(data), relative
        assert record["size"] == len(data)
    assert records["big/movie.mp4"]["mime"] == "video/mp4"
    assert records["small/f001.txt"]["mime"] == "text/plain"


def _volume(fs: Any, fs_type: str) -> VolumeRecord:
    return VolumeRecord(0, 0, 0, "whole image", "none", "-", "whole", fs_type)


def _walk(image: Path, fs_type: str, pool: ContentPool | None) -> list[FileRecord]:
    opened, _ = open_image(detect_image(image))
    fs, reason = open_file_system(opened, 0)
    assert fs is not None, reason
    options = WalkOptions(fat_orphans=True)
    found = FileSystemWalker(
        fs, _volume(fs, fs_type), options, TypeSniffer(), lambda _: None, lambda: False, pool
    )
    return [entry for entry in found.entries() if isinstance(entry, FileRecord)]


@pytest.mark.parametrize(
    ("build", "fs_type"),
    [
        (lambda: _ext4_with_big_files()[0], "ext4"),
        (ext4, "ext4"),
        (lambda: fat(16), "fat16"),
        (ntfs, "ntfs"),
    ],
    ids=["ext4-big", "ext4-deleted", "fat16", "ntfs-streams"],
)
def test_pool_path_catalogues_what_the_plain_path_does(build: Any, fs_type: str) -> None:
    image = build()
    plain = _walk(image, fs_type, None)
    with ContentPool(workers=3) as pool:
        pooled = _walk(image, fs_type, pool)
    assert [r.content for r in plain].count("read") > 3
    assert pooled == plain


def test_media_hash_with_read_ahead_equals_hashlib() -> None:
    raw, _ = _ext4_with_big_files()
    data = raw.read_bytes()
    for image in (raw, e01(raw)):
        found = hash_media(detect_image(image), lambda _: None, lambda: False)
        assert found is not None and (found.md5, found.sha1, found.sha256) == digests(data), image.name
    handles = [open_image(detect_image(raw))[0] for _ in range(3)]
    odd = len(data) - 12_345  # not a whole number of blocks, spread over three handles
    found = hash_blocks(handles, odd, lambda _: None, lambda: False)
    assert found is not None and (found.md5, found.sha1, found.sha256) == digests(data[:odd])


def _iso_reference(seconds: int, nanos: int) -> str | None:
    try:
        text = datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    except (OverflowError, OSError, ValueError):
        return None
    return text + (f".{nanos:09d}".rstrip("0") if nanos else "") + "Z"


def test_cached_time_text_equals_plain_formatting() -> None:
    pick = random.Random(6)
    seconds = [pick.randint(1, 2**35) for _ in range(3000)] + [1, 1_700_000_000, 253_402_300_799]
    for second in seconds + seconds[:100]:  # the second pass is served from the cache
        nanos = pick.choice((0, 1, 500_000_000, 123_456_789))
        assert tsk_time_to_iso(second, nanos) == _iso_reference(second, nanos), second
    assert tsk_time_to_iso(0) is None and tsk_time_to_iso(-5) is None and tsk_time_to_iso(None) is None
