"""Extracting artifacts (IPTV credentials, playlists, device identity, panels...) from a case's evidence.

Candidates are chosen by SQL over the catalogue; each one's bytes are read through the evidence
reader process into a private temporary copy, checked against the catalogued SHA-256, and given to
the extractors that want it. An Amlogic EPT dump's key store (not a file) is read there too
(app/artifacts/keystore.py). Results are stored as one run; the run is one ledger event.
"""

import fnmatch
import hashlib
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.artifacts.keystore import (
    DEVICE_KEY_TYPE,
    KEY_STORE_TYPE,
    READER_NAME,
    READER_VERSION,
    KeyStoreSite,
    key_store_site,
    store_key_store,
)
from app.cases.session import CaseSession
from app.evidence.reader import EvidenceReader, EvidenceReadError, evidence_spec, file_address
from app.links.index import rebuild_links
from chain_of_custody.artifacts_store import ArtifactStore, StoredRow
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue, NewWarning
from chain_of_custody.commitments import commit, warnings_bound
from forensics.artifacts.base import Extractor, SourceFile, run_extractor
from forensics.artifacts.common import SQLITE_MAGIC
from forensics.artifacts.registry import EXTRACTORS, artifact_types, extractor_versions

WARNING_CODE = "artifact_source_damaged"
_CHUNK = 16 << 20
ProgressCallback = Callable[[int, int, str], None]


def run_versions() -> dict[str, int]:
    """Every reader a run uses, with its version: the file extractors and the key store reader."""
    return {**extractor_versions(), READER_NAME: READER_VERSION}


def all_artifact_types() -> list[str]:
    """Every artifact type a run can store (the extractors', `device_key` and `key_store`)."""
    return sorted({*artifact_types(), DEVICE_KEY_TYPE, KEY_STORE_TYPE})


@dataclass(frozen=True)
class Candidate:
    file_id: int
    volume_idx: int
    path: str
    name: str
    size: int
    sha256: str | None
    extractors: tuple[Extractor, ...]
    too_large_for: tuple[Extractor, ...] = ()


@dataclass
class ArtifactRunSummary:
    evidence_id: int
    run_id: int
    sources: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time spent per extractor
    state: str = "current"  # or cancelled / failed

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def candidates(
    db: CaseDatabase, evidence_id: int, extractors: tuple[Extractor, ...] = EXTRACTORS
) -> Iterator[Candidate]:
    """Catalogued files with readable content that at least one extractor wants.

    One pass over the evidence's regular files; names are screened by one pattern made of every
    extractor's (cheaper than SQL LIKE chains on a million-file catalogue)."""
    screen = re.compile(
        "|".join(fnmatch.translate(name) for extractor in extractors for name in extractor.source.names),
        re.IGNORECASE,
    )
    query = (
        "SELECT id, volume_idx, path, name, size, sha256 FROM files WHERE evidence_id = ? "
        "AND meta_type = 'r' AND size > 0 AND inode IS NOT NULL "
        "AND content IN ('read', 'recovered', 'partial') ORDER BY id"
    )
    for file_id, volume_idx, path, name, size, sha256 in db.conn.execute(query, (evidence_id,)):
        if not screen.match(name):
            continue
        wanting = tuple(extractor for extractor in extractors if extractor.wants(path, name, size))
        too_large = tuple(extractor for extractor in extractors if extractor.refuses_size(path, name, size))
        if wanting or too_large:
            yield Candidate(file_id, volume_idx, path, name, size, sha256, wanting, too_large)


