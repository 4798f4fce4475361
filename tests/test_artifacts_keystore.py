"""The Amlogic key store's values (MAC, mac_bt, mac_wifi, usid) as `device_key` artifacts, with the
byte range they were read from as provenance; and schema 7, which makes that provenance possible.

The eMMC dumps come from test_android_layouts' builders: an EPT written from its documented layout,
real ext4 partitions made by mke2fs -d, a key store at `reserved` + 0x4000.
"""

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import add_evidence, cli, ledger_events, ledger_intact
from test_android_layouts import KEYS, MIB, USID, emmc_dump

from app.artifacts.keystore import READER_VERSION
from chain_of_custody.schema import migrate, schema_version
from forensics.artifacts.keystore import KEY_AREA_SIZE

KEY_AREA = 36 * MIB + 0x4000
LABEL = "<key store @ 0x2404000>"


def _records(capsys: pytest.CaptureFixture[str], case: Path, *extra: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "artifacts", str(case), *extra)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def _bytes_at(image: Path, offset: int, length: int) -> bytes:
    with image.open("rb") as handle:
        handle.seek(offset)
        return handle.read(length)


def _overwrite(image: Path, offset: int, data: bytes) -> None:
    with image.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def _key_store_warnings(capsys: pytest.CaptureFixture[str], case: Path) -> list[dict[str, Any]]:
    event = [e for e in ledger_events(capsys, case) if e["action"] == "artifacts_extracted"][-1]
    assert LABEL in event["details"]["warning_paths"]
    db = sqlite3.connect(case / "case.sqlite")
    try:
        rows = db.execute(
            "SELECT volume_idx, message, details FROM warnings WHERE code = 'artifact_source_damaged' "
            "AND path = ?",
            (LABEL,),
        ).fetchall()
    finally:
        db.close()
    return [{"volume": v, "message": m, "details": json.loads(d)} for v, m, d in rows]


def test_key_store_values_are_artifacts_with_image_provenance(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = emmc_dump(tmp_path)
    add_evidence(capsys, new_case, dump)  # the import runs the extractors and reads the key store
    records = _records(capsys, new_case, "--type", "device_key")
    assert {r["fields"]["name"]: r["fields"]["value"] for r in records} == {**KEYS, "usid": USID}
    area_sha256 = hashlib.sha256(_bytes_at(dump, KEY_AREA, KEY_AREA_SIZE)).hexdigest()
    for record in records:
        fields, source = record["fields"], record["source"]
        assert fields["partition"] == "reserved"
        value = fields["value"].encode()
        assert _bytes_at(dump, fields["offset"], len(value)) == value  # the offset is where it was read
        assert source == {
            "evidence_id": 1,
            "volume": 1,
            "volume_description": "reserved",
            "path": LABEL,
            "inode": None,
            "sha256": area_sha256,
            "allocated": True,
            "file_id": None,
        }
        assert record["extractor"] == f"amlogic_keystore/{READER_VERSION}"
    # the same run holds the files' artifacts; its ledger event counts the keys
    assert any(r["type"] == "device_identity" for r in _records(capsys, new_case))
    event = [e for e in ledger_events(capsys, new_case) if e["action"] == "artifacts_extracted"][-1]
    assert event["details"]["counts"]["device_key"] == 4
    assert event["details"]["extractors"]["amlogic_keystore"] == READER_VERSION
    assert LABEL not in event["details"]["warning_paths"], event["details"]
    code, out, err = cli(capsys, "artifacts", str(new_case), "--counts")
    assert code == 0 and "device_key\t4\tDevice keys" in out, err
    code, out, err = cli(capsys, "artifacts", str(new_case), "--type", "device_key", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["name"], r["source_path"], r["source_file_id"]) for r in rows} == {
        (name, LABEL, "") for name in (*KEYS, "usid")
    }
    assert ledger_intact(capsys, new_case)


def test_a_new_run_supersedes_the_key_store_rows(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, emmc_dump(tmp_path))
    first = {r["id"] for r in _records(capsys, new_case, "--type", "device_key")}
    code, _out, err = cli(capsys, "artifacts", str(new_case), "--run")
    assert code == 0, err
    second = _records(capsys, new_case, "--type", "device_key")
    assert len(second) == 4 and first.isdisjoint(r["id"] for r in second)
    db = sqlite3.connect(new_case / "case.sqlite")
    try:  # each run keeps the bytes it read as its own source
        assert db.execute("SELECT count(*), count(DISTINCT sha256) FROM image_sources").fetchone() == (2, 1)
    finally:
        db.close()


