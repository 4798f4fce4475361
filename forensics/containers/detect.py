"""Which kind of image a file is, decided from its content (and, for split raw, its siblings)."""

from pathlib import Path

from forensics.base.errors import ImageReadError, UnsupportedImage
from forensics.containers.image import ImageSpec
from forensics.containers.noatime import open_binary
from forensics.containers.registry import CONTAINERS


def _read_ends(path: Path) -> tuple[bytes, bytes, int]:
    try:
        size = path.stat().st_size
        with open_binary(path) as handle:
            head = handle.read(512)
            handle.seek(max(0, size - 512))
            tail = handle.read(512)
    except OSError as error:
        raise ImageReadError(f"{path}: cannot be read ({error.strerror or error})") from error
    return head, tail, size


def detect_image(path: Path) -> ImageSpec:
    """Look at `path` and say how to open it, or raise an EvidenceError with a one-line reason."""
    if not path.exists():
        raise ImageReadError(f"{path}: no such file")
    if not path.is_file():
        raise UnsupportedImage(f"{path}: not a regular file")
    head, tail, size = _read_ends(path)
    if size == 0:
        raise UnsupportedImage(f"{path.name} is empty (0 bytes)")
    for container in CONTAINERS:
        segments = container.segments(path, head, tail)
        if segments is not None:
            return ImageSpec(container.format, segments)
    raise UnsupportedImage(f"{path.name}: no container format claims it")  # RawContainer claims all