def _copy_file(
    reader: EvidenceReader, db: CaseDatabase, file_id: int, sha256: str | None, local: Path
) -> None:
    """One catalogued file's bytes into `local`; refuses content that no longer matches the catalogue.

    Reads by the catalogued size, so a small file costs one request to the reader process."""
    _, address = file_address(db, file_id)
    size = int(db.conn.execute("SELECT size FROM files WHERE id = ?", (file_id,)).fetchone()[0])
    digest = hashlib.sha256()
    offset = 0
    with local.open("wb") as out:
        while offset < size:
            chunk = reader.read(address, offset, min(_CHUNK, size - offset))
            if not chunk:
                raise EvidenceReadError(f"content ends early at offset {offset} of {size}")
            digest.update(chunk)
            out.write(chunk)
            offset += len(chunk)
    if sha256 and digest.hexdigest() != sha256:
        raise EvidenceReadError(
            f"content read now (sha256 {digest.hexdigest()}) differs from the catalogue ({sha256})"
        )


def _wal_sibling(
    db: CaseDatabase, evidence_id: int, candidate: Candidate
) -> tuple[int, str, str | None] | None:
    """The SQLite write-ahead log next to a database (recent writes may live only there)."""
    parent = candidate.path[: candidate.path.rfind("/")] or "/"
    row = db.conn.execute(
        "SELECT id, path, sha256 FROM files WHERE evidence_id = ? AND volume_idx = ? AND parent_path = ? "
        "AND name = ? AND meta_type = 'r' AND size > 0 AND content IN ('read', 'recovered', 'partial') "
        "ORDER BY allocated DESC, id LIMIT 1",
        (evidence_id, candidate.volume_idx, parent, f"{candidate.name}-wal"),
    ).fetchone()
    return (int(row[0]), str(row[1]), row[2]) if row else None


def _copy_out(
    reader: EvidenceReader, db: CaseDatabase, evidence_id: int, candidate: Candidate, folder: Path
) -> tuple[SourceFile, dict[str, Any] | None]:
    """A private copy of the candidate (and of its SQLite WAL, kept beside it under the same name)."""
    local = folder / f"{candidate.file_id}-{re.sub(r'[^A-Za-z0-9._-]', '_', candidate.name)[:80]}"
    _copy_file(reader, db, candidate.file_id, candidate.sha256, local)
    with local.open("rb") as handle:
        is_sqlite = handle.read(16) == SQLITE_MAGIC
    wal = _wal_sibling(db, evidence_id, candidate) if is_sqlite else None
    if wal is not None:
        _copy_file(reader, db, wal[0], wal[2], Path(f"{local}-wal"))
    used = {"path": wal[1], "sha256": wal[2]} if wal else None
    return SourceFile(candidate.path, local, local.stat().st_size), used


