"""Evidence images with known files (JPEG, PNG, PDF, MP4, ZIP) left in unallocated space, built by real
tools: ffmpeg and reportlab make the files, mke2fs + debugfs kill_file and mkfs.vfat + mcopy + mdel
plant them. Each image's folder keeps the planted files (planted/) so tests know their MD5s."""

import io
import shutil
import zipfile
from pathlib import Path

import imaging
from reportlab.pdfgen import canvas

PLANTED = ("photo.jpg", "icon.png", "letter.pdf", "clip.mp4", "bundle.zip")


def _make_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    quiet = ("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi")
    imaging.sh(*quiet, "-i", "testsrc=size=320x240", "-frames:v", "1", folder / "photo.jpg")
    imaging.sh(*quiet, "-i", "testsrc=size=96x64", "-frames:v", "1", folder / "icon.png")
    imaging.sh(
        *quiet,
        "-i",
        "testsrc=duration=1:size=160x120:rate=10",
        "-pix_fmt",
        "yuv420p",
        "-c:v",
        "mpeg4",
        folder / "clip.mp4",
    )
    pdf = canvas.Canvas(str(folder / "letter.pdf"), invariant=1)
    pdf.drawString(100, 700, "Haechi carving test letter")
    pdf.save()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(zipfile.ZipInfo("notes.txt", (2024, 1, 2, 3, 4, 6)), "carved from free space\n" * 300)
        out.writestr(zipfile.ZipInfo("noise.bin", (2024, 1, 2, 3, 4, 6)), imaging.noise(7, 3000))
    (folder / "bundle.zip").write_bytes(archive.getvalue())


def planted(image: Path) -> dict[str, bytes]:
    """The files planted in `image`'s unallocated space, by name."""
    return {name: (image.parent / "planted" / name).read_bytes() for name in PLANTED}


def ext4_planted() -> Path:
    """An 8 MiB ext4 (1 KiB blocks): the planted files written by mke2fs -d, then killed by debugfs
    (inode and blocks deallocated, content left in place) beside one file that stays."""

    def build(work: Path) -> Path:
        _make_files(work / "planted")
        tree = work / "tree"
        shutil.copytree(work / "planted", tree)
        (tree / "kept.txt").write_bytes(b"this file stays allocated\n")
        image = work / "carve-ext4.img"
        imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", tree, image, "8M")
        for name in PLANTED:
            imaging.sh("debugfs", "-w", "-R", f"kill_file /{name}", image)
            imaging.sh("debugfs", "-w", "-R", f"unlink /{name}", image)
        shutil.rmtree(tree)
        return image

    return imaging.cached("carve-ext4", list(PLANTED), build)


def fat_planted() -> Path:
    """A 16 MiB FAT16: the planted files copied in by mcopy and deleted by mdel."""

    def build(work: Path) -> Path:
        _make_files(work / "planted")
        image = work / "carve-fat16.img"
        image.write_bytes(b"")
        with image.open("r+b") as out:
            out.truncate(16 * imaging.MIB)
        imaging.sh("mkfs.vfat", "-F", "16", "-s", "1", "-n", "CARVE", "-i", "c0ffee01", image)
        imaging.sh("mcopy", "-i", image, *(work / "planted" / name for name in PLANTED), "::/")
        for name in PLANTED:
            imaging.sh("mdel", "-i", image, f"::/{name}")
        return image

    return imaging.cached("carve-fat16", list(PLANTED), build)
