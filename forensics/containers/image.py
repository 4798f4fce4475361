"""An image as found on disk (ImageSpec), as opened (ImageFacts), and what a container format provides."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from forensics.base.reader import ByteSource


@dataclass(frozen=True)
class ImageSpec:
    """An image as found on disk: its format and every segment, in order."""

    format: str
    segments: tuple[Path, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def first(self) -> Path:
        return self.segments[0]


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


class ContainerFormat(Protocol):
    """One entry of forensics/containers/registry.py."""

    @property
    def format(self) -> str:
        """The name stored in ImageSpec.format and in the case database."""
        ...

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        """Every segment of the image that begins with `path` (its first and last 512 bytes given),
        when it is this container; None when it is not. Raises EvidenceError for one it refuses."""
        ...

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        """The media as one read-only ByteSource, and its facts. May raise OSError, RuntimeError,
        ValueError (reported as ImageReadError by forensics/containers/opening.py)."""
        ...
