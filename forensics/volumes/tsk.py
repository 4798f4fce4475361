"""Partitions of an image and the file system in each, as TSK sees them."""

from dataclasses import replace
from typing import Any

import pytsk3

from forensics.base.records import VolumeRecord
from forensics.base.tsk_names import fs_type_name, vs_type_name
from forensics.filesystems.foreign import FOREIGN_FILE_SYSTEMS, open_other_file_system

_ALLOCATION = {1: "allocated", 2: "unallocated", 4: "meta"}


def _decode(raw: Any) -> str:
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "replace").strip("\x00 ")
    return str(raw or "")


def partition_table(image: Any) -> list[VolumeRecord] | None:
    """Every slot of the partition table TSK finds, or None when there is none."""
    try:
        table = pytsk3.Volume_Info(image)
    except OSError:
        return None
    block = int(table.info.block_size)
    kind = vs_type_name(table.info.vstype)
    records: list[VolumeRecord] = []
    for part in table:
        records.append(
            VolumeRecord(
                index=len(records),
                offset=int(part.start) * block,
                length=int(part.len) * block,
                description=_decode(part.desc),
                table=kind,
                slot=f"{int(part.table_num)}:{int(part.slot_num)}" if int(part.slot_num) >= 0 else "-",
                allocation=_ALLOCATION.get(int(part.flags), str(int(part.flags))),
            )
        )
    return records


def open_file_system(image: Any, offset: int) -> tuple[Any | None, str | None]:
    """(FS_Info, None) when TSK reads a file system at `offset`, else (None, reason)."""
    try:
        return pytsk3.FS_Info(image, offset=offset), None
    except OSError as first:
        reason = _decode(str(first))
    other, why = open_other_file_system(image, offset)  # SquashFS, EROFS, F2FS (forensics/android)
    if other is not None or why is not None:
        return other, why
    try:  # TSK's autodetection never tries YAFFS2
        return pytsk3.FS_Info(image, offset=offset, type=pytsk3.TSK_FS_TYPE_YAFFS2), None
    except OSError:
        return None, reason


def with_file_system(volume: VolumeRecord, fs: Any | None, reason: str | None) -> VolumeRecord:
    if fs is None:
        return replace(volume, fs_error=reason)
    if isinstance(fs, FOREIGN_FILE_SYSTEMS):  # SquashFS, EROFS, F2FS: read outside TSK
        return replace(volume, fs_type=fs.fs_type, fs_block_size=fs.block_size)
    return replace(volume, fs_type=fs_type_name(fs.info.ftype), fs_block_size=int(fs.info.block_size))


def whole_image(size: int) -> VolumeRecord:
    return VolumeRecord(0, 0, size, "whole image (no partition table)", "none", "-", "whole")
