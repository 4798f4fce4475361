"""Which kind of image a file is, decided from its content (and, for split raw, its siblings)."""

import glob
from dataclasses import dataclass, field
from pathlib import Path

from forensics.base.errors import ImageReadError, MissingSegment, UnsupportedImage
from forensics.containers.segments import split_raw_segments

RAW = "raw"
SPLIT_RAW = "split-raw"
EWF = "ewf"
ANDROID_SPARSE = "android-sparse"

_EWF1 = b"EVF\x09\x0d\x0a\xff\x00"
_EWF2 = b"EVF2\x0d\x0a\x81\x00"
_SPARSE = b"\x3a\xff\x26\xed"  # 0xED26FF3A little-endian: forensics/containers/sparse.py

# Containers Haechi recognises but does not read (yet): refuse them with a way forward.
_HEAD_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"LVF\x09\x0d\x0a\xff\x00", "an EnCase logical evidence file (L01)"),
    (b"LEF2\x0d\x0a\x81\x00", "an EnCase logical evidence file (Lx01)"),
    (b"QFI\xfb", "a QEMU QCOW image; convert it with 'qemu-img convert -O raw'"),
    (b"KDMV", "a VMware VMDK sparse extent; convert it with 'qemu-img convert -O raw'"),
    (b"# Disk DescriptorFile", "a VMware VMDK descriptor; convert it with 'qemu-img convert -O raw'"),
    (b"vhdxfile", "a Hyper-V VHDX image; convert it with 'qemu-img convert -O raw'"),
    (b"conectix", "a dynamic VHD image; convert it with 'qemu-img convert -O raw'"),
    (b"AFF10\r\n", "an AFF image; convert it with 'affconvert -r'"),
)
_TAIL_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"koly", "an Apple disk image (DMG); convert it with 'qemu-img convert -O raw'"),
)


@dataclass(frozen=True)
class ImageSpec:
    """An image as found on disk: its format and every segment, in order."""

    format: str
    segments: tuple[Path, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def first(self) -> Path:
        return self.segments[0]


def _read_ends(path: Path) -> tuple[bytes, bytes, int]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(512)
            handle.seek(max(0, size - 512))
            tail = handle.read(512)
    except OSError as error:
        raise ImageReadError(f"{path}: cannot be read ({error.strerror or error})") from error
    return head, tail, size


def _refuse_known_container(path: Path, head: bytes, tail: bytes) -> None:
    for signature, what in _HEAD_SIGNATURES:
        if head.startswith(signature):
            raise UnsupportedImage(f"{path.name} is {what}; Haechi does not read this format")
    for signature, what in _TAIL_SIGNATURES:
        if tail.startswith(signature):
            raise UnsupportedImage(f"{path.name} is {what}; Haechi does not read this format")


def _ewf_segments(path: Path) -> tuple[Path, ...]:
    import pyewf  # local: only EWF needs libewf

    try:
        names = pyewf.glob(str(path))
    except (OSError, RuntimeError, ValueError) as error:
        raise MissingSegment(f"{path.name}: cannot collect its EWF segments ({error})") from error
    found = tuple(Path(name) for name in names)
    _refuse_ewf_gap(found)
    return found


def _refuse_ewf_gap(found: tuple[Path, ...]) -> None:
    """libewf's glob stops at the first missing segment: a later one on disk means a gap."""
    last = found[-1]
    later = sorted(
        p
        for p in last.parent.glob(f"{glob.escape(last.stem)}.[Ee][0-9][0-9]")
        if p.suffix[1:] > last.suffix[1:]
    )
    if later:
        missing = f"{last.stem}{last.suffix[:2]}{int(last.suffix[2:]) + 1:02d}"
        raise MissingSegment(f"{found[0].name}: EWF segment {missing} is missing, yet {later[0].name} exists")


def detect_image(path: Path) -> ImageSpec:
    """Look at `path` and say how to open it, or raise an EvidenceError with a one-line reason."""
    if not path.exists():
        raise ImageReadError(f"{path}: no such file")
    if not path.is_file():
        raise UnsupportedImage(f"{path}: not a regular file")
    head, tail, size = _read_ends(path)
    if size == 0:
        raise UnsupportedImage(f"{path.name} is empty (0 bytes)")
    if head.startswith(_EWF1) or head.startswith(_EWF2):
        return ImageSpec(EWF, _ewf_segments(path))
    if head.startswith(_SPARSE):
        return ImageSpec(ANDROID_SPARSE, (path,))
    _refuse_known_container(path, head, tail)
    segments = split_raw_segments(path)
    if segments:
        return ImageSpec(SPLIT_RAW, tuple(segments))
    return ImageSpec(RAW, (path,))