def run_artifacts(
    session: CaseSession,
    evidence_id: int,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ArtifactRunSummary:
    """Extract every artifact from one evidence item; the previous run's rows are superseded.

    A cancelled run keeps what it stored but never supersedes: the previous run stays current."""
    db = session.db
    if session.catalogue.evidence(evidence_id) is None:
        raise KeyError(f"no evidence {evidence_id} in this case")
    store = ArtifactStore(db.conn)
    with db.transaction():
        run_id = store.start_run(evidence_id, session.examiner.name, run_versions())
    summary = ArtifactRunSummary(evidence_id, run_id)
    try:
        found = list(candidates(db, evidence_id))
        site = key_store_site(db.conn, evidence_id)
        spec = evidence_spec(db, evidence_id)
        missing = [segment for segment in spec.segments if not segment.is_file()]
        if (found or site) and missing:
            raise EvidenceReadError(f"the evidence image is not reachable: {missing[0]} not found")
        with (
            tempfile.TemporaryDirectory(prefix="haechi-artifacts-") as scratch,
            EvidenceReader(spec) as reader,
        ):
            if site is not None:
                _extract_key_store(session, reader, site, summary)
            for done, candidate in enumerate(found, start=1):
                if cancelled is not None and cancelled():
                    _stop(session, store, summary, "cancelled", f"cancelled after {done - 1} of {len(found)}")
                    return summary
                if progress is not None:
                    progress(done, len(found), candidate.path)
                _extract_one(session, reader, candidate, Path(scratch), summary)
    except BaseException as error:
        _stop(session, store, summary, "failed", f"{type(error).__name__}: {error}")
        raise
    _finish(session, store, summary)
    rebuild_links(session.db)  # the links between exhibits follow the rows now current
    return summary


def _stop(
    session: CaseSession, store: ArtifactStore, summary: ArtifactRunSummary, state: str, why: str
) -> None:
    """End a run that did not complete: its state, and a ledger event saying why."""
    summary.state = state
    with session.db.transaction():
        store.end_incomplete(summary.run_id, state)
        details = {
            "run_id": summary.run_id,
            "sources": summary.sources,
            "rows": summary.rows,
            "reason": why,
            "commitments": _run_commitments(session, summary),
        }
        session.db.ledger.append(
            session.examiner, session.tz, f"artifacts_{state}", summary.evidence_id, details
        )


def _extract_one(
    session: CaseSession,
    reader: EvidenceReader,
    candidate: Candidate,
    scratch: Path,
    summary: ArtifactRunSummary,
) -> None:
    summary.sources += 1
    for extractor in candidate.too_large_for:
        limit = extractor.source.max_size
        _warn(
            session, summary, candidate, extractor.label(), f"not read: {candidate.size} bytes, limit {limit}"
        )
    if not candidate.extractors:
        return
    try:
        source, wal = _copy_out(reader, session.db, summary.evidence_id, candidate, scratch)
    except EvidenceReadError as error:
        _warn(session, summary, candidate, "reader", f"content could not be read: {error}")
        return
    stored: list[StoredRow] = []
    try:
        for extractor in candidate.extractors:
            result = run_extractor(extractor, source)
            summary.seconds[extractor.name] = summary.seconds.get(extractor.name, 0.0) + result.seconds
            if result.warning:
                _warn(session, summary, candidate, extractor.label(), result.warning)
            for row in result.rows:
                fields = {**row.fields, "sqlite_wal": wal} if wal else row.fields
                stored.append(
                    StoredRow(
                        candidate.file_id,
                        row.type,
                        fields,
                        extractor.name,
                        extractor.version,
                        candidate.sha256,
                    )
                )
                summary.counts[row.type] += 1
    finally:
        for leftover in scratch.iterdir():
            leftover.unlink()
    if stored:
        with session.db.transaction():
            ArtifactStore(session.db.conn).add_rows(summary.run_id, summary.evidence_id, stored)


def _extract_key_store(
    session: CaseSession, reader: EvidenceReader, site: KeyStoreSite, summary: ArtifactRunSummary
) -> None:
    """The key store's `device_key` rows; a key store that cannot be read or looks damaged is a warning."""
    summary.sources += 1
    reader_label = f"{READER_NAME}/{READER_VERSION}"
    try:
        store = reader.key_store()
    except EvidenceReadError as error:
        _warn_at(session, summary, site.volume_idx, site.label, reader_label, f"not read: {error}", {})
        return
    if store is None:
        message = "the Amlogic EPT the catalogue lists was not found in the image: key store not read"
        _warn_at(session, summary, site.volume_idx, site.label, reader_label, message, {})
        return
    with session.db.transaction():
        stored = store_key_store(session.db.conn, summary.run_id, summary.evidence_id, site, store)
    summary.counts.update(stored)
    where = {"image_offset": str(store.offset), "sha256": store.sha256}
    for problem in store.problems:
        _warn_at(session, summary, site.volume_idx, site.label, reader_label, problem, where)


def _warn(
    session: CaseSession, summary: ArtifactRunSummary, candidate: Candidate, extractor: str, message: str
) -> None:
    where = {"file_id": str(candidate.file_id)}
    _warn_at(session, summary, candidate.volume_idx, candidate.path, extractor, message, where)


def _warn_at(
    session: CaseSession,
    summary: ArtifactRunSummary,
    volume_idx: int | None,
    path: str,
    extractor: str,
    message: str,
    where: dict[str, str],
) -> None:
    """One damaged or unreadable source: in the run's summary and in the case's warnings."""
    details = {"extractor": extractor, **where, "run_id": str(summary.run_id)}
    summary.warnings.append({"path": path, "message": message, **details})
    text = f"{extractor}: {message}"
    stored = NewWarning(summary.evidence_id, volume_idx, WARNING_CODE, path, text, details)
    with session.db.transaction():
        session.catalogue.add_warning(stored)


def _finish(session: CaseSession, store: ArtifactStore, summary: ArtifactRunSummary) -> None:
    with session.db.transaction():
        summary.superseded = store.finish_run(summary.run_id, summary.sources, len(summary.warnings))
        session.db.ledger.append(
            session.examiner,
            session.tz,
            "artifacts_extracted",
            summary.evidence_id,
            {
                "run_id": summary.run_id,
                "sources": summary.sources,
                "rows": summary.rows,
                "counts": dict(sorted(summary.counts.items())),
                "warnings": len(summary.warnings),
                "warning_paths": sorted({w["path"] for w in summary.warnings})[:50],
                "extractors": run_versions(),
                "superseded_runs": summary.superseded,
                "milliseconds": {name: round(sec * 1000) for name, sec in sorted(summary.seconds.items())},
                "commitments": _run_commitments(session, summary),
            },
        )


def _run_commitments(session: CaseSession, summary: ArtifactRunSummary) -> list[dict[str, Any]]:
    """The run's rows (with the image ranges they came from) and the evidence item's warnings so far."""
    conn, evidence_id = session.db.conn, summary.evidence_id
    return [
        commit(conn, f"artifacts:{summary.run_id}"),
        commit(conn, f"warnings:{evidence_id}", warnings_bound(conn, evidence_id)),
    ]


# the query API for the desktop application, the report and the CLI ------------------------------
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "iptv_credential": ("IPTV credentials", "IPTV 계정 정보"),
    "iptv_url": ("IPTV server URLs (Xtream Codes / Stalker)", "IPTV 서버 주소 (Xtream Codes / Stalker)"),
    "stb_mac": ("Set-top-box MAC addresses (MAG)", "셋톱박스 MAC 주소 (MAG)"),
    "playlist": ("Playlists and programme guides", "재생 목록 및 편성표"),
    "device_identity": ("Device identity (build.prop)", "기기 식별 정보 (build.prop)"),
    "device_key": ("Device keys (Amlogic key store: MAC, usid)", "기기 키 (Amlogic 키 저장소: MAC, usid)"),
    "key_store": ("Amlogic key store verification", "Amlogic 키 저장소 검증"),
    "installed_package": ("Installed packages", "설치된 앱"),
    "kodi_source": ("Kodi media sources", "Kodi 미디어 소스"),
    "kodi_pvr_setting": ("Kodi IPTV Simple client settings", "Kodi IPTV Simple 설정"),
    "kodi_addon": ("Kodi add-ons", "Kodi 애드온"),
    "kodi_played": ("Kodi played files", "Kodi 재생 기록"),
    "wifi_network": ("Wi-Fi networks", "Wi-Fi 네트워크"),
    "browser_history": ("Browser history", "브라우저 방문 기록"),
    "browser_download": ("Browser downloads", "브라우저 다운로드"),
    "panel_line": ("Panel customer lines", "패널 가입자 회선"),
    "panel_reseller": ("Panel resellers", "패널 리셀러"),
    "panel_credit": ("Panel credit movements", "패널 크레딧 내역"),
    "panel_stream": ("Panel streams and their sources", "패널 채널 및 원본 주소"),
    "panel_server": ("Panel streaming servers", "패널 스트리밍 서버"),
    "panel_activity": ("Panel client activity", "패널 접속 기록"),
    "panel_mag_device": ("Panel MAG devices", "패널 MAG 기기"),
    "streaming_config": ("Re-streaming configuration (nginx-rtmp)", "재송출 서버 설정 (nginx-rtmp)"),
}


