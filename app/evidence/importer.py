"""Importing an evidence image into a case: the parent side of the worker processes.

The parent is the case database's only writer. Child processes read the evidence (native code);
what they send is committed batch by batch, so a cancel, a crash of a reader or a kill -9 of the
parent leaves a consistent case that the same command resumes.
"""

import multiprocessing
import sqlite3
from contextlib import ExitStack, suppress
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from operator import attrgetter
from pathlib import Path
from typing import Any

from app.cases.locking import CaseBusy, import_lock
from app.cases.session import CaseSession
from app.common.faults import (
    DiskFull,
    disk_full_message,
    is_disk_full,
    rollback_quietly,
    start_deaf_to_ctrl_c,
)
from app.common.progress import CancelToken, ImportProgress, ProgressListener
from app.evidence.worker import run_media_hash, run_scan
from app.hashsets.matching import match_after_import
from chain_of_custody.catalogue import FILE_COLUMNS, NewEvidence, NewWarning
from chain_of_custody.commitments import catalogue_commitments
from forensics.base.errors import EvidenceError
from forensics.base.records import FileRecord, ReadWarning, VolumeRecord
from forensics.base.versions import reader_versions
from forensics.containers.detect import detect_image
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.scan import ScanPlan

_MP = multiprocessing.get_context("spawn")
# The hash indexes are dropped for the bulk phase of an import of this many entries or more, unless
# the case already holds more than BULK_REBUILD_RATIO times as many rows: building them again over
# every row costs ~5 us per row, keeping them up to date ~40 us per new row (docs/performance.md).
BULK_ENTRIES = 10_000
BULK_REBUILD_RATIO = 4


@dataclass(frozen=True)
class ImportRequest:
    image: Path
    label: str | None = None
    seized_from: str | None = None
    seized_at: str | None = None
    seal: str | None = None
    fat_orphans: bool = True
    fat_tz: str = "UTC"
    exhibit: str | None = None


@dataclass
class ImportOutcome:
    status: str  # complete | refused | cancelled | failed
    message: str
    evidence_id: int | None = None
    digests: dict[str, str] = field(default_factory=dict)
    stored_hashes: dict[str, str] = field(default_factory=dict)
    stored_hash_check: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: int = 0


class Worker:
    """A child process and the reading end of its pipe."""

    def __init__(self, target: Any, *args: Any) -> None:
        reader, writer = _MP.Pipe(duplex=False)
        self.conn: Connection = reader
        self.process: BaseProcess = _MP.Process(target=target, args=(writer, *args), daemon=True)
        start_deaf_to_ctrl_c(self.process)
        writer.close()
        self.open = True

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()

    def ending(self) -> str:
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            import signal

            return f"ended by signal {-code} ({signal.Signals(-code).name})"
        return f"ended with exit code {code}"


assert FILE_COLUMNS[0] == "evidence_id"  # every other column is a FileRecord attribute
_RECORD_VALUES = attrgetter(*("volume_index" if c == "volume_idx" else c for c in FILE_COLUMNS[1:]))


def _file_row(evidence_id: int, record: FileRecord) -> tuple[Any, ...]:
    return (evidence_id, *_RECORD_VALUES(record))  # attrgetter: ~10x cheaper than asdict per row


def _stored_check(stored: dict[str, str], digests: dict[str, str]) -> str:
    compared = [digests.get(name) == value for name, value in stored.items() if name in ("md5", "sha1")]
    if not compared:
        return "none stored"
    return "verified" if all(compared) else "mismatch"


