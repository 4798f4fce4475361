"""Amlogic unifykey stores read by their format: both copies, head hash, block hash, each key's SHA-256
and the checksum records verified and shown; damaged copies, wrong hashes and AMLSECURITY stores said.

The stores are written by tests/amlogic_keys.py from DOMAIN.md's layout and placed at `reserved` + 0x4000
of the EPT eMMC dumps test_android_layouts builds (real ext4 partitions made by mke2fs -d).
"""

import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from amlogic_keys import AREA, COPY, UNIFY_KEYS, encrypted_copy, key_area, store_copy
from conftest import add_evidence, cli, ledger_intact
from test_android_layouts import MIB, emmc_dump

from app.cli.main import run
from forensics.artifacts.keystore import parse_store

KEY_AREA = 36 * MIB + 0x4000
LABEL = "<key store @ 0x2404000>"


def dump_with(work: Path, area: bytes) -> Path:
    dump = emmc_dump(work)
    with dump.open("r+b") as handle:
        handle.seek(KEY_AREA)
        handle.write(area)
    return dump


def _rows(capsys: pytest.CaptureFixture[str], case: Path, kind: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "artifacts", str(case), "--type", kind)
    assert code == 0, err
    return [json.loads(line)["fields"] for line in out.splitlines()]


def _warnings(case: Path) -> list[str]:
    db = sqlite3.connect(case / "case.sqlite")
    try:
        return [m for (m,) in db.execute("SELECT message FROM warnings WHERE path = ?", (LABEL,))]
    finally:
        db.close()


def _by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in rows}


def test_every_key_of_a_normal_store_is_read_and_verified(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = dump_with(tmp_path, key_area(store_copy(UNIFY_KEYS)))
    add_evidence(capsys, new_case, dump)
    keys = _by_name(_rows(capsys, new_case, "device_key"))
    assert set(keys) == set(UNIFY_KEYS)  # mac_wifi and usid too, though no NUL follows their names
    for name, data in UNIFY_KEYS.items():
        row = keys[name]
        assert (row["size"], row["sha256_ok"], row["verified"], row["copy"]) == (len(data), True, True, 1)
        assert row["same_in_other_copy"] is True and row["format"] == "AMLNORMAL"
        with dump.open("rb") as handle:  # the offset is where the key's data lies in the image
            handle.seek(row["offset"])
            assert handle.read(len(data)) == data
    assert keys["mac_wifi"]["value"] == "00:1A:79:12:34:58" and keys["usid"]["value"] == "X96MAX2026A0001"
    assert keys["hdcp"]["encoding"] == "hex" and keys["hdcp"]["value"] == UNIFY_KEYS["hdcp"].hex()
    assert keys["hdcp"]["attributes"] == ["secure", "encrypted"] and keys["hdcp"]["attribute"] == 0x101
    assert keys["mac"]["key_type"] == "0xA00000BF"
    (store,) = _rows(capsys, new_case, "key_store")
    assert store["format"] == "AMLNORMAL" and store["verified"] is True and store["copies_identical"] is True
    assert store["head_hash_ok"] == store["block_hash_ok"] == store["checksum_ok"] == [True, True]
    assert store["copy_offsets"] == [KEY_AREA, KEY_AREA + COPY] and store["key_count"] == 6
    assert _warnings(new_case) == []
    pdf = tmp_path / "keys.pdf"
    assert run(["report", str(new_case), "--out", str(pdf), "--lang", "en"]) == 0
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True)
    flat = text.stdout.replace("\n", " ")
    assert "Amlogic key store verification" in flat and "Head SHA-256 verifies" in flat
    cells = flat.replace(" ", "")  # narrow cells wrap values
    assert "00:1A:79:12:34:58" in cells and "X96MAX2026A0001" in cells
    assert ledger_intact(capsys, new_case)


