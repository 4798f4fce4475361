"""Progress and cancellation as plain objects, so the same import runs from CLI, tests or Qt."""

import threading
import time
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Timed:
    """When a long job started (monotonic seconds) and its byte rate since; `bytes_done` comes from
    the job's own counters."""

    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-6)

    @property
    def rate(self) -> float:
        """Bytes per second since the start."""
        bytes_done: int = getattr(self, "bytes_done")  # noqa: B009 - a field or a property of the job's
        return bytes_done / self.elapsed


@dataclass
class ImportProgress(Timed):
    """Counters of a running import (bytes_done: both lanes, file content and the image hash)."""

    phase: str = "starting"
    entries: int = 0
    file_bytes: int = 0
    estimate_entries: int = 0
    estimate_bytes: int = 0
    media_bytes: int = 0
    media_total: int = 0
    warnings: int = 0

    @property
    def bytes_done(self) -> int:
        return self.file_bytes + self.media_bytes

    @property
    def bytes_total(self) -> int:
        return max(self.estimate_bytes, self.file_bytes) + self.media_total

    @property
    def eta(self) -> float | None:
        """Seconds left, from the slower of the two lanes; None while unknown."""
        lanes = []
        if self.media_total and self.media_bytes:
            lanes.append((self.media_total - self.media_bytes) * self.elapsed / self.media_bytes)
        if self.estimate_bytes and self.file_bytes:
            left = max(self.estimate_bytes - self.file_bytes, 0)
            lanes.append(left * self.elapsed / self.file_bytes)
        return max(lanes) if lanes else None


class ProgressListener(Protocol):
    def update(self, progress: ImportProgress) -> None: ...


class CancelToken:
    """Set from any thread (a Cancel button, Ctrl-C); checked by the import loop."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def human_bytes(count: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(count) < 1024 or unit == "TiB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} TiB"


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def progress_line(progress: ImportProgress) -> str:
    estimate = f"/{progress.estimate_entries}" if progress.estimate_entries else ""
    return (
        f"{progress.phase}: {progress.entries}{estimate} entries, "
        f"{human_bytes(progress.bytes_done)} of {human_bytes(progress.bytes_total)}, "
        f"{human_bytes(progress.rate)}/s, ETA {human_duration(progress.eta)}, "
        f"{progress.warnings} warnings"
    )
