"""Child processes of an import: native readers run here, so a crash cannot take the case down."""

import ctypes
import os
import signal
import time
from multiprocessing.connection import Connection
from typing import Any

from forensics.base.errors import EvidenceError
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.scan import ScanPlan, hash_media, scan_image

_FLUSH_ENTRIES = 512
_FLUSH_SECONDS = 0.25
_PR_SET_PDEATHSIG = 1


def _detach_from_terminal_signals() -> None:
    """Ctrl-C is the parent's to handle; die with the parent if it is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        pass  # not Linux: the parent still terminates its children on every exit path


class _PipeSink:
    """Batches what the scan finds and sends it to the parent."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._batch: list[FileRecord | ReadWarning] = []
        self._bytes = 0
        self._last = time.monotonic()

    def send(self, *message: Any) -> None:
        self._conn.send(message)

    def facts(self, facts: ImageFacts) -> None:
        self.send("facts", facts)

    def volume(self, volume: VolumeRecord) -> None:
        self.flush()
        self.send("volume", volume)

    def estimate(self, entries: int, size: int) -> None:
        self.send("estimate", entries, size)

    def entry(self, entry: FileRecord | ReadWarning) -> None:
        self._batch.append(entry)
        if len(self._batch) >= _FLUSH_ENTRIES or time.monotonic() - self._last > _FLUSH_SECONDS:
            self.flush()

    def bytes_read(self, count: int) -> None:
        self._bytes += count
        if time.monotonic() - self._last > _FLUSH_SECONDS:
            self.flush()

    def volume_done(self, volume_index: int, entries: int) -> None:
        self.flush()
        self.send("volume_done", volume_index, entries)

    def flush(self) -> None:
        if self._batch or self._bytes:
            self.send("batch", self._batch, self._bytes)
        self._batch, self._bytes, self._last = [], 0, time.monotonic()


def run_scan(conn: Connection, spec: ImageSpec, plan: ScanPlan, fat_tz: str) -> None:
    """Entry point of the catalogue process."""
    _detach_from_terminal_signals()
    os.environ["TZ"] = fat_tz  # TSK reads FAT's local-time stamps in the process time zone
    time.tzset()
    sink = _PipeSink(conn)
    try:
        scan_image(spec, plan, sink, lambda: False)
        sink.flush()
        sink.send("finished")
    except EvidenceError as error:
        sink.send("refused", str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug: one line to the parent, no traceback
        sink.flush()
        sink.send("failed", f"{type(error).__name__}: {error}")
    finally:
        conn.close()


def run_media_hash(conn: Connection, spec: ImageSpec) -> None:
    """Entry point of the image-hash process."""
    _detach_from_terminal_signals()
    pending = 0
    last = time.monotonic()

    def on_bytes(count: int) -> None:
        nonlocal pending, last
        pending += count
        if time.monotonic() - last > _FLUSH_SECONDS:
            conn.send(("media_bytes", pending))
            pending, last = 0, time.monotonic()

    try:
        digests = hash_media(spec, on_bytes, lambda: False)
        conn.send(("media_bytes", pending))
        conn.send(("media_digests", digests.as_dict() if digests else None))
    except EvidenceError as error:
        conn.send(("media_error", str(error)))
    except Exception as error:  # noqa: BLE001 - one line to the parent, no traceback
        conn.send(("media_error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()
