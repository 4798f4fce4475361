"""Identities that cannot be faked and details read strictly: each attack of issue 14 is caught."""

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, TEST_SCRYPT_N, cli, make_examiner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from imaging import ext4

from app.cases.identity import EnvironmentPassphrase, forget_passphrase, take_environment_passphrase
from app.cases.session import open_case
from app.custody.ledger import ledger_events, verify_case_ledger
from app.evidence.reader import EvidenceReader
from chain_of_custody.errors import IdentityError, LedgerRefused
from chain_of_custody.identity import SCRYPT_N, ProfileStore, fingerprint
from chain_of_custody.ledger import canonical_bytes, event_hash
from chain_of_custody.names import normalise_name
from forensics.containers.image import ImageSpec

Row = dict[str, Any]
VERIFIER = Path(__file__).resolve().parents[1] / "tools" / "verify_ledger.py"


def _standalone(case: Path, *extra: str) -> tuple[int, str]:
    """tools/verify_ledger.py, the verifier written from docs/ledger.md alone, on the same case."""
    done = subprocess.run(
        [sys.executable, str(VERIFIER), str(case / "case.sqlite"), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _rows(case: Path) -> list[Row]:
    conn = sqlite3.connect(case / "case.sqlite")
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM ledger ORDER BY seq")]
    conn.close()
    return rows


def _resign(case: Path, key: Ed25519PrivateKey, change: Callable[[list[Row]], list[Row]]) -> None:
    """What an attacker with plain sqlite3 and a key pair of their own can do: rewrite the ledger,
    re-chain and re-sign every event, and put their key in the examiners table."""
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    rows = change(_rows(case))
    prev = "0" * 64
    for seq, row in enumerate(rows, start=1):
        details = json.loads(row["details"])
        if row["action"] == "examiner_registered":
            details = {"public_key": public, "fingerprint": fingerprint(public)}
        row.update(
            seq=seq, prev_hash=prev, details=json.dumps(details, sort_keys=True, separators=(",", ":"))
        )
        body = canonical_bytes(
            seq, row["ts_utc"], row["tz"], row["examiner"], row["action"], row["evidence_id"], details, prev
        )
        row["hash"] = event_hash(body)
        row["signature"] = key.sign(bytes.fromhex(row["hash"])).hex()
        prev = row["hash"]
    conn = sqlite3.connect(case / "case.sqlite")
    conn.executescript(
        "DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete; DROP TRIGGER examiners_no_update;"
        "DROP TRIGGER examiners_no_delete; DELETE FROM ledger; DELETE FROM examiners;"
    )
    for row in rows:
        conn.execute(
            f"INSERT INTO ledger ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
        )
    names = {row["examiner"] for row in rows}
    for name in names:
        conn.execute("INSERT INTO examiners VALUES (?, ?, ?, ?)", (name, public, fingerprint(public), "x"))
    conn.commit()
    conn.close()


def _sql(case: Path, *statements: str) -> None:
    conn = sqlite3.connect(case / "case.sqlite")
    conn.executescript(
        "DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS examiners_no_update;"
        "DROP TRIGGER IF EXISTS ledger_no_delete;"
    )
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _seize(capsys: pytest.CaptureFixture[str], case: Path, location: str, *extra: str) -> None:
    argv = (
        "custody",
        str(case),
        "seize",
        "EX-1",
        "--from",
        "Hong",
        "--location",
        location,
        "--authority",
        "W-1",
    )
    code, _, err = cli(capsys, *argv, *extra)
    assert code == 0, err


def _verify(capsys: pytest.CaptureFixture[str], case: Path, *extra: str) -> tuple[int, str]:
    code, out, err = cli(capsys, "ledger", str(case), "--verify", *extra)
    return code, out + err


@pytest.fixture
def kim_key(capsys: pytest.CaptureFixture[str], new_case: Path, tmp_path: Path) -> Path:
    """Kim's public key as the lab files it (`examiner export-public`)."""
    code, out, err = cli(capsys, "examiner", "export-public", "Kim")
    assert code == 0, err
    path = tmp_path / "kim.pub"
    path.write_text(out, encoding="utf-8")
    return path


def test_a_ledger_resigned_by_a_namesake_fails_against_the_filed_key(
    capsys: pytest.CaptureFixture[str], new_case: Path, kim_key: Path
) -> None:
    _seize(capsys, new_case, "Vault A")
    code, out = _verify(capsys, new_case, "--trust", str(kim_key))
    assert code == 0 and "every signer among 1 trusted" in out
    genuine = fingerprint(kim_key.read_text().split("public key: ")[1][:64])

    def relocate(rows: list[Row]) -> list[Row]:
        for row in rows:
            row["details"] = row["details"].replace("Vault A", "Garage")
        return rows

    _resign(new_case, Ed25519PrivateKey.generate(), relocate)
    code, out = _verify(capsys, new_case)
    assert code == 0  # the chain alone is consistent: the key is what differs...
    assert f"examiner Kim: key fingerprint {genuine}" not in out  # ...and the computed fingerprint shows it
    code, out = _verify(capsys, new_case, "--trust", str(kim_key))
    assert code == 1 and "LEDGER FAILS at event 1" in out and "not among the trusted keys" in out
    assert _standalone(new_case)[0] == 0
    code, out = _standalone(new_case, "--trust", str(kim_key))
    assert code == 1 and "FAILS at event 1" in out and "not trusted" in out


def test_an_event_by_a_zero_width_namesake_fails(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    def impostor(rows: list[Row]) -> list[Row]:
        extra = dict(rows[-1], examiner="Kim\u200b", action="examiner_registered")
        note = dict(rows[-1], examiner="Kim\u200b", action="note", details='{"text":"moved"}')
        return [*rows, extra, note]

    _resign(new_case, Ed25519PrivateKey.generate(), impostor)
    code, out = _verify(capsys, new_case)
    assert code == 1 and "ZERO WIDTH SPACE" in out
    code, out = _standalone(new_case)
    assert code == 1 and "U+200B" in out


def test_a_look_alike_name_fails(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    def impostor(rows: list[Row]) -> list[Row]:
        return [*rows, dict(rows[-1], examiner="K\u0456m", action="examiner_registered")]  # Cyrillic i

    _resign(new_case, Ed25519PrivateKey.generate(), impostor)
    code, out = _verify(capsys, new_case)
    assert code == 1 and "imitates 'Kim'" in out


def test_names_are_normalised_and_hidden_characters_refused(examiner_env: Path) -> None:
    assert normalise_name("  Ｋｉｍ ") == "Kim"  # NFKC: full-width letters
    for bad in ("Kim\u200b", "Kim\u202e", "Kim\u00ad", "Kim\u3164", "Kim\tLee", "Kim  Lee"):
        with pytest.raises(IdentityError):
            normalise_name(bad)
    store = ProfileStore(examiner_env / "haechi" / "examiners", TEST_SCRYPT_N)
    with pytest.raises(IdentityError, match="looks like 'Kim'"):
        store.create("KIM", PASSPHRASE)


def test_a_look_alike_examiner_cannot_join_a_case(new_case: Path, tmp_path: Path) -> None:
    other = ProfileStore(tmp_path / "elsewhere", TEST_SCRYPT_N)
    other.create("K1m", PASSPHRASE)
    with pytest.raises(LedgerRefused, match="imitates 'Kim'"):
        open_case(new_case, other.unlock("K1m", PASSPHRASE))


def test_the_examiners_table_is_only_a_cache(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    _sql(new_case, "UPDATE examiners SET fingerprint = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-0000-1111'")
    code, out = _verify(capsys, new_case)
    assert code == 1 and "examiners table differs" in out
    _sql(new_case, "UPDATE examiners SET public_key = '00' || substr(public_key, 3)")
    assert _standalone(new_case)[0] == 1


def test_duplicate_keys_in_details_fail(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    _seize(capsys, new_case, "Vault A")
    seq, text = next((r["seq"], r["details"]) for r in _rows(new_case) if r["action"] == "custody.seized")
    forged = '{"occurred_at":"2019-01-01T00:00:00Z",' + text[1:]  # SQLite's json_extract reads the first
    _sql(new_case, f"UPDATE ledger SET details = '{forged}' WHERE seq = {seq}")
    code, out = _verify(capsys, new_case)
    assert code == 1 and f"event {seq}" in out and "appears twice" in out
    code, out = _standalone(new_case)
    assert code == 1 and f"event {seq}" in out and "twice" in out
    code, out, err = cli(capsys, "ledger", str(new_case))
    assert code == 2 and "appears twice" in err  # nothing reads the forged value
    session = open_case(
        new_case, ProfileStore(new_case.parent / "config" / "haechi" / "examiners").unlock("Kim", PASSPHRASE)
    )
    try:  # the desktop's ledger tab shows the events before it, and its verification names it
        assert [event.seq for event in ledger_events(session)] == list(range(1, seq))
        assert verify_case_ledger(session).failed_seq == seq
    finally:
        session.close()


def test_non_canonical_details_fail(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    text = _rows(new_case)[1]["details"]
    _sql(new_case, f"UPDATE ledger SET details = '{text.replace(',', ', ')}' WHERE seq = 2")
    code, out = _verify(capsys, new_case)
    assert code == 1 and "event 2" in out and "canonical form" in out
    assert _standalone(new_case)[0] == 1


def test_an_empty_ledger_and_one_without_genesis_fail(
    capsys: pytest.CaptureFixture[str], new_case: Path
) -> None:
    code, out = _verify(capsys, new_case)
    genesis = _rows(new_case)[1]["hash"]
    assert code == 0 and f"case identity (genesis event): {genesis}" in out
    key = Ed25519PrivateKey.generate()
    _resign(new_case, key, lambda rows: [rows[0], dict(rows[1], action="note")])
    code, out = _verify(capsys, new_case)
    assert code == 1 and "event 2 is not the case's genesis" in out
    assert _standalone(new_case)[0] == 1
    _sql(new_case, "DELETE FROM ledger")
    code, out = _verify(capsys, new_case)
    assert code == 1 and "empty" in out
    code, out = _standalone(new_case)
    assert code == 1 and "empty" in out


def test_an_unknown_examiner_is_refused_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], examiner_env: Path, tmp_path: Path
) -> None:
    code, _, err = cli(
        capsys, "case", "new", str(tmp_path / "c"), "--number", "1", "--title", "t", "--examiner", "Kmi"
    )
    assert code == 2 and "did you mean 'Kim'" in err and "haechi examiner new" in err
    assert not (examiner_env / "haechi" / "examiners" / "Kmi.json").exists()
    assert not (tmp_path / "c" / "case.sqlite").exists()


def test_examiner_new_export_and_trust(
    capsys: pytest.CaptureFixture[str], new_case: Path, kim_key: Path
) -> None:
    code, out, err = cli(capsys, "examiner", "new", "Lee Examiner")
    assert code == 0, err
    lee = new_case.parent / "lee.pub"
    lee.write_text(cli(capsys, "examiner", "export-public", "Lee Examiner")[1], encoding="utf-8")
    code, out = _verify(capsys, new_case, "--trust", str(lee))
    assert code == 1 and "not among the trusted keys" in out  # Kim signed, only Lee trusted
    assert _verify(capsys, new_case, "--trust", str(lee), "--trust", str(kim_key))[0] == 0
    bad = new_case.parent / "bad.pub"
    bad.write_text(kim_key.read_text().replace("fingerprint: ", "fingerprint: 0"), encoding="utf-8")
    code, out = _verify(capsys, new_case, "--trust", str(bad))
    assert code == 2 and "fingerprint does not belong" in out


def test_new_keys_use_scrypt_and_old_keys_are_migrated(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "examiners")
    assert store.scrypt_n == SCRYPT_N == 2**17
    old = Ed25519PrivateKey.generate()
    public = old.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    pem = old.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    ).decode()
    store.folder.mkdir()
    legacy = {
        "name": "Old",
        "public_key": public,
        "encrypted_private_key": pem,
        "created_at": "2026-01-01T00:00:00Z",
    }
    (store.folder / "Old.json").write_text(json.dumps(legacy), encoding="utf-8")
    with pytest.raises(IdentityError, match="wrong passphrase"):
        store.unlock("Old", "not the passphrase")
    assert store.load("Old").kdf == "pbkdf2"
    assert store.unlock("Old", PASSPHRASE).public_key == public
    document = json.loads((store.folder / "Old.json").read_text())
    assert "encrypted_private_key" not in document and "BEGIN" not in json.dumps(document)
    assert document["key_protection"]["kdf"] == "scrypt" and document["key_protection"]["n"] == 2**17
    assert store.unlock("Old", PASSPHRASE).public_key == public
    with pytest.raises(IdentityError, match="wrong passphrase"):
        store.unlock("Old", "not the passphrase")


def test_the_passphrase_leaves_the_environment_and_no_worker_inherits_it(
    new_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
    assert EnvironmentPassphrase().passphrase("Kim", creating=False) == PASSPHRASE
    assert "HAECHI_PASSPHRASE" not in os.environ
    reader = EvidenceReader(ImageSpec("raw", (ext4(),)))
    try:
        reader._start()
        environ = Path(f"/proc/{reader._process.pid}/environ").read_bytes()
    finally:
        reader.close()
    assert b"HAECHI_EXAMINER=Kim" in environ and b"HAECHI_PASSPHRASE" not in environ
    assert PASSPHRASE.encode() not in environ


def test_passphrase_from_a_descriptor_and_refusal_without_one(
    capsys: pytest.CaptureFixture[str], new_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HAECHI_PASSPHRASE", raising=False)
    forget_passphrase()
    assert take_environment_passphrase() is None
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    argv = (
        "custody",
        str(new_case),
        "seize",
        "EX-1",
        "--from",
        "Hong",
        "--location",
        "A",
        "--authority",
        "W",
    )
    code, _, err = cli(capsys, *argv)
    assert code == 2 and "--passphrase-fd" in err
    read, write = os.pipe()
    os.write(write, f"{PASSPHRASE}\n".encode())
    os.close(write)
    code, _, err = cli(capsys, *argv, "--passphrase-fd", str(read))
    assert code == 0, err


def test_a_second_examiner_made_explicitly_signs(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    make_examiner(new_case.parent / "config", "Lee")
    _seize(capsys, new_case, "A", "--examiner", "Lee")
    code, out = _verify(capsys, new_case)
    assert code == 0 and "examiner Lee: key fingerprint" in out and "examiner Kim: key fingerprint" in out
