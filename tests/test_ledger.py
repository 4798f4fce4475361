"""The custody ledger: intact chains verify; every kind of tampering is caught and named."""

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import TEST_SCRYPT_N

from app.cases.session import create_case, open_case
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.errors import LedgerRefused
from chain_of_custody.identity import ProfileStore
from chain_of_custody.ledger import Ledger, verify_ledger

PASS = "correct horse battery"


@pytest.fixture
def case_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = ProfileStore(tmp_path / "config" / "haechi" / "examiners", TEST_SCRYPT_N)
    examiner = store.unlock(store.create("Kim Examiner", PASS).name, PASS)
    session = create_case(tmp_path / "case", "2026-001", "Ledger test", "MCST", examiner)
    for n in range(5):
        session.record("note", None, {"n": n, "text": f"event {n} 한국어"})
    session.close()
    return tmp_path / "case"


def _tamper(case_dir: Path, *statements: str) -> None:
    conn = sqlite3.connect(case_dir / "case.sqlite")
    conn.executescript("DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _verdict(case_dir: Path, expect_head: str | None = None):
    db = CaseDatabase.open(case_dir)
    try:
        return verify_ledger(db.conn, expect_head)
    finally:
        db.close()


def test_untouched_ledger_verifies(case_dir: Path) -> None:
    verdict = _verdict(case_dir)
    assert verdict.intact and verdict.events == 7 and verdict.failed_seq is None


def test_triggers_refuse_update_and_delete(case_dir: Path) -> None:
    conn = sqlite3.connect(case_dir / "case.sqlite")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE ledger SET action = 'x' WHERE seq = 3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM ledger WHERE seq = 3")
    conn.close()


@pytest.mark.parametrize(
    ("statements", "seq", "reason"),
    [
        (['UPDATE ledger SET details = \'{"n":9,"text":"event 1 한국어"}\' WHERE seq = 4'], 4, "edited"),
        (["UPDATE ledger SET ts_utc = '2020-01-01T00:00:00.000000Z' WHERE seq = 5"], 5, "edited"),
        (["DELETE FROM ledger WHERE seq = 4"], 5, "sequence jumps"),
        (
            [
                "UPDATE ledger SET seq = seq + 100 WHERE seq = 4",
                "UPDATE ledger SET seq = 4 WHERE seq = 5",
                "UPDATE ledger SET seq = 5 WHERE seq = 104",
            ],
            4,
            "does not link",
        ),
        (
            ["UPDATE ledger SET signature = (SELECT signature FROM ledger WHERE seq = 2) WHERE seq = 6"],
            6,
            "signature does not verify",
        ),
        (["UPDATE ledger SET examiner = 'Mallory' WHERE seq = 3"], 3, "edited"),
    ],
    ids=["edited-details", "edited-time", "deleted", "reordered", "forged-signature", "other-examiner"],
)
def test_tampering_is_caught(case_dir: Path, statements: list[str], seq: int, reason: str) -> None:
    _tamper(case_dir, *statements)
    verdict = _verdict(case_dir)
    assert not verdict.intact
    assert verdict.failed_seq == seq
    assert reason in (verdict.reason or "")


def test_inserted_and_duplicated_events_are_caught(case_dir: Path) -> None:
    conn = sqlite3.connect(case_dir / "case.sqlite")
    row = conn.execute("SELECT * FROM ledger WHERE seq = 7").fetchone()
    conn.close()
    values = ", ".join("?" * len(row))
    _tamper(case_dir)
    conn = sqlite3.connect(case_dir / "case.sqlite")
    conn.execute(f"INSERT INTO ledger VALUES ({values})", (8, *row[1:8], "f" * 64, row[9]))
    conn.commit()
    conn.close()
    verdict = _verdict(case_dir)
    assert not verdict.intact and verdict.failed_seq == 8


def test_unknown_key_is_caught(case_dir: Path) -> None:
    _tamper(case_dir)
    conn = sqlite3.connect(case_dir / "case.sqlite")
    conn.executescript("DROP TRIGGER examiners_no_update;")
    conn.execute("UPDATE examiners SET name = 'Someone Else'")
    conn.commit()
    conn.close()
    verdict = _verdict(case_dir)
    assert not verdict.intact and "examiners table differs" in (verdict.reason or "")


def test_truncated_tail_is_caught_against_a_kept_head(case_dir: Path) -> None:
    head = _verdict(case_dir).head
    _tamper(case_dir, "DELETE FROM ledger WHERE seq = 7")
    assert _verdict(case_dir).intact  # the chain alone cannot see a cut tail...
    verdict = _verdict(case_dir, expect_head=head)
    assert not verdict.intact and "truncated" in (verdict.reason or "")  # ...the printed head can


def test_case_verifies_on_another_workstation(
    case_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "elsewhere" / "case"
    shutil.copytree(case_dir, copy)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-config"))  # no private keys there
    assert _verdict(copy).intact


def test_floats_are_refused(case_dir: Path, tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "config" / "haechi" / "examiners", TEST_SCRYPT_N)
    session = open_case(case_dir, store.unlock("Kim Examiner", PASS))
    with pytest.raises(LedgerRefused):
        session.record("note", None, {"ratio": 0.5})
    session.close()


def test_a_name_taken_by_another_key_is_refused(case_dir: Path, tmp_path: Path) -> None:
    other = ProfileStore(tmp_path / "other" / "examiners", TEST_SCRYPT_N)
    impostor = other.unlock(other.create("Kim Examiner", PASS).name, PASS)
    with pytest.raises(LedgerRefused, match="another key"):
        open_case(case_dir, impostor)


def _shifted_clock(seconds: float) -> Callable[[], str]:
    return lambda: (datetime.now(UTC) + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_a_clock_slightly_behind_is_recorded_as_an_anomaly(case_dir: Path, tmp_path: Path) -> None:
    examiner = ProfileStore(tmp_path / "config" / "haechi" / "examiners", TEST_SCRYPT_N).unlock(
        "Kim Examiner", PASS
    )
    db = CaseDatabase.open(case_dir)
    ledger = Ledger(db.conn, clock=_shifted_clock(-60))
    with db.transaction():
        event = ledger.append(examiner, "Asia/Seoul", "note", None, {"text": "clock one minute slow"})
    last = list(ledger.events())[-1]
    assert last.action == "clock_anomaly" and last.details["event_seq"] == event.seq
    assert 55_000 <= int(last.details["behind_ms"]) <= 65_000
    assert verify_ledger(db.conn).intact
    db.close()


def test_a_clock_far_behind_is_refused(case_dir: Path, tmp_path: Path) -> None:
    examiner = ProfileStore(tmp_path / "config" / "haechi" / "examiners", TEST_SCRYPT_N).unlock(
        "Kim Examiner", PASS
    )
    db = CaseDatabase.open(case_dir)
    with pytest.raises(LedgerRefused, match="set the workstation clock"), db.transaction():
        Ledger(db.conn, clock=_shifted_clock(-3600)).append(examiner, "UTC", "note", None, {})
    assert [e.action for e in db.ledger.events()][-1] == "note" and verify_ledger(db.conn).intact
    db.close()


def test_a_kept_head_followed_by_later_events_is_located(case_dir: Path, tmp_path: Path) -> None:
    kept = _verdict(case_dir).head
    store = ProfileStore(tmp_path / "config" / "haechi" / "examiners", TEST_SCRYPT_N)
    session = open_case(case_dir, store.unlock("Kim Examiner", PASS))
    session.record("report_issued", None, {"sha256": "0" * 64})
    session.close()
    verdict = _verdict(case_dir, expect_head=kept)
    assert verdict.intact and verdict.kept_head_seq == verdict.events - 1
    assert not _verdict(case_dir, expect_head="ab" * 32).intact