class ImportJob:
    """One run of `evidence add`: new, or resuming an unfinished import of the same image."""

    def __init__(
        self,
        session: CaseSession,
        request: ImportRequest,
        listener: ProgressListener | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        self.session = session
        self.request = request
        self.listener = listener
        self.cancel = cancel or CancelToken()
        self.progress = ImportProgress()
        self._facts: ImageFacts | None = None
        self._evidence_id: int | None = None
        self._run_id: int | None = None
        self._spec: ImageSpec | None = None
        self._digests: dict[str, str] | None = None
        self._scan_done = False
        self._last_path = ""
        self._media_error: str | None = None
        self._bulk_checked = False
        self._indexes_dropped = False

    # entry --------------------------------------------------------------------------------------
    def run(self) -> ImportOutcome:
        try:
            self._spec = detect_image(self.request.image)
        except EvidenceError as error:
            return self._refuse(str(error))
        with ExitStack() as held:
            try:
                held.enter_context(import_lock(self.session.db.folder))
            except CaseBusy as busy:  # refused, and the refusal is part of the record
                return self._refuse(str(busy))
            existing = self.session.catalogue.evidence_by_source(str(self._spec.first.resolve()))
            if existing and existing["import_state"] == "complete":
                return self._already_complete(existing)
            try:
                return self._run_workers(existing)
            except (sqlite3.Error, OSError) as error:
                if not is_disk_full(error):
                    raise
                return self._disk_full(error)

    def _disk_full(self, error: BaseException) -> ImportOutcome:
        """The case's disk filled up: what was committed stays (the same command resumes) and the failure
        is an import_failed event where the ledger can still take one (the failed batch was rolled back,
        its pages are free again), else DiskFull in one line. No index is rebuilt here: no room for it."""
        conn = self.session.db.conn
        rollback_quietly(conn)
        reason = f"the disk holding the case is full ({error})"
        try:
            with self.session.db.transaction():
                if self._evidence_id is not None:
                    self._end_run("failed", reason)
                    self.session.catalogue.set_evidence(self._evidence_id, import_state="interrupted")
                details = {"run": self._run_id, "image": str(self.request.image), "reason": reason}
                self.session.db.ledger.append(
                    self.session.examiner, self.session.tz, "import_failed", self._evidence_id, details
                )
        except (sqlite3.Error, OSError):
            rollback_quietly(conn)
            what = "the import's last batch"
            raise DiskFull(disk_full_message(self.session.db.folder, what) + "; the rest stays") from None
        message = f"{reason}; what was committed stays - free space and run the same command again to resume"
        return ImportOutcome("failed", message, self._evidence_id)

    def _already_complete(self, existing: dict[str, Any]) -> ImportOutcome:
        """A second add of a completely imported image is refused, unless the artifact step after its
        import never finished (Ctrl-C, a failure): then the import's outcome is given again, so the
        caller runs that step again."""
        evidence_id = int(existing["id"])
        extracted = self.session.db.conn.execute(
            "SELECT 1 FROM artifact_runs WHERE evidence_id = ? AND state IN ('current', 'superseded')",
            (evidence_id,),
        ).fetchone()
        if extracted:
            return self._refuse(
                f"{self.request.image.name} is already in this case as evidence {evidence_id} "
                "(import complete)",
                evidence_id,
            )
        digests = {key: existing[key] for key in ("md5", "sha1", "sha256") if existing.get(key)}
        return ImportOutcome(
            "complete",
            "import complete before; its artifact step had not finished and runs again",
            evidence_id,
            digests,
            {},
            existing.get("stored_hash_check"),
            self.session.catalogue.counts(evidence_id),
            len(self.session.catalogue.warnings(evidence_id)),
        )

    def _refuse(self, reason: str, evidence_id: int | None = None) -> ImportOutcome:
        self.session.record(
            "input_refused", evidence_id, {"image": str(self.request.image), "reason": reason}
        )
        return ImportOutcome("refused", reason, evidence_id)

    # the loop -----------------------------------------------------------------------------------
    def _run_workers(self, existing: dict[str, Any] | None) -> ImportOutcome:
        assert self._spec is not None
        plan = self._plan(existing)
        scan = Worker(run_scan, self._spec, plan, self.request.fat_tz)
        # a new image is hashed from the start, beside the walk (the hash needs no database row)
        media = self._resume(existing) if existing is not None else Worker(run_media_hash, self._spec)
        try:
            while scan.open or (media is not None and media.open):
                if self.cancel.cancelled:
                    return self._interrupted("cancelled by the examiner", "cancelled")
                for conn in wait([w.conn for w in (scan, media) if w is not None and w.open], timeout=0.2):
                    worker = scan if conn is scan.conn else media
                    assert worker is not None
                    outcome = self._receive(worker, worker is scan)
                    if isinstance(outcome, ImportOutcome):
                        return outcome
                    if outcome == "registered" and media is None and self._evidence_id is not None:
                        media = Worker(run_media_hash, self._spec)
                self._notify()
            return self._finish()
        finally:
            scan.stop()
            if media is not None:
                media.stop()
            self._restore_indexes_quietly()

    def _plan(self, existing: dict[str, Any] | None) -> ScanPlan:
        if existing is None:
            return ScanPlan(fat_orphans=self.request.fat_orphans)
        done, resume_from = self.session.catalogue.resume_points(existing["id"])
        return ScanPlan(fat_orphans=self.request.fat_orphans, done_volumes=done, resume_from=resume_from)

    def _receive(self, worker: Worker, is_scan: bool) -> ImportOutcome | str | None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.open = False
            return self._worker_ended(worker, is_scan)
        kind, *body = message
        handler = getattr(self, f"_on_{kind}")
        result: ImportOutcome | str | None = handler(*body)
        if kind in ("finished", "failed", "media_digests", "media_error"):
            worker.open = False
        return result

    def _worker_ended(self, worker: Worker, is_scan: bool) -> ImportOutcome | None:
        if is_scan and not self._scan_done:
            where = f" after {self._last_path}" if self._last_path else ""
            return self._interrupted(f"the evidence reader {worker.ending()}{where}", "failed")
        if not is_scan and self._digests is None and self._media_error is None:
            return self._interrupted(f"the image hasher {worker.ending()}", "failed")
        return None

    # messages from the catalogue process --------------------------------------------------------
    def _on_facts(self, facts: ImageFacts) -> None:
        self._facts = facts
        self.progress.media_total = facts.size
        self.progress.phase = "counting"

    def _on_estimate(self, entries: int, size: int) -> None:
        self.progress.estimate_entries, self.progress.estimate_bytes = entries, size
        self.progress.phase = "reading"

    def _on_volume(self, volume: VolumeRecord) -> str | None:
        registered = None
        if self._evidence_id is None:
            self._register()
            registered = "registered"
        assert self._evidence_id is not None
        with self.session.db.transaction():
            self.session.catalogue.upsert_volume(self._evidence_id, asdict(volume))
        return registered

    def _on_batch(self, entries: list[FileRecord | ReadWarning], byte_count: int) -> None:
        evidence_id = self._evidence_id
        assert evidence_id is not None
        records = [entry for entry in entries if isinstance(entry, FileRecord)]
        if records and not self._bulk_checked:
            self._start_bulk()
        with self.session.db.transaction():
            self.session.catalogue.add_files(_file_row(evidence_id, record) for record in records)
            for warning in (entry for entry in entries if isinstance(entry, ReadWarning)):
                self._store_warning(warning)
        if records:
            self._last_path = records[-1].path
        self.progress.entries += len(records)
        self.progress.file_bytes += byte_count

    def _store_warning(self, warning: ReadWarning) -> None:
        stored = self.session.catalogue.add_warning(
            NewWarning(
                self._evidence_id,
                warning.volume_index,
                warning.code,
                warning.path,
                warning.message,
                warning.details,
            )
        )
        if stored:
            self.progress.warnings += 1
            self.session.db.ledger.append(
                self.session.examiner,
                self.session.tz,
                "warning",
                self._evidence_id,
                {
                    "code": warning.code,
                    "volume": warning.volume_index,
                    "path": warning.path,
                    "message": warning.message,
                },
            )

    def _on_volume_done(self, volume_index: int, entries: int) -> None:
        assert self._evidence_id is not None
        with self.session.db.transaction():
            self.session.catalogue.volume_done(self._evidence_id, volume_index, entries)

    def _on_finished(self) -> None:
        self._scan_done = True
        self.progress.phase = "hashing image" if self._digests is None else "finishing"

    def _on_refused(self, reason: str) -> ImportOutcome:
        if self._evidence_id is None:
            return self._refuse(reason)
        return self._interrupted(f"the evidence reader stopped: {reason}", "failed")

    def _on_failed(self, reason: str) -> ImportOutcome:
        return self._interrupted(f"the evidence reader failed: {reason}", "failed")

    # messages from the image-hash process -------------------------------------------------------
    def _on_media_bytes(self, count: int) -> None:
        self.progress.media_bytes += count

    def _on_media_digests(self, digests: dict[str, str]) -> None:
        self._digests = digests

    def _on_media_error(self, reason: str) -> None:
        self._media_error = reason

    # the hash indexes around the bulk phase -----------------------------------------------------
    def _start_bulk(self) -> None:
        """Drop the hash indexes when this import brings many rows; built again when it ends."""
        self._bulk_checked = True
        new = self.progress.estimate_entries
        if new < BULK_ENTRIES or self.session.catalogue.file_rows() > BULK_REBUILD_RATIO * new:
            return
        with self.session.db.transaction():
            self.session.catalogue.suspend_hash_indexes()
        self._indexes_dropped = True

    def _restore_indexes(self) -> None:
        if self._indexes_dropped:
            self.progress.phase = "finishing"
            self._notify()
            self.session.catalogue.restore_hash_indexes()
            self._indexes_dropped = False

    def _restore_indexes_quietly(self) -> None:
        """On an unexpected way out; if the database fails here, the next open builds them."""
        with suppress(sqlite3.Error):
            self._restore_indexes()

    # state changes ------------------------------------------------------------------------------
    def _register(self) -> None:
        assert self._facts is not None and self._spec is not None
        facts, spec, request = self._facts, self._spec, self.request
        item = NewEvidence(
            label=request.label or spec.first.name,
            source_path=str(spec.first.resolve()),
            segments=[str(path.resolve()) for path in spec.segments],
            format=facts.format,
            size=facts.size,
            segment_sizes=list(facts.segment_sizes),
            acquisition=facts.acquisition,
            stored_md5=facts.stored_hashes.get("md5"),
            stored_sha1=facts.stored_hashes.get("sha1"),
            seized_from=request.seized_from,
            seized_at=request.seized_at,
            seal=request.seal,
            added_by=self.session.examiner.name,
            options={"fat_orphans": request.fat_orphans, "fat_tz": request.fat_tz, **reader_versions()},
            exhibit=request.exhibit,
        )
        ledger, examiner, tz = self.session.db.ledger, self.session.examiner, self.session.tz
        with self.session.db.transaction():
            self._evidence_id = self.session.catalogue.add_evidence(item)
            ledger.append(
                examiner,
                tz,
                "evidence_added",
                self._evidence_id,
                {
                    "label": item.label,
                    "image": item.source_path,
                    "segments": item.segments,
                    "format": item.format,
                    "size": item.size,
                    "seized_from": item.seized_from,
                    "seized_at": item.seized_at,
                    "seal": item.seal,
                    "exhibit": item.exhibit,
                    "acquisition": item.acquisition,
                    "stored_hashes": facts.stored_hashes,
                },
            )
            self._run_id = self.session.catalogue.start_run(self._evidence_id, _pid())
            ledger.append(
                examiner, tz, "import_started", self._evidence_id, {"run": self._run_id, **item.options}
            )

    def _resume(self, existing: dict[str, Any]) -> Worker | None:
        assert self._spec is not None
        self._evidence_id = int(existing["id"])
        catalogue, ledger = self.session.catalogue, self.session.db.ledger
        with self.session.db.transaction():
            for run in catalogue.open_runs(self._evidence_id):
                catalogue.end_run(
                    run["id"],
                    "interrupted",
                    run["entries"],
                    run["bytes"],
                    run["warnings"],
                    "found unfinished when the import was started again",
                )
                ledger.append(
                    self.session.examiner,
                    self.session.tz,
                    "import_interrupted",
                    self._evidence_id,
                    {
                        "run": run["id"],
                        "reason": "found unfinished (process killed or machine stopped)",
                        "commitments": catalogue_commitments(self.session.db.conn, self._evidence_id),
                    },
                )
            done, resume_from = catalogue.resume_points(self._evidence_id)
            self._run_id = catalogue.start_run(self._evidence_id, _pid())
            catalogue.set_evidence(self._evidence_id, import_state="running")
            ledger.append(
                self.session.examiner,
                self.session.tz,
                "import_resumed",
                self._evidence_id,
                {
                    "run": self._run_id,
                    "volumes_done": sorted(done),
                    "resume_from": {str(k): v for k, v in sorted(resume_from.items())},
                    **reader_versions(),
                },
            )
        if existing["sha256"]:
            self._digests = {"md5": existing["md5"], "sha1": existing["sha1"], "sha256": existing["sha256"]}
            return None
        return Worker(run_media_hash, self._spec)

    def _interrupted(self, reason: str, status: str) -> ImportOutcome:
        if self._evidence_id is None:
            self.session.record("import_failed", None, {"image": str(self.request.image), "reason": reason})
            return ImportOutcome("failed", reason)
        self._restore_indexes()
        counts = self.session.catalogue.counts(self._evidence_id)
        action = "import_interrupted" if status == "cancelled" else "import_failed"
        with self.session.db.transaction():
            self._end_run("interrupted" if status == "cancelled" else "failed", reason)
            self.session.catalogue.set_evidence(self._evidence_id, import_state="interrupted")
            self.session.db.ledger.append(
                self.session.examiner,
                self.session.tz,
                action,
                self._evidence_id,
                {
                    "run": self._run_id,
                    "reason": reason,
                    **counts,
                    "commitments": catalogue_commitments(self.session.db.conn, self._evidence_id),
                },
            )
        message = f"{reason}; {counts['entries']} entries kept - run the same command again to resume"
        return ImportOutcome(
            status, message, self._evidence_id, counts=counts, warnings=self.progress.warnings
        )

    def _end_run(self, outcome: str, note: str | None) -> None:
        if self._run_id is not None:
            self.session.catalogue.end_run(
                self._run_id,
                outcome,
                self.progress.entries,
                self.progress.file_bytes,
                self.progress.warnings,
                note,
            )

    def _finish(self) -> ImportOutcome:
        assert self._evidence_id is not None and self._facts is not None
        if self._digests is None:
            return self._interrupted(f"the image could not be hashed: {self._media_error}", "failed")
        stored = self._facts.stored_hashes
        check = _stored_check(stored, self._digests)
        self._restore_indexes()  # before the hash-set match and before any reader sees "complete"
        counts = self.session.catalogue.counts(self._evidence_id)
        warnings = len(self.session.catalogue.warnings(self._evidence_id))
        with self.session.db.transaction():
            self._end_run("complete", None)
            self.session.catalogue.set_evidence(
                self._evidence_id, import_state="complete", stored_hash_check=check, **self._digests
            )
            self.session.db.ledger.append(
                self.session.examiner,
                self.session.tz,
                "import_finished",
                self._evidence_id,
                {
                    "run": self._run_id,
                    "image_hashes": self._digests,
                    "stored_hashes": stored,
                    "stored_hash_check": check,
                    "warnings": warnings,
                    **counts,
                    "commitments": catalogue_commitments(self.session.db.conn, self._evidence_id),
                },
            )
        match_after_import(self.session, self._evidence_id)  # hash sets of this workstation, if any
        self.progress.phase = "complete"
        self._notify()
        message = "import complete" + (
            " - IMAGE HASH MISMATCH with the hashes stored in the image" if check == "mismatch" else ""
        )
        return ImportOutcome(
            "complete", message, self._evidence_id, self._digests, stored, check, counts, warnings
        )

    def _notify(self) -> None:
        if self.listener is not None:
            self.listener.update(self.progress)


def _pid() -> int:
    import os

    return os.getpid()