def test_a_damaged_copy_is_reported_and_the_good_copy_is_used(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = store_copy(UNIFY_KEYS)
    at = first.index(UNIFY_KEYS["mac_wifi"])
    second = first[:at] + b"00:1A:79:66:66:66" + first[at + 17 :]  # copy 2's mac_wifi overwritten
    add_evidence(capsys, new_case, dump_with(tmp_path, key_area(first, second)[:0x80000]))
    keys = _rows(capsys, new_case, "device_key")
    trusted = [k for k in keys if k["copy"] == 1]
    assert {k["name"]: k["value"] for k in trusted} == {
        n: (v.hex() if n == "hdcp" else v.decode()) for n, v in UNIFY_KEYS.items()
    }
    assert all(k["verified"] for k in trusted)
    (bad,) = [k for k in keys if k["copy"] == 2]
    assert (bad["name"], bad["value"], bad["sha256_ok"], bad["verified"]) == (
        "mac_wifi", "00:1A:79:66:66:66", False, False,
    )  # fmt: skip
    assert _by_name(trusted)["mac_wifi"]["same_in_other_copy"] is False
    (store,) = _rows(capsys, new_case, "key_store")
    assert store["verified"] is False and store["copies_identical"] is False
    assert store["block_hash_ok"] == [True, False] and store["head_hash_ok"] == [True, True]
    assert "checksum_ok" not in store or store["checksum_ok"] == [None, None]  # records cut off here
    warnings = _warnings(new_case)
    assert any("copy 2 (0x2444000): block SHA-256 does not match" in w for w in warnings), warnings
    assert any("the two copies differ in key(s) mac_wifi" in w for w in warnings), warnings


def test_a_wrong_hash_is_shown_and_never_trusted(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = bytearray(store_copy(UNIFY_KEYS, wrong_key_hash="usid"))
    copy[28] ^= 1  # the head's write counter changed after its hash was written
    add_evidence(capsys, new_case, dump_with(tmp_path, key_area(bytes(copy))))
    keys = _by_name(_rows(capsys, new_case, "device_key"))
    assert keys["usid"]["value"] == "X96MAX2026A0001" and keys["usid"]["sha256_ok"] is False
    assert not any(k["verified"] for k in keys.values())  # a copy whose head is wrong is trusted in nothing
    (store,) = _rows(capsys, new_case, "key_store")
    assert store["verified"] is False and store["head_hash_ok"] == [False, False]
    assert store["checksum_ok"] == [True, True]  # the records were written over the changed bytes
    warnings = _warnings(new_case)
    assert any("copy 1 (0x2404000): head SHA-256 does not match the head: not trusted" in w for w in warnings)
    assert any("SHA-256 of key(s) usid does not match their data" in w for w in warnings)


def test_an_encrypted_store_is_recognised_and_nothing_is_guessed(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, dump_with(tmp_path, key_area(encrypted_copy())))
    assert _rows(capsys, new_case, "device_key") == []
    (store,) = _rows(capsys, new_case, "key_store")
    assert store["format"] == "AMLSECURITY" and store["encrypted"] is True and store["verified"] is False
    assert store["marks"] == ["AMLSECURITY", "AMLSECURITY"] and store["checksum_ok"] == [True, True]
    (warning,) = _warnings(new_case)
    assert "encrypted secure storage; key values cannot be read offline and none are guessed" in warning


def test_checksum_records_catch_a_change_the_hashes_do_not_cover() -> None:
    area = bytearray(key_area(store_copy(UNIFY_KEYS)))
    area[0x100] = 0x5A  # between the head and the TLV head: covered by no SHA-256, only by the record
    store = parse_store(bytes(area), KEY_AREA)
    assert [c.checksum_ok for c in store.copies] == [False, True]
    assert [c.verified for c in store.copies] == [False, True]
    assert all(k.copy == 2 and k.sha256_ok for k in store.keys)  # the copy that verifies is the one listed
    assert "copy 1 (0x2404000): checksum record does not match the copy" in store.problems
    assert len(area) == AREA
