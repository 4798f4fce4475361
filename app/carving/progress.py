"""A carve run's counters as a plain object, so the CLI, a test and the desktop show the same."""

import time
from dataclasses import dataclass, field

from app.common.progress import human_bytes, human_duration


@dataclass
class CarveProgress:
    """Chunks and bytes of unallocated space carved so far, and the files found. Monotonic seconds."""

    phase: str = "mapping unallocated space"
    chunks_done: int = 0
    chunks_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    files: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-6)

    @property
    def rate(self) -> float:
        return self.bytes_done / self.elapsed

    @property
    def eta(self) -> float | None:
        if self.bytes_done <= 0 or self.bytes_total <= self.bytes_done:
            return None
        return (self.bytes_total - self.bytes_done) / self.rate

    def line(self) -> str:
        return (
            f"{self.phase}: chunk {self.chunks_done}/{self.chunks_total}, {self.files} files, "
            f"{human_bytes(self.bytes_done)} of {human_bytes(self.bytes_total)}, "
            f"{human_bytes(self.rate)}/s, ETA {human_duration(self.eta)}"
        )
