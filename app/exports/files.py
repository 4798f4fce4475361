"""Exporting selected catalogued files to CASE/exports/, with their hashes, an export log and a ledger event.

Names come from the evidence and cannot be trusted: each path part goes through neutral.file_name (no
separator, no '..', no control or bidi character, at most 200 bytes), a path longer than PATH_BUDGET
bytes is moved to a short one under _long/, a taken name gets "~ID", and the export log keeps the
original path beside the name written, so nothing is ever written outside CASE/exports/.
"""

import contextlib
import csv
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from app.cases.session import CaseSession
from app.common.errors import Refused
from app.common.neutral import csv_row, file_name
from app.common.output import Outputs, outputs
from app.evidence.reader import EvidenceReader, EvidenceReadError, evidence_spec, file_address

# Linux refuses a path of 4096 bytes or more (PATH_MAX); the writer's temporary adds the name again
# plus ~20 bytes, so a target stays well under half of it.
PATH_BUDGET = 1800
SHORT_NAME = 100
LONG_FOLDER = "_long"
DIRECTORY = "d"


class ExportRefused(Refused):
    """The export cannot start (nothing selected, an unknown file)."""


@dataclass
class ExportResult:
    folder: Path
    log: Path
    exported: list[dict[str, object]] = field(default_factory=list)
    failed: list[dict[str, object]] = field(default_factory=list)


def safe_part(name: str) -> str:
    """One path component, harmless on any file system (neutral.file_name)."""
    return file_name(name)


def safe_relative(evidence_id: int, volume_idx: int, path: str, stream: str | None) -> Path:
    parts = [safe_part(part) for part in path.split("/") if part]
    if stream:
        parts[-1] = file_name(f"{parts[-1]}_{stream}") if parts else safe_part(stream)
    return Path(f"E{evidence_id}V{volume_idx}", *(parts or ["_"]))


def _within_budget(folder: Path, relative: Path, file_id: int) -> tuple[Path, bool]:
    """relative, or a short stand-in E?V?/_long/ID-NAME when the whole path would be too long."""
    if len(os.fsencode(folder / relative)) + len(os.fsencode(relative.name)) <= PATH_BUDGET:
        return relative, False
    short = file_name(f"{file_id}-{relative.name}", SHORT_NAME)
    return Path(relative.parts[0], LONG_FOLDER, short), True


def _inside(root: Path, target: Path) -> Path:
    if ".." in target.parts or not target.is_relative_to(root):
        raise ExportRefused(f"{target} would lie outside {root}")
    return target


def _unique(path: Path, file_id: int) -> Path:
    """The path, or NAME~ID when something (a file, a folder) already has that name."""
    if not os.path.lexists(path):
        return path
    return path.with_name(file_name(f"{path.name}~{file_id}"))


def _copy(
    reader: EvidenceReader, session: CaseSession, file_id: int, target: Path, work: Outputs
) -> dict[str, object]:
    _, address = file_address(session.db, file_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    target = _unique(target, file_id)
    try:
        with work.open_binary(target) as out:
            for chunk in reader.chunks(address):
                out.write(chunk)
        written = work.commit(target, replace=False)
    except (EvidenceReadError, OSError):
        work.abandon(target)  # this file failed; the others go on, and the log says why
        raise
    return {"size": written.size, "sha256": written.sha256, "target": target}


def export_files(session: CaseSession, file_ids: list[int], reason: str = "") -> ExportResult:
    """Copy each file's content out of the evidence; the log lists catalogued and exported hashes."""
    if not file_ids:
        raise ExportRefused("no files selected to export")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    root = session.db.folder.absolute() / "exports"  # a relative case folder too
    folder = _unique(root / f"files-{stamp}", 0)
    readers: dict[int, EvidenceReader] = {}
    result = ExportResult(folder, folder / "export-log.csv")
    try:
        _export_all(session, file_ids, root, result, readers, reason)
    except BaseException:
        _remove_empty_folders(folder)  # the files went with outputs(); the folders made for them go too
        raise
    finally:
        for reader in readers.values():
            reader.close()
    return result


def _export_all(
    session: CaseSession,
    file_ids: list[int],
    root: Path,
    result: ExportResult,
    readers: dict[int, EvidenceReader],
    reason: str,
) -> None:
    folder = result.folder
    with outputs() as work:  # a failure of the export as a whole leaves none of its files
        for file_id in file_ids:
            _export_one(session, file_id, root, folder, readers, result, work)
        result.folder.mkdir(parents=True, exist_ok=True)
        with work.open_text(result.log) as handle:
            _write_log(result, handle)
        log = work.commit(result.log)
        session.record(
            "files_exported",
            None,
            {
                "folder": str(folder.relative_to(session.db.folder.absolute())),
                "reason": reason,
                "files": [{k: v for k, v in row.items() if k != "target"} for row in result.exported],
                "failed": result.failed,
                "log": str(result.log.relative_to(session.db.folder.absolute())),
                "log_sha256": log.sha256,
            },
        )


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for parent, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        with contextlib.suppress(OSError):
            Path(parent).rmdir()


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
        "SELECT evidence_id, volume_idx, path, stream, sha256, meta_type FROM files WHERE id = ?", (file_id,)
    ).fetchone()
    if row is None:
        raise ExportRefused(f"no catalogued file has id {file_id}")
    evidence_id, volume_idx, path, stream, catalogued, meta_type = row
    base = {"file_id": file_id, "evidence_id": evidence_id, "volume": volume_idx, "path": path}
    relative, shortened = _within_budget(
        folder, safe_relative(evidence_id, volume_idx, path, stream), file_id
    )
    target = _inside(root, folder / relative)
    try:
        if meta_type == DIRECTORY and not stream:  # a folder: made, so its exported contents fit inside
            if target.exists() and not target.is_dir():
                target = _unique(target, file_id)
            target.mkdir(parents=True, exist_ok=True)
            copied: dict[str, object] = {"kind": "folder", "size": 0, "sha256": None, "target": target}
        else:
            if evidence_id not in readers:
                readers[evidence_id] = EvidenceReader(evidence_spec(session.db, evidence_id))
            copied = {"kind": "file", **_copy(readers[evidence_id], session, file_id, target, work)}
    except (EvidenceReadError, OSError) as error:
        result.failed.append({**base, "reason": str(error)})
        return
    written = Path(str(copied["target"]))
    matches = copied["kind"] == "folder" or catalogued is None or catalogued == copied["sha256"]
    result.exported.append(
        {
            **base,
            "exported_as": str(written.relative_to(folder)),
            "renamed": shortened
            or written.relative_to(folder) != Path(f"E{evidence_id}V{volume_idx}", *_parts(path)),
            "shortened": shortened,
            "catalogued_sha256": catalogued,
            **copied,
            "matches_catalogue": matches,
            "target": written,
        }
    )


def _parts(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def _write_log(result: ExportResult, handle: TextIO) -> None:
    """path is the name in the evidence (CSV-neutralised: a leading ' was added, see docs/reliability.md),
    exported_as the name written; renamed says they differ, shortened that the path was too long."""
    keys: tuple[str, ...] = ("file_id", "evidence_id", "volume", "path", "kind", "exported_as", "renamed")
    keys = (*keys, "shortened", "size", "sha256", "catalogued_sha256")
    writer = csv.writer(handle)
    writer.writerow((*keys, "matches_catalogue", "error"))
    for row in result.exported:
        writer.writerow(csv_row((*(row.get(key) for key in keys), row["matches_catalogue"], "")))
    for row in result.failed:
        writer.writerow(csv_row((*(row.get(key) for key in keys), False, row["reason"])))
