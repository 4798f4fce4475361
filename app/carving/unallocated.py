"""Each volume's unallocated space as byte ranges of the image, mapped once and stored in the case.

A volume with a file system TSK reads: the blocks TSK calls unallocated (`blkls -l -A`). A slot of
the partition table that no partition uses, or a partition without a readable file system: all of
it. Media with no volume at all: the whole media (volume index -1). Nothing is copied.
"""

import sqlite3
from typing import Any

from app.cases.session import CaseSession
from app.evidence.reader import evidence_spec
from chain_of_custody.carved import CarvedStore, UnallocatedVolume
from forensics.base.errors import EvidenceError
from forensics.carving.unallocated import Range, blkls_ranges
from forensics.volumes.lp import LP_TABLE

WHOLE_MEDIA = -1  # the volume index of media with no volume


def _volume_ranges(spec: Any, volume: dict[str, Any]) -> tuple[str, str | None, list[Range]]:
    """(method, reason it is not mapped or None, ranges) for one stored volume."""
    offset, length = int(volume["offset"]), int(volume["length"])
    if volume["allocation"] == "meta":
        return "partition table", "the partition table itself", []
    if volume["tbl"] == LP_TABLE:
        return "none", "a logical partition of an Android super image: its extents are not mapped yet", []
    if volume["allocation"] == "unallocated":
        return "unused partition-table slot", None, [(offset, length)]
    if not volume["fs_type"]:
        return "no file system", None, [(offset, length)]
    try:
        return "blkls -l -A", None, blkls_ranges(spec, offset, length, int(volume["fs_block_size"] or 0))
    except EvidenceError as error:
        return "blkls -l -A", str(error), []


def map_unallocated(session: CaseSession, evidence_id: int, again: bool = False) -> list[UnallocatedVolume]:
    """Map and store each volume's unallocated space (only the volumes not mapped yet, unless `again`)."""
    store = CarvedStore(session.db.conn)
    known = {volume.volume_idx for volume in store.unallocated_volumes(evidence_id)}
    spec = evidence_spec(session.db, evidence_id)
    volumes = session.catalogue.volumes(evidence_id)
    evidence = session.catalogue.evidence(evidence_id) or {}
    if not volumes:
        volumes = [
            {
                "idx": WHOLE_MEDIA,
                "offset": 0,
                "length": int(evidence.get("size") or 0),
                "allocation": "whole",
                "tbl": None,
                "fs_type": None,
                "fs_block_size": None,
            }
        ]
    for volume in volumes:
        if volume["idx"] in known and not again:
            continue
        method, reason, ranges = _volume_ranges(spec, volume)
        mapped = UnallocatedVolume(
            evidence_id,
            int(volume["idx"]),
            "not_mapped" if reason else "mapped",
            method,
            reason,
            len(ranges),
            sum(length for _, length in ranges),
        )
        with session.db.transaction():
            store.set_unallocated(mapped, ranges)
    return store.unallocated_volumes(evidence_id)


def unallocated_records(conn: sqlite3.Connection, evidence_id: int | None) -> list[dict[str, Any]]:
    """One record per unallocated range (like Autopsy's Unalloc files), volume by volume."""
    store = CarvedStore(conn)
    ids = [evidence_id] if evidence_id else [int(r[0]) for r in conn.execute("SELECT id FROM evidence")]
    records: list[dict[str, Any]] = []
    for ident in ids:
        for volume in store.unallocated_volumes(ident):
            for offset, length in store.unallocated_ranges(ident, volume.volume_idx):
                records.append(
                    {
                        "evidence_id": ident,
                        "volume": volume.volume_idx,
                        "name": f"Unalloc_{ident}_{offset}_{offset + length}",
                        "offset": offset,
                        "length": length,
                        "method": volume.method,
                    }
                )
    return records


def carving_overview(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per evidence item: its label, unallocated bytes mapped, volumes not mapped, files carved, last run."""
    rows = conn.execute(
        "SELECT e.id, e.label, "
        "(SELECT COALESCE(SUM(bytes), 0) FROM unallocated_volumes u WHERE u.evidence_id = e.id), "
        "(SELECT COUNT(*) FROM unallocated_volumes u WHERE u.evidence_id = e.id AND u.state != 'mapped'), "
        "(SELECT COUNT(*) FROM carved_files c WHERE c.evidence_id = e.id), "
        "(SELECT state FROM carve_runs r WHERE r.evidence_id = e.id ORDER BY r.id DESC LIMIT 1) "
        "FROM evidence e ORDER BY e.id"
    )
    keys = ("evidence_id", "label", "unallocated_bytes", "volumes_not_mapped", "carved", "last_run")
    return [dict(zip(keys, row, strict=True)) for row in rows]
