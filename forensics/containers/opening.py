"""Opening an image read-only as a pytsk3 image, whatever its container."""

import bisect
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pytsk3

from forensics.base.errors import ImageReadError
from forensics.containers.detect import ANDROID_SPARSE, EWF, RAW, SPLIT_RAW, ImageSpec

EWF_HEADER_KEYS = (
    "case_number",
    "evidence_number",
    "description",
    "examiner_name",
    "notes",
    "acquiry_date",
    "system_date",
    "acquiry_operating_system",
    "acquiry_software",
    "acquiry_software_version",
    "model",
    "serial_number",
    "device_label",
)


@dataclass(frozen=True)
class ImageFacts:
    """What an opened image says about itself."""

    format: str
    size: int
    segment_sizes: tuple[int, ...]
    acquisition: dict[str, str] = field(default_factory=dict)
    stored_hashes: dict[str, str] = field(default_factory=dict)
    sector_size: int = 512
    damage: tuple[str, ...] = ()  # container damage worked around (missing bytes read as zeros)


class SplitRawImage(pytsk3.Img_Info):
    """Several raw segments seen as one image; each segment opened read-only."""

    def __init__(self, segments: tuple[Path, ...]) -> None:
        self._handles: list[BinaryIO] = [path.open("rb") for path in segments]
        sizes = [path.stat().st_size for path in segments]
        self._starts = [sum(sizes[:i]) for i in range(len(sizes))]
        self._size = sum(sizes)
        self._lock = threading.Lock()
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        chunks: list[bytes] = []
        with self._lock:
            while length > 0 and offset < self._size:
                index = bisect.bisect_right(self._starts, offset) - 1
                handle = self._handles[index]
                handle.seek(offset - self._starts[index])
                chunk = handle.read(length)
                if not chunk:
                    break
                chunks.append(chunk)
                offset += len(chunk)
                length -= len(chunk)
        return b"".join(chunks)

    def get_size(self) -> int:
        return self._size

    def close(self) -> None:
        for handle in self._handles:
            handle.close()


class EwfImage(pytsk3.Img_Info):
    """An Expert Witness (E01/Ex01) image through libewf, opened read-only."""

    def __init__(self, segments: tuple[Path, ...]) -> None:
        import pyewf

        self._handle = pyewf.handle()
        self._handle.open([str(path) for path in segments], "r")
        self._lock = threading.Lock()
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        with self._lock:  # seek + read on one libewf handle is not atomic
            data: bytes = self._handle.read_buffer_at_offset(length, offset)
        return data

    def get_size(self) -> int:
        size: int = self._handle.get_media_size()
        return size

    def close(self) -> None:
        self._handle.close()

    def facts(self) -> tuple[dict[str, str], dict[str, str], int]:
        headers = self._handle.get_header_values() or {}
        acquisition = {key: str(value) for key, value in headers.items() if value}
        hashes = {
            key.lower().replace("-", ""): str(value).lower()
            for key, value in (self._handle.get_hash_values() or {}).items()
            if value
        }
        return acquisition, hashes, int(self._handle.get_bytes_per_sector() or 512)


def open_image(spec: ImageSpec) -> tuple[Any, ImageFacts]:
    """The image as a pytsk3 Img_Info plus its facts. Raises ImageReadError."""
    sizes = tuple(path.stat().st_size for path in spec.segments)
    try:
        if spec.format == EWF:
            ewf = EwfImage(spec.segments)
            _probe_media_end(ewf, spec.first.name)
            acquisition, hashes, sector = ewf.facts()
            return ewf, ImageFacts(EWF, ewf.get_size(), sizes, acquisition, hashes, sector)
        if spec.format == ANDROID_SPARSE:
            from forensics.containers.sparse import SparseImage  # local: only sparse images need it

            sparse = SparseImage(spec.first)
            facts = ImageFacts(ANDROID_SPARSE, sparse.get_size(), sizes, damage=sparse.index.damage)
            return sparse, facts
        if spec.format == SPLIT_RAW:
            split = SplitRawImage(spec.segments)
            return split, ImageFacts(SPLIT_RAW, split.get_size(), sizes)
        raw = pytsk3.Img_Info(str(spec.first))  # TSK opens raw files O_RDONLY
        return raw, ImageFacts(RAW, int(raw.get_size()), sizes)
    except (OSError, RuntimeError, ValueError) as error:
        raise ImageReadError(f"{spec.first.name}: cannot be opened as {spec.format} ({error})") from error


def _probe_media_end(ewf: EwfImage, name: str) -> None:
    """A truncated or incomplete EWF set opens, but its last sector cannot be read: refuse it."""
    size = ewf.get_size()
    try:
        ewf.read(max(0, size - 512), min(512, size))
    except (OSError, RuntimeError) as error:
        raise ImageReadError(
            f"{name}: the media cannot be read to its end ({size} bytes; a segment is truncated "
            f"or missing): {str(error).split('. ')[0]}"
        ) from error


def media_chunks(image: Any, size: int, chunk: int = 4 << 20) -> Any:
    """Yield the whole media, front to back, in chunks (for the image hash)."""
    offset = 0
    while offset < size:
        data = image.read(offset, min(chunk, size - offset))
        if not data:
            raise ImageReadError(f"short read at offset {offset} of {size}")
        yield data
        offset += len(data)
