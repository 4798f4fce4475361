"""An import cancelled or killed (kill -9) mid-way resumes when the same command runs again.

The image holds COUNT files of known content, so the resumed catalogue is checked against the
tree itself: every file once, with its SHA-256, and no duplicate rows.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import imaging
import pytest
from conftest import PASSPHRASE, add_evidence, file_list, ledger_events, ledger_intact

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case
from app.common.progress import CancelToken, ImportProgress
from app.evidence.importer import ImportJob, ImportRequest

COUNT, SIZE = 2000, 8192
FOLDERS = COUNT // 200
ENTRIES = COUNT + FOLDERS + 2  # files, their folders, lost+found, $OrphanFiles


def _expected() -> dict[str, str]:
    return {
        f"/dir{i // 200:03d}/file{i:05d}.bin": imaging.digests(imaging.noise(10_000 + i, SIZE))[2]
        for i in range(COUNT)
    }


def _stored_rows(case: Path) -> int:
    conn = sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True, timeout=30)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM files").fetchone()[0])
    finally:
        conn.close()


def _assert_complete_and_unique(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = file_list(capsys, case)
    assert len(records) == ENTRIES == len({(r["volume"], r["path"]) for r in records})
    hashes = {r["path"]: r["sha256"] for r in records if r["path"].endswith(".bin")}
    assert hashes == _expected()
    assert ledger_intact(capsys, case)


class _CancelAfterFirstBatch:
    """Presses Cancel as soon as some entries are stored, like an examiner would."""

    def __init__(self, token: CancelToken) -> None:
        self.token = token

    def update(self, progress: ImportProgress) -> None:
        if progress.entries > 0:
            self.token.cancel()


def test_cancelled_import_resumes_without_duplicates(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = imaging.many_files_ext4(COUNT, SIZE)
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(new_case, examiner)
    token = CancelToken()
    try:
        outcome = ImportJob(session, ImportRequest(image), _CancelAfterFirstBatch(token), token).run()
    finally:
        session.close()
    assert outcome.status == "cancelled" and "run the same command again" in outcome.message
    kept = _stored_rows(new_case)
    assert 0 < kept < ENTRIES

    summary = add_evidence(capsys, new_case, image)
    assert summary["status"] == "complete" and summary["entries"] == ENTRIES
    _assert_complete_and_unique(new_case, capsys)
    actions = [e["action"] for e in ledger_events(capsys, new_case) if e["action"].startswith("import_")]
    assert actions == ["import_started", "import_interrupted", "import_resumed", "import_finished"]


def _wait_for_rows(case: Path, process: subprocess.Popen[bytes], minimum: int) -> int:
    """Poll the case until the import has stored `minimum` rows (or the import ended)."""
    deadline = time.monotonic() + 300  # a safety net against a hang, not a speed assertion
    while time.monotonic() < deadline and process.poll() is None:
        if (case / "case.sqlite").exists():
            try:
                rows = _stored_rows(case)
            except sqlite3.OperationalError:
                rows = 0  # the files table is being created
            if rows >= minimum:
                return rows
        time.sleep(0.02)
    raise AssertionError(f"the import ended (exit {process.poll()}) before {minimum} rows were stored")


CLI_CHILD = "import sys; from app.cli.main import run; sys.exit(run(sys.argv[1:]))"


def kill_import_midway(case: Path, image: Path, child: str = CLI_CHILD) -> None:
    """`evidence add` in a child process (python -c CHILD), killed with SIGKILL once 300 rows are stored."""
    process = subprocess.Popen(
        [sys.executable, "-c", child, "evidence", "add", str(case), str(image)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "HAECHI_PASSPHRASE": PASSPHRASE,
        },  # this process took it out of its own environment
    )
    try:
        _wait_for_rows(case, process, 300)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL


def test_import_killed_with_sigkill_resumes(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = imaging.many_files_ext4(COUNT, SIZE)
    kill_import_midway(new_case, image)
    assert 300 <= _stored_rows(new_case) < ENTRIES

    summary = add_evidence(capsys, new_case, image)
    assert summary["status"] == "complete" and summary["entries"] == ENTRIES
    _assert_complete_and_unique(new_case, capsys)
    events = [e for e in ledger_events(capsys, new_case) if e["action"].startswith("import_")]
    assert [e["action"] for e in events] == [
        "import_started",
        "import_interrupted",
        "import_resumed",
        "import_finished",
    ]
    assert "found unfinished" in events[1]["details"]["reason"]
