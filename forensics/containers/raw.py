"""A raw (dd) image: one file, the media byte for byte; the last entry of forensics/containers/registry.py."""

from pathlib import Path

import pytsk3

from forensics.base.reader import ByteSource
from forensics.containers.image import ImageFacts, ImageSpec

RAW = "raw"


class RawContainer:
    format = RAW

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        return (path,)

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        raw = pytsk3.Img_Info(str(spec.first))  # TSK opens raw files O_RDONLY
        return raw, ImageFacts(RAW, int(raw.get_size()), sizes)