def test_damaged_key_values_are_a_warning_and_the_rest_is_kept(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = emmc_dump(tmp_path)
    area = _bytes_at(dump, KEY_AREA, 4096)
    for value in KEYS.values():  # names kept, every MAC value turned into bytes that are no MAC
        assert value.encode() in area
        area = area.replace(value.encode(), b"\xff" * len(value))
    _overwrite(dump, KEY_AREA, area)
    summary = add_evidence(capsys, new_case, dump)
    assert summary["evidence_id"] == 1
    records = _records(capsys, new_case, "--type", "device_key")
    assert [(r["fields"]["name"], r["fields"]["value"]) for r in records] == [("usid", USID)]
    (warning,) = _key_store_warnings(capsys, new_case)
    assert warning["volume"] == 1
    assert "mac, mac_bt, mac_wifi present without a readable value" in warning["message"]
    assert warning["details"]["image_offset"] == str(KEY_AREA)
    assert ledger_intact(capsys, new_case)


def test_an_erased_key_store_is_a_warning_not_a_failure(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = emmc_dump(tmp_path)
    _overwrite(dump, KEY_AREA, b"\x00" * 4096)
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(dump), "--json")
    assert code == 0 and "Traceback" not in err, err
    assert "artifacts: evidence 1 run 1: " in err
    assert _records(capsys, new_case, "--type", "device_key") == []
    assert any(r["type"] == "device_identity" for r in _records(capsys, new_case))
    (warning,) = _key_store_warnings(capsys, new_case)
    assert "no readable key" in warning["message"]


# --- schema 7: a case made before it opens, migrates, keeps its artifacts and verifies -------------
def _as_schema_6(case: Path, old: Path) -> None:
    """A copy of `case` in a database built by migrations 1-6 (file-level artifacts only)."""
    old.mkdir()
    conn = sqlite3.connect(old / "case.sqlite")
    try:
        migrate(conn, target=6)
        conn.execute("ATTACH DATABASE ? AS newer", (str(case / "case.sqlite"),))
        tables = [row[0] for row in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = ", ".join(row[1] for row in conn.execute(f"PRAGMA main.table_info({table})"))
            only_files = " WHERE file_id IS NOT NULL" if table == "artifacts" else ""
            conn.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM newer.{table}{only_files}"
            )
        conn.commit()
        assert conn.execute("PRAGMA main.user_version").fetchone()[0] == 6
    finally:
        conn.close()


def test_a_schema_6_case_migrates_and_verifies(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, emmc_dump(tmp_path))
    file_records = [r for r in _records(capsys, new_case) if r["type"] != "device_key"]
    assert file_records and all(r["source"]["file_id"] for r in file_records)
    old = tmp_path / "old-case"
    _as_schema_6(new_case, old)
    code, out, _ = cli(capsys, "ledger", str(old), "--verify")  # opening it migrates it
    assert "ledger intact" in out
    # the copy left out the key store's rows, which the run's signed commitment covers: named, not passed
    assert code == 1 and "artifacts of run 1: FAILED" in out and "catalogue of evidence 1: INTACT" in out
    conn = sqlite3.connect(old / "case.sqlite")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert _records(capsys, old) == file_records  # same ids, same provenance
    code, _out, err = cli(capsys, "artifacts", str(old), "--run")
    assert code == 0, err
    assert len(_records(capsys, old, "--type", "device_key")) == 4
    code, out, _ = cli(capsys, "ledger", str(old), "--verify")
    assert "ledger intact" in out and "artifacts of run 2: INTACT" in out


def test_a_key_area_cut_short_keeps_the_keys_read_and_says_so(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = emmc_dump(tmp_path)
    add_evidence(capsys, new_case, dump)
    with dump.open("r+b") as handle:  # the image loses everything after the first 4 KiB of the key area
        handle.truncate(KEY_AREA + 4096)
    code, _out, err = cli(capsys, "artifacts", str(new_case), "--run")
    assert code == 0 and "Traceback" not in err, err
    records = _records(capsys, new_case, "--type", "device_key")
    assert {r["fields"]["name"]: r["fields"]["value"] for r in records} == {**KEYS, "usid": USID}
    assert {r["source"]["sha256"] for r in records} == {
        hashlib.sha256(_bytes_at(dump, KEY_AREA, 4096)).hexdigest()
    }
    messages = [w["message"] for w in _key_store_warnings(capsys, new_case)]
    assert any(f"cut short: 4096 of {KEY_AREA_SIZE} bytes" in m for m in messages), messages
