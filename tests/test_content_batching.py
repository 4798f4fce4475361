"""ContentPool hands small files to its threads in batches: same records, same order, same bounds.

Each test walks a real ext4 with more small files than the walker's window and compares the
batched pool record for record with the plain single-threaded path.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from imaging import many_files_ext4

from forensics.base import content
from forensics.base.content import ContentPool
from forensics.base.filetype import TypeSniffer
from forensics.base.records import FileRecord, VolumeRecord
from forensics.containers.detect import detect_image
from forensics.containers.opening import open_image
from forensics.filesystems import tsk_walker as walker
from forensics.filesystems.registry import open_file_system
from forensics.filesystems.tsk_walker import FileSystemWalker, WalkOptions

COUNT, SIZE = 2 * walker.MAX_PENDING + 37, 700  # more files than the window, far below BATCH_BYTES


def _records(pool: ContentPool | None, cancelled: Callable[[], bool] = lambda: False) -> list[FileRecord]:
    opened, _ = open_image(detect_image(many_files_ext4(COUNT, SIZE)))
    fs, reason = open_file_system(opened, 0)
    assert fs is not None, reason
    volume = VolumeRecord(0, 0, 0, "whole image", "none", "-", "whole", "ext4")
    found = FileSystemWalker(fs, volume, WalkOptions(), TypeSniffer(), lambda _: None, cancelled, pool)
    records = []
    for entry in found.entries():
        if cancelled():
            break  # as forensics/scan.py does: what finishes while cancelling is never used
        if isinstance(entry, FileRecord):
            records.append(entry)
    return records


def _in_time(walk: Callable[[], Any], seconds: float = 120) -> Any:
    """walk() on a thread of its own; fails (instead of hanging) when it does not end in time."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(walk()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the walk waits for a batch that never reaches the pool"
    return box[0]


@pytest.fixture(scope="module")
def plain() -> list[FileRecord]:
    records = _records(None)
    assert [r.content for r in records].count("read") == COUNT
    return records


def _pooled(workers: int = 2) -> tuple[list[FileRecord], int]:
    """The walk's records with a pool of `workers` threads, and how many tasks that pool ran."""
    with ContentPool(workers) as pool:
        tasks: list[tuple[Any, ...]] = []
        submit = pool._pool.submit

        def counted(*args: Any) -> Any:
            tasks.append(args)
            return submit(*args)

        pool._pool.submit = counted  # type: ignore[method-assign, assignment]
        records = _records(pool)
    return records, len(tasks)


def test_batched_pool_gives_the_plain_records_in_walk_order(plain: list[FileRecord]) -> None:
    for workers in (2, 1):
        records, tasks = _in_time(lambda: _pooled(workers))  # noqa: B023 - called at once
        assert records == plain
        assert tasks <= COUNT // content.BATCH_FILES + 20  # whole batches but for a few waited for


@pytest.mark.parametrize(("files", "size"), [(5, walker.MAX_PENDING_BYTES), (walker.MAX_PENDING, 3000)])
def test_window_smaller_than_a_batch(
    plain: list[FileRecord], monkeypatch: pytest.MonkeyPatch, files: int, size: int
) -> None:
    """The window is full before a batch is: waiting for its first file hands the batch over."""
    monkeypatch.setattr(walker, "MAX_PENDING", files)
    monkeypatch.setattr(walker, "MAX_PENDING_BYTES", size)
    records, tasks = _in_time(_pooled)
    assert records == plain
    assert tasks > COUNT // content.BATCH_FILES  # batches handed over early


def test_one_file_per_batch_and_batches_by_bytes(
    plain: list[FileRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content, "BATCH_FILES", 1)
    with ContentPool() as pool:
        assert _in_time(lambda: _records(pool)) == plain
    monkeypatch.setattr(content, "BATCH_FILES", 10**6)
    monkeypatch.setattr(content, "BATCH_BYTES", 5 * SIZE)  # a batch closes on bytes every 5 files
    with ContentPool() as pool:
        assert _in_time(lambda: _records(pool)) == plain


def test_cancelled_walk_ends_and_what_it_gave_is_right(plain: list[FileRecord]) -> None:
    given: list[int] = []

    def cancelled() -> bool:
        given.append(1)
        return len(given) > COUNT  # about a third of the way (each entry and each read asks)

    with ContentPool() as pool:
        records = _in_time(lambda: _records(pool, cancelled))
    assert 0 < len(records) < len(plain)
    assert records == plain[: len(records)]
