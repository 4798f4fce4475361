"""One image, start to finish: facts, volumes, file systems, every entry. Reports to a sink."""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from forensics.base.content import ContentPool
from forensics.base.filetype import TypeSniffer
from forensics.base.hashing import Digests
from forensics.base.reader import ByteSource
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord
from forensics.containers.ewf import EWF
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.containers.media_hash import hash_blocks
from forensics.containers.opening import open_image
from forensics.containers.sparse import with_container_facts
from forensics.filesystems.mounting import Mounted, android_volumes
from forensics.filesystems.protocol import FileSystem
from forensics.filesystems.registry import open_file_system, walker_for, with_file_system
from forensics.filesystems.tsk_walker import WalkOptions
from forensics.volumes.tsk import partition_table, whole_image

Cancelled = Callable[[], bool]
OnBytes = Callable[[int], None]


@dataclass(frozen=True)
class ScanPlan:
    """What to do, and where a resumed import picks up."""

    fat_orphans: bool = True  # TSK's orphan search on FAT: 0.44 s on a 2 GiB FAT32 (docs/recovery.md)
    read_content: bool = True
    precount: bool = True  # a metadata-only walk first, so progress has totals and an ETA
    done_volumes: frozenset[int] = frozenset()
    resume_from: dict[int, int] = field(default_factory=dict)  # volume -> first ordinal not stored


class ScanSink(Protocol):
    def facts(self, facts: ImageFacts) -> None: ...
    def volume(self, volume: VolumeRecord) -> None: ...
    def entry(self, entry: FileRecord | ReadWarning) -> None: ...
    def volume_done(self, volume_index: int, entries: int) -> None: ...
    def estimate(self, entries: int, size: int) -> None: ...
    def bytes_read(self, count: int) -> None: ...


def _with_file_systems(image: ByteSource, size: int) -> Mounted:
    table = partition_table(image)
    if table is not None:
        opened = [
            (v, *open_file_system(image, v.offset)) if v.allocation == "allocated" else (v, None, None)
            for v in table
        ]
        if any(fs is not None for _, fs, _ in opened):
            return [
                (with_file_system(v, fs, reason) if v.allocation == "allocated" else v, fs)
                for v, fs, reason in opened
            ]
    whole = whole_image(size)
    fs, reason = open_file_system(image, 0)
    if fs is None and table is not None:  # a table with no readable file system: keep the table
        return [
            (
                with_file_system(v, None, "no file system TSK reads") if v.allocation == "allocated" else v,
                None,
            )
            for v in table
        ]
    if fs is None:  # encrypted, wiped, unknown or a raw dump: still evidence, kept whole
        return [(with_file_system(whole, None, reason or "no file system recognised"), None)]
    return [(with_file_system(whole, fs, None), fs)]


def _partition_warning(volume: VolumeRecord) -> ReadWarning:
    if volume.allocation == "whole":
        return ReadWarning(
            "no-file-system",
            f"no file system found: the media is kept as unallocated space ({volume.fs_error})",
            volume.index,
            details={"offset": "0", "length": str(volume.length), "reason": str(volume.fs_error)},
        )
    return ReadWarning(
        "no-file-system",
        f"partition at offset {volume.offset} ({volume.length} bytes, '{volume.description}'): "
        f"no file system read ({volume.fs_error})",
        volume.index,
        details={
            "offset": str(volume.offset),
            "length": str(volume.length),
            "type": volume.description,
            "reason": str(volume.fs_error),
        },
    )


def _cut_short(volume: VolumeRecord, size: int) -> ReadWarning:
    end = volume.offset + volume.length
    return ReadWarning(
        "image-short",
        f"volume at offset {volume.offset} ends at byte {end} but the image holds {size}: "
        f"{end - size} bytes are missing",
        volume.index,
        details={"volume_end": str(end), "image_bytes": str(size)},
    )


def scan_image(spec: ImageSpec, plan: ScanPlan, sink: ScanSink, cancelled: Cancelled) -> None:
    """Catalogue the image into `sink`. Raises EvidenceError when it cannot be read at all.

    Media with no partition table and no file system (encrypted, wiped, unknown, a raw dump) is one
    whole-image volume without a file system and a `no-file-system` warning: registered and hashed.
    """
    image, facts = open_image(spec)
    facts, notes = with_container_facts(spec, facts)  # a sparse container's own hashes; its damage
    sink.facts(facts)
    sniffer = TypeSniffer()
    volumes, layout_notes = android_volumes(image, facts.size) or (_with_file_systems(image, facts.size), [])
    notes += layout_notes  # EPT / LP warnings
    notes += [_cut_short(v, facts.size) for v, _ in volumes if v.offset + v.length > facts.size]
    if plan.precount:
        sink.estimate(*_precount(volumes, plan, sniffer))
    with ContentPool() as pool:
        for volume, fs in volumes:
            _scan_volume(volume, fs, plan, sink, cancelled, sniffer, pool)
            while notes:  # after the first volume: the evidence is registered by then
                sink.entry(notes.pop(0))


def _scan_volume(
    volume: VolumeRecord,
    fs: FileSystem | None,
    plan: ScanPlan,
    sink: ScanSink,
    cancelled: Cancelled,
    sniffer: TypeSniffer,
    pool: ContentPool,
) -> None:
    sink.volume(volume)
    if volume.allocation in ("allocated", "whole") and fs is None:
        sink.entry(_partition_warning(volume))
    if fs is None or volume.index in plan.done_volumes or cancelled():
        return
    options = WalkOptions(plan.fat_orphans, plan.read_content, plan.resume_from.get(volume.index, 0))
    walker = walker_for(fs, volume, options, sniffer, sink.bytes_read, cancelled, pool)
    count = 0
    for entry in walker.entries():
        if cancelled():
            break  # an entry finished while cancelling may be incomplete: never send it
        if isinstance(entry, FileRecord):
            count += 1
            if entry.ordinal < options.content_from_ordinal:
                continue
        sink.entry(entry)
    if not cancelled():
        sink.volume_done(volume.index, count)


def _precount(volumes: Mounted, plan: ScanPlan, sniffer: TypeSniffer) -> tuple[int, int]:
    """Entries and content bytes still to be read, from a walk that reads no content."""
    entries = size = 0
    options = WalkOptions(plan.fat_orphans, read_content=False, times=False)
    for volume, fs in volumes:
        if fs is None or volume.index in plan.done_volumes:
            continue
        start = plan.resume_from.get(volume.index, 0)
        walker = walker_for(fs, volume, options, sniffer, lambda _: None, lambda: False)
        for entry in walker.entries():
            if isinstance(entry, FileRecord) and entry.ordinal >= start:
                entries += 1
                if entry.meta_type == "r" and not (entry.meta_allocated and not entry.name_allocated):
                    # deferred files are not read; no read goes past the volume's end (issue 16 item 3)
                    size += 0 if entry.content == "deferred" else min(entry.size, volume.length)
    return entries, size


def hash_media(spec: ImageSpec, on_bytes: OnBytes, cancelled: Cancelled) -> Digests | None:
    """MD5/SHA-1/SHA-256 of the whole media (for E01: the decompressed media). None if cancelled."""
    image, facts = open_image(spec)
    images = [image]
    if spec.format == EWF:  # decompression is the cost: more handles decompress in parallel
        images += [open_image(spec)[0] for _ in range(min(4, max(2, os.cpu_count() or 2)) - 1)]
    return hash_blocks(images, facts.size, on_bytes, cancelled)
