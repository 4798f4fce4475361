"""A carve run's counters as a plain object, so the CLI, a test and the desktop show the same."""

from dataclasses import dataclass

from app.common.progress import Timed, human_bytes, human_duration


@dataclass
class CarveProgress(Timed):
    """Chunks and bytes of unallocated space carved so far, and the files found."""

    phase: str = "mapping unallocated space"
    chunks_done: int = 0
    chunks_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    files: int = 0

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
