"""Partition tables as TSK sees them (MBR, GPT, BSD, Sun, Mac...)."""

from typing import Any

import pytsk3

from forensics.base.reader import ByteSource, ReadAt
from forensics.base.records import VolumeRecord
from forensics.base.tsk_names import vs_type_name
from forensics.volumes.protocol import Found

_ALLOCATION = {1: "allocated", 2: "unallocated", 4: "meta"}


def _decode(raw: Any) -> str:
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "replace").strip("\x00 ")
    return str(raw or "")


def partition_table(image: ByteSource) -> list[VolumeRecord] | None:
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


def whole_image(size: int) -> VolumeRecord:
    return VolumeRecord(0, 0, size, "whole image (no partition table)", "none", "-", "whole")


class TskTable:
    """TSK's partition table, passed in by the caller (TSK reads the image itself, not through `read`).

    With `gpt_only`, only a GPT: newer Allwinner and Rockchip builds write one beside their vendor table,
    and then the GPT stands.
    """

    def __init__(self, gpt_only: bool = False) -> None:
        self._gpt_only = gpt_only

    def find(self, read: ReadAt, size: int, table: list[VolumeRecord] | None) -> Found | None:
        if table is None or (self._gpt_only and not any(v.table == "gpt" for v in table)):
            return None
        return Found(list(table), tsk_view=True)
