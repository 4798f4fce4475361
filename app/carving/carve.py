"""A carve run: each volume's unallocated space cut into chunks and handed to PhotoRec, as Autopsy does.

A chunk's bytes are read through the evidence reader process into a private temporary file (outside
the case), PhotoRec carves it, and each file its report names is hashed from the chunk by its runs,
typed by libmagic and stored as a catalogue row (content = 'carved') whose content is its byte runs
of the image. PhotoRec's copies and the chunk are deleted at once. Each chunk is committed with its
files, so a cancelled or broken run resumes at the next chunk. The run is one ledger event.
"""

import hashlib
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.carving.progress import CarveProgress
from app.carving.unallocated import map_unallocated
from app.cases.session import CaseSession
from app.common.errors import HaechiError, Refused
from app.evidence.reader import EvidenceReader, EvidenceReadError, evidence_spec
from app.hashsets.matching import match_after_import
from chain_of_custody.carved import CarvedRow, CarvedStore
from chain_of_custody.commitments import commit
from forensics.base.errors import EvidenceError
from forensics.base.filetype import TYPE_HEAD, TypeSniffer, extension_mismatch
from forensics.base.hashing import TripleHasher
from forensics.carving.chunks import Chunk, plan_chunks
from forensics.carving.photorec import (
    CARVER,
    CarvedObject,
    carver_version,
    command_options,
    photorec_types,
    run_photorec,
)
from forensics.file_access import runs_address

DEFAULT_CHUNK_BYTES = 256 << 20  # 256 MiB per PhotoRec run: a file is cut only where a chunk ends
_READ = 4 << 20
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


class CarvingError(HaechiError):
    """Carving could not go on (PhotoRec missing or failed, the image unreadable)."""


@dataclass(frozen=True)
class CarveRequest:
    evidence_id: int
    types: tuple[str, ...] = ()  # empty: every file family PhotoRec knows
    chunk_bytes: int = DEFAULT_CHUNK_BYTES


@dataclass
class CarveSummary:
    evidence_id: int
    run_id: int
    carver_version: str
    parameters: dict[str, Any]
    state: str = "complete"  # or cancelled
    files: int = 0
    per_type: Counter[str] = field(default_factory=Counter)
    chunks: int = 0
    chunks_before: int = 0  # carved by an earlier run with the same parameters (resumed past)
    bytes: int = 0
    unallocated: list[dict[str, Any]] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)  # PhotoRec's copy differs from the runs


@dataclass(frozen=True)
class _Plan:
    volume_idx: int
    key: str
    chunks: list[Chunk]


def _plans(store: CarvedStore, evidence_id: int, version: str, parameters: dict[str, Any]) -> list[_Plan]:
    plans = []
    for volume in store.unallocated_volumes(evidence_id):
        ranges = list(store.unallocated_ranges(evidence_id, volume.volume_idx))
        if not ranges:
            continue
        blob = json.dumps([version, parameters, volume.volume_idx, ranges], sort_keys=True).encode()
        chunks = plan_chunks(volume.volume_idx, ranges, parameters["chunk_bytes"])
        plans.append(_Plan(volume.volume_idx, hashlib.sha256(blob).hexdigest(), chunks))
    return plans


