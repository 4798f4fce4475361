"""The hash indexes an import drops for its bulk phase: built again on every way out of it.

The images here are smaller than app.evidence.importer.BULK_ENTRIES, so each test lowers it to 1: the
drop-and-build path runs on real imports (in-process, or in the child of the kill test).
"""

import sqlite3
from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, file_list, ledger_intact
from test_resume import CLI_CHILD, kill_import_midway

import app.evidence.importer
from app.browse.files import FileFilter, _where
from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.locking import import_lock
from app.cases.session import open_case
from app.common.progress import CancelToken, ImportProgress
from app.evidence.importer import ImportJob, ImportRequest
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.schema import HASH_INDEXES

HASH_INDEX_NAMES = [name for name, _ in HASH_INDEXES]
COUNT, SIZE = 2000, 8192
ENTRIES = COUNT + COUNT // 200 + 2  # files, their folders, lost+found, $OrphanFiles


@pytest.fixture
def bulk_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.evidence.importer, "BULK_ENTRIES", 1)


def _raw(case: Path) -> sqlite3.Connection:
    """The case database as any SQLite tool sees it (not opened through Haechi)."""
    return sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True, timeout=30)


def _indexes(case: Path) -> set[str]:
    conn = _raw(case)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def _schema(case: Path) -> list[tuple[str, str]]:
    conn = _raw(case)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
    finally:
        conn.close()


def _fresh_schema(tmp_path: Path) -> list[tuple[str, str]]:
    if not (tmp_path / "fresh").exists():
        CaseDatabase.create(tmp_path / "fresh").close()
    return _schema(tmp_path / "fresh")


def _plan(case: Path, column: str) -> str:
    """EXPLAIN QUERY PLAN of the file table's hash filter on `column`."""
    where, args = _where(
        FileFilter(hash_value={"md5": "0" * 32, "sha1": "0" * 40, "sha256": "0" * 64}[column])
    )
    conn = _raw(case)
    try:
        rows = conn.execute(f"EXPLAIN QUERY PLAN SELECT f.id FROM files f{where}", args).fetchall()
    finally:
        conn.close()
    return " ".join(str(row[-1]) for row in rows)


def _assert_indexed(case: Path) -> None:
    assert set(HASH_INDEX_NAMES) <= _indexes(case)
    for name, column in HASH_INDEXES:
        assert f"INDEX {name} ({column}=?)" in _plan(case, column)


class _IndexWatcher:
    """Looks at the case's indexes while the import reads; optionally presses Cancel."""

    def __init__(self, case: Path, cancel: CancelToken | None = None) -> None:
        self.case = case
        self.cancel = cancel
        self.missing_while_reading = False

    def update(self, progress: ImportProgress) -> None:
        if progress.phase == "reading" and progress.entries > 0:
            if not set(HASH_INDEX_NAMES) <= _indexes(self.case):
                self.missing_while_reading = True
                self._open_meanwhile()
            if self.cancel is not None:
                self.cancel.cancel()

    def _open_meanwhile(self) -> None:
        """Another reader (the desktop app) opens the case: no index built, hash filter right."""
        db = CaseDatabase.open(self.case)
        try:
            md5, count = db.conn.execute("SELECT md5, COUNT(*) FROM files WHERE md5 IS NOT NULL").fetchone()
            assert count > 0
            where, args = _where(FileFilter(hash_value=md5))
            found = db.conn.execute(f"SELECT f.md5 FROM files f{where}", args).fetchall()
            assert found and {row[0] for row in found} == {md5}
        finally:
            db.close()
        assert not set(HASH_INDEX_NAMES) & _indexes(self.case)


def _import(case: Path, image: Path, watcher: _IndexWatcher, cancel: CancelToken | None = None) -> str:
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(case, examiner)
    try:
        outcome = ImportJob(session, ImportRequest(image), watcher, cancel).run()
        _assert_indexed(case)  # before this connection is closed or the case opened again
    finally:
        session.close()
    return outcome.status


def test_bulk_import_drops_and_builds_hash_indexes(
    new_case: Path, tmp_path: Path, bulk_always: None, capsys: pytest.CaptureFixture[str]
) -> None:
    watcher = _IndexWatcher(new_case)
    assert _import(new_case, imaging.many_files_ext4(COUNT, SIZE), watcher) == "complete"
    assert watcher.missing_while_reading
    assert _schema(new_case) == _fresh_schema(tmp_path)
    assert len(file_list(capsys, new_case)) == ENTRIES


def test_cancelled_bulk_import_leaves_hash_indexes(new_case: Path, bulk_always: None) -> None:
    token = CancelToken()
    watcher = _IndexWatcher(new_case, token)
    assert _import(new_case, imaging.many_files_ext4(COUNT, SIZE), watcher, token) == "cancelled"
    assert watcher.missing_while_reading


def test_second_evidence_into_a_larger_case_keeps_hash_indexes(
    new_case: Path, bulk_always: None, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, imaging.many_files_ext4(COUNT, SIZE))
    watcher = _IndexWatcher(new_case)
    assert _import(new_case, imaging.ext4(), watcher) == "complete"  # ~20 entries against 2,000 rows
    assert not watcher.missing_while_reading
    assert ledger_intact(capsys, new_case)


def test_same_catalogue_with_and_without_the_bulk_phase(
    tmp_path: Path, examiner_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    image = imaging.ext4()
    listings = []
    for threshold in (1, 10**9):
        monkeypatch.setattr(app.evidence.importer, "BULK_ENTRIES", threshold)
        case = tmp_path / f"case-{threshold}"
        CaseDatabase.create(case).close()
        add_evidence(capsys, case, image)
        listings.append([{k: v for k, v in r.items() if k != "id"} for r in file_list(capsys, case)])
    assert listings[0] == listings[1] and listings[0]


def test_killed_bulk_import_gets_its_indexes_at_the_next_open(
    new_case: Path, tmp_path: Path, bulk_always: None, capsys: pytest.CaptureFixture[str]
) -> None:
    image = imaging.many_files_ext4(COUNT, SIZE)
    kill_import_midway(
        new_case, image, f"import app.evidence.importer; app.evidence.importer.BULK_ENTRIES = 1; {CLI_CHILD}"
    )
    assert not set(HASH_INDEX_NAMES) & _indexes(new_case)  # the kill left them dropped

    CaseDatabase.open(new_case).close()  # e.g. the desktop app or `haechi files`
    _assert_indexed(new_case)
    assert _schema(new_case) == _fresh_schema(tmp_path)
    CaseDatabase.open(new_case).close()  # idempotent
    assert _schema(new_case) == _fresh_schema(tmp_path)

    summary = add_evidence(capsys, new_case, image)  # resumes, with a bulk phase of its own
    assert summary["status"] == "complete" and summary["entries"] == ENTRIES
    _assert_indexed(new_case)
    assert ledger_intact(capsys, new_case)


def test_open_leaves_indexes_to_a_running_import(new_case: Path) -> None:
    db = CaseDatabase.open(new_case)
    with db.transaction():
        db.conn.execute("DROP INDEX files_md5")
    db.close()
    with import_lock(new_case):  # an import in another process holds this
        CaseDatabase.open(new_case).close()
        assert "files_md5" not in _indexes(new_case)
    CaseDatabase.open(new_case).close()
    assert "files_md5" in _indexes(new_case)