# The fields that identify a row of each type, in reading order: columns for tables and reports.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "iptv_credential": ("server_url", "username", "password", "mac", "expiry", "profile_name"),
    "iptv_url": ("kind", "host", "username", "password", "occurrences", "found_in"),
    "stb_mac": ("mac", "occurrences"),
    "playlist": ("format", "kind", "entries", "hosts", "epg_url", "credentials"),
    "device_identity": ("brand", "model", "manufacturer", "fingerprint", "build_date", "urls"),
    "device_key": (
        "name",
        "value",
        "size",
        "attributes",
        "sha256_ok",
        "verified",
        "same_in_other_copy",
        "offset",
    ),
    "key_store": ("format", "verified", "head_hash_ok", "block_hash_ok", "checksum_ok", "copies_identical"),
    "installed_package": ("package", "code_path", "built_into_firmware", "installer", "first_install"),
    "kodi_source": ("section", "name", "paths"),
    "kodi_pvr_setting": ("m3u_url", "epg_url", "m3u_path"),
    "kodi_addon": ("addon_id", "origin", "install_date_local", "enabled"),
    "kodi_played": ("location", "play_count", "last_played_local"),
    "wifi_network": ("ssid", "psk", "bssid", "source_format"),
    "browser_history": ("url", "title", "visit_count", "last_visit"),
    "browser_download": ("url", "target_path", "start_time", "total_bytes"),
    "panel_line": ("username", "password", "expiry", "reseller_id", "max_connections", "enabled"),
    "panel_reseller": ("reseller_id", "username", "owner_id", "credits", "last_ip"),
    "panel_credit": ("date", "admin_id", "target_id", "amount", "reason"),
    "panel_stream": ("stream_id", "name", "sources"),
    "panel_server": ("server_id", "name", "ip", "domain"),
    "panel_activity": ("start", "line_id", "client_ip", "country", "stream_id", "user_agent"),
    "panel_mag_device": ("mac", "line_id", "serial", "model"),
    "streaming_config": ("application", "pull", "exec", "push", "hls_path", "hosts"),
}


