"""Exporting selected catalogued files to CASE/exports/, with their hashes, an export log and a ledger event.

Names come from the evidence and cannot be trusted: each path part is sanitised and the final path is
checked to lie inside the export folder, so nothing is ever written outside CASE/exports/.
"""

import csv
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from app.cases.session import CaseSession
from app.common.errors import Refused
from app.common.output import Outputs, outputs
from app.evidence.reader import EvidenceReader, EvidenceReadError, evidence_spec, file_address

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]')
_RESERVED = frozenset(("", ".", ".."))
_MAX_PART = 120


class ExportRefused(Refused):
    """The export cannot start (nothing selected, an unknown file)."""


@dataclass
class ExportResult:
    folder: Path
    log: Path
    exported: list[dict[str, object]] = field(default_factory=list)
    failed: list[dict[str, object]] = field(default_factory=list)


def safe_part(name: str) -> str:
    """One path component, harmless on any file system."""
    cleaned = _UNSAFE.sub("_", name).strip(" ")
    if cleaned in _RESERVED or set(cleaned) == {"."}:
        cleaned = "_" + cleaned
    return cleaned[:_MAX_PART]


def safe_relative(evidence_id: int, volume_idx: int, path: str, stream: str | None) -> Path:
    parts = [safe_part(part) for part in path.split("/") if part]
    if stream:
        parts[-1] = f"{parts[-1]}_{safe_part(stream)}" if parts else safe_part(stream)
    return Path(f"E{evidence_id}V{volume_idx}", *(parts or ["_"]))


def _inside(root: Path, target: Path) -> Path:
    resolved = target.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ExportRefused(f"{target} would lie outside {root}")
    return resolved


def _unique(path: Path, file_id: int) -> Path:
    return path if not path.exists() else path.with_name(f"{path.name}~{file_id}")


def _copy(
    reader: EvidenceReader, session: CaseSession, file_id: int, target: Path, work: Outputs
) -> dict[str, object]:
    _, address = file_address(session.db, file_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with work.open_binary(target) as out:
            for chunk in reader.chunks(address):
                out.write(chunk)
        written = work.commit(target, replace=False)
    except (EvidenceReadError, OSError):
        work.abandon(target)  # this file failed; the others go on, and the log says why
        raise
    return {"size": written.size, "sha256": written.sha256}


def export_files(session: CaseSession, file_ids: list[int], reason: str = "") -> ExportResult:
    """Copy each file's content out of the evidence; the log lists catalogued and exported hashes."""
    if not file_ids:
        raise ExportRefused("no files selected to export")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    root = session.db.folder / "exports"
    folder = _unique(root / f"files-{stamp}", 0)
    readers: dict[int, EvidenceReader] = {}
    result = ExportResult(folder, folder / "export-log.csv")
    with outputs() as work:  # a failure of the export as a whole leaves none of its files
        try:
            for file_id in file_ids:
                _export_one(session, file_id, root, folder, readers, result, work)
        finally:
            for reader in readers.values():
                reader.close()
        result.folder.mkdir(parents=True, exist_ok=True)
        with work.open_text(result.log) as handle:
            _write_log(result, handle)
        log = work.commit(result.log)
        session.record(
            "files_exported",
            None,
            {
                "folder": str(folder.relative_to(session.db.folder)),
                "reason": reason,
                "files": [{k: v for k, v in row.items() if k != "target"} for row in result.exported],
                "failed": result.failed,
                "log": str(result.log.relative_to(session.db.folder)),
                "log_sha256": log.sha256,
            },
        )
    return result


def _export_one(
    session: CaseSession,
    file_id: int,
    root: Path,
    folder: Path,
    readers: dict[int, EvidenceReader],
    result: ExportResult,
    work: Outputs,
) -> None:
    row = session.db.conn.execute(
        "SELECT evidence_id, volume_idx, path, stream, sha256 FROM files WHERE id = ?", (file_id,)
    ).fetchone()
    if row is None:
        raise ExportRefused(f"no catalogued file has id {file_id}")
    evidence_id, volume_idx, path, stream, catalogued = row
    base = {"file_id": file_id, "evidence_id": evidence_id, "volume": volume_idx, "path": path}
    target = _unique(_inside(root, folder / safe_relative(evidence_id, volume_idx, path, stream)), file_id)
    try:
        if evidence_id not in readers:
            readers[evidence_id] = EvidenceReader(evidence_spec(session.db, evidence_id))
        copied = _copy(readers[evidence_id], session, file_id, target, work)
    except (EvidenceReadError, OSError) as error:
        result.failed.append({**base, "reason": str(error)})
        return
    matches = catalogued is None or catalogued == copied["sha256"]
    result.exported.append(
        {
            **base,
            "exported_as": str(target.relative_to(folder)),
            "catalogued_sha256": catalogued,
            **copied,
            "matches_catalogue": matches,
            "target": target,
        }
    )


def _write_log(result: ExportResult, handle: TextIO) -> None:
    keys = ("file_id", "evidence_id", "volume", "path", "exported_as", "size", "sha256", "catalogued_sha256")
    writer = csv.writer(handle)
    writer.writerow((*keys, "matches_catalogue", "error"))
    for row in result.exported:
        writer.writerow((*(row.get(key) for key in keys), row["matches_catalogue"], ""))
    for row in result.failed:
        writer.writerow((*(row.get(key) for key in keys), False, row["reason"]))
