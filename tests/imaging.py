"""Small evidence images built at test time by real tools from a known tree, cached by content.

Every builder returns the path of an image under tests/.cache/ whose name carries a hash of what
went into it (builder, parameters, tree, this module's recipe version), so a second run reuses it.
Cached images are shared: a test that must change an image copies it to its tmp_path first.
"""

import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RECIPE_VERSION = 4
CACHE = Path(__file__).parent / ".cache"
SECTOR = 512
MIB = 1 << 20


def noise(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


# The known tree: path -> content. Deleted entries are in the tree when the image is made.
TREE: dict[str, bytes] = {
    "readme.txt": b"Haechi test evidence - do not distribute\n",
    "playlist.m3u": b'#EXTM3U\n#EXTINF:-1 tvg-id="kbs1" group-title="KR",KBS1\nhttp://iptv.example/1.ts\n',
    "empty.dat": b"",
    "fake.jpg": b"this is plain text, not a JPEG picture\n" * 4,
    "media/clip.bin": noise(1, 70_000),
    "media/channels/list.txt": b"KBS1\nMBC\nSBS\n" * 100,
    "deep/a/b/c/note.txt": b"four levels down\n",
    "한글/고객.txt": "고객 명단\n".encode(),
    "deleted/gone.txt": b"this file is deleted from the image before it becomes evidence\n" * 8,
    "media/old.bin": noise(2, 9_000),
}
DELETED = ("deleted/gone.txt", "media/old.bin")
# NTFS gets only top-level files (ntfscp cannot make folders) plus one alternate data stream.
NTFS_FILES = ("readme.txt", "playlist.m3u", "empty.dat", "fake.jpg")
NTFS_STREAM = ("readme.txt", "Zone.Identifier", b"[ZoneTransfer]\r\nZoneId=3\r\n")


def digests(data: bytes) -> tuple[str, str, str]:
    return hashlib.md5(data).hexdigest(), hashlib.sha1(data).hexdigest(), hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sh(*command: str | Path, stdin: bytes | None = None) -> str:
    """Run a tool; fail loudly with its stderr."""
    env = {**os.environ, "PATH": os.environ.get("PATH", "") + ":/usr/sbin:/sbin", "MTOOLS_SKIP_CHECK": "1"}
    done = subprocess.run(
        [str(part) for part in command], input=stdin, capture_output=True, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return done.stdout.decode(errors="replace")


def write_tree(dest: Path, tree: dict[str, bytes] = TREE) -> None:
    for relative, content in tree.items():
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        os.utime(target, (1_700_000_000, 1_700_000_000 + len(relative)))


def _key(name: str, params: object) -> str:
    blob = json.dumps(
        [RECIPE_VERSION, name, params, {k: hashlib.sha256(v).hexdigest() for k, v in TREE.items()}],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def cached(name: str, params: object, build: Callable[[Path], Path]) -> Path:
    """The file `build(folder)` makes, built once into tests/.cache/NAME-KEY/ and reused after."""
    folder = CACHE / f"{name}-{_key(name, params)}"
    marker = folder / ".built"
    if marker.is_file():
        return folder / marker.read_text()
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=CACHE))
    try:
        made = build(work)
        (work / ".built").write_text(made.name)
        try:
            work.rename(folder)
        except OSError:  # another process built it at the same time
            if not marker.is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder / marker.read_text()


def present(tree: dict[str, bytes] = TREE, deleted: tuple[str, ...] = DELETED) -> dict[str, bytes]:
    return {path: data for path, data in tree.items() if path not in deleted}


# --- file systems -------------------------------------------------------------------------------
def ext4(deleted: tuple[str, ...] = DELETED, size_kib: int = 4096) -> Path:
    def build(work: Path) -> Path:
        write_tree(work / "tree")
        image = work / "ext4.img"
        sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", work / "tree", image, f"{size_kib}k")
        for path in deleted:
            sh("debugfs", "-w", "-R", f"rm /{path}", image)
        shutil.rmtree(work / "tree")
        return image

    return cached("ext4", [deleted, size_kib], build)


FAT_SIZES_KIB = {12: 2048, 16: 16384, 32: 40960}


def fat(bits: int, deleted: tuple[str, ...] = DELETED) -> Path:
    def build(work: Path) -> Path:
        write_tree(work / "tree")
        image = work / f"fat{bits}.img"
        image.write_bytes(b"")
        os.truncate(image, FAT_SIZES_KIB[bits] * 1024)
        sh("mkfs.vfat", "-F", str(bits), "-s", "1", "-n", f"FAT{bits}", "-i", "1234abcd", image)
        sources = [str(p) for p in sorted((work / "tree").iterdir())]
        sh("mcopy", "-s", "-m", "-i", image, *sources, "::/")
        for path in deleted:
            sh("mdel", "-i", image, f"::/{path}")
        shutil.rmtree(work / "tree")
        return image

    return cached(f"fat{bits}", [deleted], build)


def ntfs() -> Path:
    def build(work: Path) -> Path:
        image = work / "ntfs.img"
        image.write_bytes(b"")
        os.truncate(image, 4 * MIB)
        sh("mkntfs", "-q", "-F", "-Q", "-L", "EVIDENCE", image)
        write_tree(work / "tree", {name: TREE[name] for name in NTFS_FILES})
        for name in NTFS_FILES:
            source = work / "tree" / name
            sh("ntfscp", "-q", "-t", image, source, f"/{name}")
        owner, stream, data = NTFS_STREAM
        (work / "stream").write_bytes(data)
        sh("ntfscp", "-q", "-N", stream, image, work / "stream", f"/{owner}")
        return image

    return cached("ntfs", [NTFS_FILES, NTFS_STREAM], build)


def exfat() -> Path:
    """An EMPTY exFAT volume: no Debian tool writes files into exFAT without mounting it."""

    def build(work: Path) -> Path:
        image = work / "exfat.img"
        image.write_bytes(b"")
        os.truncate(image, 4 * MIB)
        sh("mkfs.exfat", "-b", "4K", "-c", "4K", "-L", "EVIDENCE", image)
        return image

    return cached("exfat", [], build)


def iso9660() -> Path:
    def build(work: Path) -> Path:
        write_tree(work / "tree", present())
        image = work / "disc.iso"
        sh("genisoimage", "-quiet", "-R", "-J", "-V", "HAECHI", "-o", image, work / "tree")
        shutil.rmtree(work / "tree")
        return image

    return cached("iso9660", [], build)


def ufs1() -> Path:
    """UFS1 made by NetBSD's makefs (Debian: makefs); TSK does not detect makefs's UFS2."""

    def build(work: Path) -> Path:
        write_tree(work / "tree")
        image = work / "ufs1.img"
        sh("makefs", "-t", "ffs", "-s", "4m", "-o", "version=1", image, work / "tree")
        shutil.rmtree(work / "tree")
        return image

    return cached("ufs1", [], build)


# --- partitioned disks --------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """A partition: the file-system image to place in it (None: unreadable noise) and its type."""

    image: Path | None
    type_code: str  # sfdisk type: 'c', '83', '5' (extended) for MBR; a GUID or alias for GPT
    size_mib: int = 0  # 0: the image's size rounded up to whole MiB
    logical: bool = False


def _mib_of(part: Part) -> int:
    if part.size_mib:
        return part.size_mib
    assert part.image is not None
    return -(-part.image.stat().st_size // MIB)


def _layout(parts: list[Part], table: str) -> tuple[list[tuple[Part, int]], str, int]:
    """(part, start sector) for each data partition, the sfdisk script, the disk size in MiB."""
    lines, placed = [f"label: {table}", "unit: sectors"], []
    cursor = 1  # MiB
    logicals = [p for p in parts if p.logical]
    for part in (p for p in parts if not p.logical):
        lines.append(f"start={cursor * 2048}, size={_mib_of(part) * 2048}, type={part.type_code}")
        placed.append((part, cursor * 2048))
        cursor += _mib_of(part)
    if logicals:
        extended = sum(_mib_of(p) + 1 for p in logicals)
        lines.append(f"start={cursor * 2048}, size={extended * 2048}, type=5")
        for part in logicals:
            cursor += 1  # room for the extended boot record
            lines.append(f"start={cursor * 2048}, size={_mib_of(part) * 2048}, type={part.type_code}")
            placed.append((part, cursor * 2048))
            cursor += _mib_of(part)
    return placed, "\n".join(lines) + "\n", cursor + 1


def disk(parts: list[Part], table: str) -> Path:
    """An MBR ('dos') or GPT ('gpt') disk with the given partitions, made by sfdisk then dd."""

    def build(work: Path) -> Path:
        placed, script, total_mib = _layout(parts, table)
        image = work / f"{table}-disk.img"
        image.write_bytes(b"")
        os.truncate(image, total_mib * MIB)
        sh("sfdisk", "-q", "--no-reread", "--no-tell-kernel", image, stdin=script.encode())
        with image.open("r+b") as out:
            for index, (part, start) in enumerate(placed):
                out.seek(start * SECTOR)
                if part.image is None:
                    out.write(noise(100 + index, _mib_of(part) * MIB))
                else:
                    with part.image.open("rb") as source:
                        shutil.copyfileobj(source, out)
        return image

    params = [(str(p.image), p.type_code, p.size_mib, p.logical) for p in parts]
    return cached(f"{table}-disk", [table, params], build)


def partition_starts(parts: list[Part], table: str) -> list[int]:
    """Byte offsets of the data partitions, in the order `parts` lists them (primaries first)."""
    return [start * SECTOR for _, start in _layout(parts, table)[0]]


def mbr_parts() -> list[Part]:
    """FAT16 and ext4 primaries; an extended partition holding noise and a FAT12 (logicals)."""
    return [
        Part(fat(16), "6"),
        Part(ext4(), "83"),
        Part(None, "83", size_mib=1, logical=True),
        Part(fat(12), "1", logical=True),
    ]


def gpt_parts() -> list[Part]:
    return [Part(fat(32), "EBD0A0A2-B9E5-4433-87C0-68B9B4C7DFFB"), Part(ext4(), "L"), Part(ntfs(), "L")]


# --- containers ---------------------------------------------------------------------------------
E01_HEADERS = {
    "case_number": "2026-COPY-0042",
    "evidence_number": "EV-7",
    "examiner_name": "Kim",
    "notes": "seized IPTV box",
    "description": "test image",
}


def e01(raw: Path, segment_bytes: int | None = None) -> Path:
    """An E01 (several segments when segment_bytes is small) of `raw`; returns the .E01 file."""

    def build(work: Path) -> Path:
        command: list[str | Path] = ["ewfacquire", "-u", "-q", "-t", work / "evidence", "-d", "sha1"]
        command += ["-C", E01_HEADERS["case_number"], "-E", E01_HEADERS["evidence_number"]]
        command += ["-e", E01_HEADERS["examiner_name"], "-N", E01_HEADERS["notes"]]
        command += ["-D", E01_HEADERS["description"]]
        if segment_bytes:  # uncompressed, so that a small image still spans several segments
            command += ["-c", "deflate:none", "-S", str(segment_bytes)]
        else:
            command += ["-c", "deflate:fast"]
        sh(*command, raw)
        return work / "evidence.E01"

    return cached("e01", [sha256_file(raw), segment_bytes], build)


def split_raw(raw: Path, chunk_bytes: int, alphabetic: bool = False) -> Path:
    """`raw` cut by split(1) into .001/.002... (or .aa/.ab...); returns the first segment."""

    def build(work: Path) -> Path:
        prefix = str(work / "evidence.")
        if alphabetic:
            sh("split", "-b", str(chunk_bytes), raw, prefix)
            return work / "evidence.aa"
        sh("split", "-b", str(chunk_bytes), "-d", "-a", "3", "--numeric-suffixes=1", raw, prefix)
        return work / "evidence.001"

    return cached("split", [sha256_file(raw), chunk_bytes, alphabetic], build)


def segments_of(first: Path) -> list[Path]:
    """Every file next to `first` with the same stem (segments of one image), sorted."""
    return sorted(p for p in first.parent.iterdir() if p.stem == first.stem and p.name != ".built")


def many_files_ext4(count: int = 2000, size: int = 8192) -> Path:
    """A bigger ext4 (for interrupting an import): many small files of distinct content."""

    def build(work: Path) -> Path:
        tree = work / "tree"
        for index in range(count):
            folder = tree / f"dir{index // 200:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"file{index:05d}.bin").write_bytes(noise(10_000 + index, size))
        image = work / "many.img"
        blocks = (count * (size + 2048)) // 1024 + 8192
        sh(
            "mke2fs",
            "-q",
            "-F",
            "-t",
            "ext4",
            "-b",
            "1024",
            "-N",
            str(count + 64),
            "-d",
            tree,
            image,
            f"{blocks}k",
        )
        shutil.rmtree(tree)
        return image

    return cached("many-ext4", [count, size], build)


# --- deletions made by real drivers -------------------------------------------------------------
# Files and folders deleted by the file system's own driver, as a suspect would: path -> content.
DELETION_TREE: dict[str, bytes] = {
    "keep/kept.txt": b"still here\n" * 30,
    "gone/photo.bin": noise(11, 30_000),
    "gone/sub/notes.txt": b"inside a deleted folder, two levels down\n" * 100,
    "gone/tiny.txt": b"tiny",
    "lost/sub/report.bin": noise(12, 7_000),
    "lost/small.txt": b"lost and overwritten\n",
    "erased.bin": noise(13, 5_000),
    "resident.txt": b"small enough to live in the MFT entry\n",
}
DELETION_STREAM = ("erased.bin", "secret", b"a hidden stream of a deleted file\n" * 20)
NTFS_DELETED = ("gone", "erased.bin", "resident.txt")  # rm -r / rm through ntfs-3g


def ntfs_deleted() -> Path:
    """NTFS written and deleted by the ntfs-3g driver: folders, a deleted folder tree, a deleted file
    with an alternate data stream and a deleted file small enough to be resident in its MFT entry."""

    def build(work: Path) -> Path:
        image = work / "ntfs-deleted.img"
        image.write_bytes(b"")
        os.truncate(image, 8 * MIB)
        sh("mkntfs", "-q", "-F", "-Q", "-L", "DELETED", image)
        mount = work / "mnt"
        mount.mkdir()
        sh("ntfs-3g", image, mount, "-o", "streams_interface=windows")
        try:
            write_tree(mount, {k: v for k, v in DELETION_TREE.items() if not k.startswith("lost/")})
            owner, stream, data = DELETION_STREAM
            (mount / f"{owner}:{stream}").write_bytes(data)
            for name in NTFS_DELETED:
                target = mount / name
                shutil.rmtree(target) if target.is_dir() else target.unlink()
        finally:
            sh("umount", mount)
        return image

    return cached("ntfs-deleted", [DELETION_TREE, DELETION_STREAM, NTFS_DELETED], build)


def fat_deleted(bits: int = 16) -> Path:
    """FAT with folders deleted by mtools: `gone` (mdeltree; its entries still readable) and `lost`
    (mdeltree, then a new file written over its directory cluster: what was inside is orphaned)."""

    def build(work: Path) -> Path:
        tree = {k: v for k, v in DELETION_TREE.items() if k != "resident.txt"}
        write_tree(work / "tree", tree)
        image = work / f"fat{bits}-deleted.img"
        image.write_bytes(b"")
        os.truncate(image, FAT_SIZES_KIB[bits] * 1024)
        sh("mkfs.vfat", "-F", str(bits), "-s", "1", "-n", "DELETED", "-i", "5678abcd", image)
        sources = [work / "tree" / name for name in ("keep", "lost", "gone", "erased.bin")]
        sh("mcopy", "-s", "-m", "-i", image, *sources, "::/")
        sh("mdeltree", "-i", image, "::/lost")
        (work / "over.txt").write_bytes(b"written over the deleted folder's directory cluster\n")
        sh("mcopy", "-m", "-i", image, work / "over.txt", "::/")  # the lowest free cluster: lost's own
        sh("mdeltree", "-i", image, "::/gone")
        sh("mdel", "-i", image, "::/erased.bin")
        shutil.rmtree(work / "tree")
        return image

    return cached(f"fat{bits}-deleted", [DELETION_TREE, "lost/ written over after every copy"], build)


def no_file_system(kind: str, size: int = 3 * MIB) -> Path:
    """Media with no file system: `random` (an encrypted volume or a raw dump), `luks` (a LUKS2 header
    in front of random bytes, as cryptsetup writes it) or `zeros` (a wiped disk)."""

    def build(work: Path) -> Path:
        image = work / f"{kind}.raw"
        if kind == "zeros":
            image.write_bytes(b"")
            os.truncate(image, size)
        else:
            header = b"LUKS\xba\xbe\x00\x02" + b"\x00" * 8 if kind == "luks" else b""
            image.write_bytes(header + noise(15, size - len(header)))
        return image

    return cached(f"nofs-{kind}", [size], build)


def exfat_deleted() -> Path:
    """exFAT written and deleted by exfat-fuse on a loop device (no Debian tool writes exFAT offline):
    a kept folder, a deleted folder tree (rm -r) and a deleted file."""

    def build(work: Path) -> Path:
        image = work / "exfat-deleted.img"
        image.write_bytes(b"")
        os.truncate(image, 8 * MIB)
        sh("mkfs.exfat", "-b", "4K", "-c", "4K", "-L", "DELETED", image)
        mount = work / "mnt"
        mount.mkdir()
        loop = sh("losetup", "-f", "--show", image).strip()
        try:
            sh("mount.exfat-fuse", loop, mount)
            try:
                write_tree(mount, {k: v for k, v in DELETION_TREE.items() if not k.startswith("lost/")})
                shutil.rmtree(mount / "gone")
                (mount / "erased.bin").unlink()
            finally:
                sh("umount", mount)
        finally:
            sh("losetup", "-d", loop)
        return image

    return cached("exfat-deleted", [DELETION_TREE], build)


def ext4_without_root() -> Path:
    """The test ext4 with its root inode cleared (debugfs clri <2>): no name reaches any file."""

    def build(work: Path) -> Path:
        image = work / "ext4-no-root.img"
        shutil.copy(ext4(), image)
        sh("debugfs", "-w", "-R", "clri <2>", image)
        return image

    return cached("ext4-no-root", [], build)


def build_all() -> list[Path]:
    """Every fixture the tests use (the first image of each)."""
    return [
        ext4(),
        *(fat(bits) for bits in (12, 16, 32)),
        ntfs(),
        exfat(),
        iso9660(),
        ufs1(),
        disk(mbr_parts(), "dos"),
        disk(gpt_parts(), "gpt"),
        e01(ext4()),
        e01(ext4(), 1 << 20),
        e01(ext4(), 2 << 20),
        split_raw(ext4(), 1 << 20),
        split_raw(fat(12), 512 << 10, True),
        split_raw(fat(16), 4 << 20),
        many_files_ext4(),
        ntfs_deleted(),
        fat_deleted(),
        exfat_deleted(),
        ext4_without_root(),
    ]


def main() -> None:
    """`make fixtures`: build every fixture and write a SHA-256 manifest of what was made."""
    lines = []
    for first in build_all():
        for path in segments_of(first):
            lines.append(f"{sha256_file(path)}  {path.relative_to(CACHE)}")
    manifest = CACHE / "MANIFEST.sha256"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} fixture files; manifest in {manifest}")


if __name__ == "__main__":
    main()