def artifact_type_counts(db: CaseDatabase, evidence_id: int | None = None) -> dict[str, int]:
    """Types present in the current runs, with how many rows each."""
    return ArtifactStore(db.conn).type_counts(evidence_id)


def artifact_records(
    db: CaseDatabase, artifact_type: str | None = None, evidence_id: int | None = None
) -> Iterator[dict[str, Any]]:
    """Current artifact rows as records: type, fields, and where they came from (provenance).

    A row read from the image itself (a key store) has file_id None, path its label
    ("<key store @ 0x...>"), inode None and the SHA-256 of the bytes read; its bytes are live
    content of the image, so `allocated` is true."""
    for row in ArtifactStore(db.conn).rows(artifact_type, evidence_id):
        yield {
            "id": row["id"],
            "type": row["type"],
            "fields": row["fields"],
            "source": {
                "evidence_id": row["evidence_id"],
                "volume": row["volume_idx"],
                "volume_description": row["volume_description"],
                "path": row["path"],
                "inode": row["inode"],
                "sha256": row["sha256"],
                "allocated": bool(row["allocated"]) if row["file_id"] is not None else True,
                "file_id": row["file_id"],
            },
            "extractor": f"{row['extractor']}/{row['extractor_version']}",
            "extracted_at": row["created_at"],
        }


def artifact_runs(db: CaseDatabase, evidence_id: int | None = None) -> list[dict[str, Any]]:
    return ArtifactStore(db.conn).runs(evidence_id)


def artifact_warnings(db: CaseDatabase, evidence_id: int | None = None) -> list[dict[str, Any]]:
    """Sources that were damaged or unreadable (stored in the case's warnings)."""
    return [w for w in Catalogue(db.conn).warnings(evidence_id) if w["code"] == WARNING_CODE]