def carve_evidence(
    session: CaseSession,
    request: CarveRequest,
    on_progress: Callable[[CarveProgress], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> CarveSummary:
    """Carve an imported evidence item's unallocated space (resuming chunks already carved)."""
    evidence = session.catalogue.evidence(request.evidence_id)
    if evidence is None:
        raise Refused(f"no evidence {request.evidence_id} in this case")
    if evidence["import_state"] != "complete":
        raise Refused(f"evidence {request.evidence_id} is not completely imported: finish its import first")
    try:
        version = carver_version()
        types = photorec_types(request.types)
    except EvidenceError as error:
        raise CarvingError(str(error)) from error
    except ValueError as error:
        raise Refused(str(error)) from error
    progress = CarveProgress()
    report = on_progress or (lambda _: None)
    report(progress)
    volumes = map_unallocated(session, request.evidence_id)
    parameters = {
        "types": list(types) or "all",
        "chunk_bytes": request.chunk_bytes,
        "options": command_options(types),
    }
    store = CarvedStore(session.db.conn)
    with session.db.transaction():
        run_id = store.start_run(request.evidence_id, session.examiner.name, CARVER, version, parameters)
    summary = CarveSummary(request.evidence_id, run_id, version, parameters)
    summary.unallocated = [
        {
            "volume": v.volume_idx,
            "state": v.state,
            "method": v.method,
            "reason": v.reason,
            "ranges": v.ranges,
            "bytes": v.bytes,
        }
        for v in volumes
    ]
    plans = _plans(store, request.evidence_id, version, parameters)
    todo = [
        (plan, chunk)
        for plan in plans
        for chunk in plan.chunks
        if chunk.index not in store.chunks_done(request.evidence_id, plan.volume_idx, plan.key)
    ]
    summary.chunks_before = sum(len(plan.chunks) for plan in plans) - len(todo)
    progress.phase, progress.chunks_total = "carving", len(todo)
    progress.bytes_total = sum(chunk.size for _, chunk in todo)
    report(progress)
    try:
        _carve_chunks(session, store, summary, todo, types, progress, report, cancelled)
    except (EvidenceError, EvidenceReadError, OSError) as error:
        _end(session, store, summary, "failed", str(error))
        raise CarvingError(f"carving stopped: {error}") from error
    except Exception as error:  # a bug: the run is still closed and recorded before it propagates
        _end(session, store, summary, "failed", f"{type(error).__name__}: {error}")
        raise
    _end(session, store, summary, summary.state, None)
    if summary.files:
        match_after_import(session, request.evidence_id, trigger="carving")
    progress.phase = summary.state
    report(progress)
    return summary


def _carve_chunks(
    session: CaseSession,
    store: CarvedStore,
    summary: CarveSummary,
    todo: list[tuple[_Plan, Chunk]],
    types: tuple[str, ...],
    progress: CarveProgress,
    report: Callable[[CarveProgress], None],
    cancelled: Callable[[], bool],
) -> None:
    """Carve chunk after chunk; the next chunk is copied out of the image while PhotoRec carves this
    one (the copy took 1.2 of 4.7 s over 487 MiB, docs/performance.md)."""
    sniffer = TypeSniffer()
    spec = evidence_spec(session.db, summary.evidence_id)
    with (
        EvidenceReader(spec) as reader,
        tempfile.TemporaryDirectory(prefix="haechi-carve-") as temp,
        ThreadPoolExecutor(1, thread_name_prefix="carve-copy") as copier,
    ):

        def copy(chunk: Chunk) -> tuple[Path, Future[int]]:
            work = Path(tempfile.mkdtemp(dir=temp))
            return work, copier.submit(reader.copy_to, runs_address(chunk.ranges), work / "chunk.bin")

        pending = copy(todo[0][1]) if todo else None
        for position, (plan, chunk) in enumerate(todo):
            assert pending is not None
            work, copied = pending
            if copied.result() != chunk.size:
                raise EvidenceReadError(f"unallocated space ends early in chunk {chunk.index}")
            pending = copy(todo[position + 1][1]) if position + 1 < len(todo) and not cancelled() else None
            rows = _carve_chunk(chunk, work, types, sniffer, cancelled, summary) if not cancelled() else None
            if rows is None:
                summary.state = "cancelled"
                return
            _store_chunk(session, store, summary, plan, chunk, rows)
            progress.chunks_done, progress.bytes_done = summary.chunks, summary.bytes
            progress.files = summary.files
            report(progress)


def _store_chunk(
    session: CaseSession,
    store: CarvedStore,
    summary: CarveSummary,
    plan: _Plan,
    chunk: Chunk,
    rows: list[CarvedRow],
) -> None:
    """The chunk's new files and the chunk's completion, in one transaction (the resume point)."""
    with session.db.transaction():
        added = store.add_carved(
            summary.evidence_id, summary.run_id, CARVER, summary.carver_version, summary.parameters, rows
        )
        store.chunk_done(
            summary.evidence_id,
            plan.volume_idx,
            plan.key,
            chunk.index,
            summary.run_id,
            chunk.size,
            len(added),
        )
    summary.files += len(added)
    summary.per_type.update(_extension(row.name) for row in added)
    summary.chunks += 1
    summary.bytes += chunk.size


def _carve_chunk(
    chunk: Chunk,
    work: Path,
    types: tuple[str, ...],
    sniffer: TypeSniffer,
    cancelled: Callable[[], bool],
    summary: CarveSummary,
) -> list[CarvedRow] | None:
    """The files PhotoRec carves from one chunk file (None when cancelled); its folder is emptied after."""
    chunk_file = work / "chunk.bin"
    found = run_photorec(chunk_file, work, types, cancelled)
    if found is None:
        return None
    rows = [_row(chunk, chunk_file, item, sniffer, work, summary) for item in found]
    _empty(work)
    return rows


def _row(
    chunk: Chunk,
    chunk_file: Path,
    item: CarvedObject,
    sniffer: TypeSniffer,
    work: Path,
    summary: CarveSummary,
) -> CarvedRow:
    """A carved file hashed and typed from its runs in the chunk (the image's bytes), not PhotoRec's copy."""
    hasher = TripleHasher()
    head = b""
    left = item.size
    with chunk_file.open("rb") as handle:
        for offset, length in item.runs:
            handle.seek(offset)
            length = min(length, left)
            while length > 0:
                data = handle.read(min(_READ, length))
                if not data:
                    raise EvidenceReadError(f"PhotoRec names bytes past the chunk's end ({item.name})")
                hasher.update(data)
                if len(head) < TYPE_HEAD:
                    head += data[: TYPE_HEAD - len(head)]
                length -= len(data)
                left -= len(data)
    digests = hasher.digests()
    copy = next(work.glob(f"out.*/{item.name}"), None)
    if copy is not None and _md5(copy) != digests.md5:
        summary.differing.append(item.name)
    image_runs = chunk.image_runs(item.runs, item.size)
    extension = _extension(item.name)
    name = f"f{image_runs[0][0] // 512:010d}" + (f".{extension}" if extension else "")
    mime, description = sniffer.identify(head)
    return CarvedRow(
        chunk.volume_idx,
        chunk.index,
        name,
        item.name,
        item.size,
        image_runs,
        digests.md5,
        digests.sha1,
        digests.sha256,
        mime,
        description,
        extension_mismatch(name, mime),
    )


def _extension(name: str) -> str:
    found = _EXTENSION.search(name)
    return found.group(1).lower() if found else ""


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        while block := handle.read(_READ):
            digest.update(block)
    return digest.hexdigest()


def _empty(work: Path) -> None:
    """PhotoRec's copies, log and the chunk go as soon as the chunk is stored (no copy is kept)."""
    for path in sorted(work.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    work.rmdir()


def _end(
    session: CaseSession, store: CarvedStore, summary: CarveSummary, state: str, reason: str | None
) -> None:
    """Close the run and record it: what was carved, with what, over which space."""
    rows = session.db.conn.execute(
        "SELECT c.file_id, c.runs, f.md5, f.sha256 FROM carved_files c JOIN files f ON f.id = c.file_id "
        "WHERE c.run_id = ? ORDER BY c.file_id",
        (summary.run_id,),
    ).fetchall()
    digest = hashlib.sha256(json.dumps([list(row) for row in rows]).encode()).hexdigest()
    details: dict[str, Any] = {
        "state": state,
        "run": summary.run_id,
        "carver": CARVER,
        "carver_version": summary.carver_version,
        "parameters": summary.parameters,
        "unallocated": summary.unallocated,
        "chunks_carved": summary.chunks,
        "chunks_carved_before": summary.chunks_before,
        "bytes_carved": summary.bytes,
        "files": summary.files,
        "files_per_type": dict(sorted(summary.per_type.items())),
        "files_sha256": digest,
        "photorec_copies_differing": summary.differing,
    }
    if reason:
        details["reason"] = reason
    action = {"complete": "carved", "cancelled": "carving_cancelled"}.get(state, "carving_failed")
    with session.db.transaction():
        store.end_run(summary.run_id, state, summary.chunks, summary.files, summary.bytes)
        if summary.evidence_id is not None:  # every carved row of the item under a signed root
            details["commitments"] = [commit(session.db.conn, f"carved:{summary.evidence_id}")]
        session.db.ledger.append(session.examiner, session.tz, action, summary.evidence_id, details)
