"""`haechi verify` re-hashes the image; a changed image is a mismatch (exit 1) and a ledger event."""

import shutil
import zlib
from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, cli, ledger_events, ledger_intact

CHUNK = 32 * 1024  # ewfacquire's default chunk: 64 sectors


def _verified_events(capsys: pytest.CaptureFixture[str], case: Path) -> list[str]:
    return [e["details"]["result"] for e in ledger_events(capsys, case) if e["action"] == "verified"]


def test_raw_image_verifies_then_a_changed_copy_does_not(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "seized.dd"
    shutil.copy(imaging.ext4(), image)
    add_evidence(capsys, new_case, image)
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 0 and "evidence 1: MATCH" in out
    with image.open("r+b") as handle:  # one byte of the last sector (unused by the file system)
        handle.seek(image.stat().st_size - 1)
        handle.write(b"\x01")
    code, out, _ = cli(capsys, "verify", str(new_case), "--evidence", "1")
    assert code == 1
    assert out.strip() == "evidence 1: MISMATCH - md5, sha1, sha256 differ from the acquisition hashes"
    assert _verified_events(capsys, new_case) == ["match", "mismatch"]
    assert ledger_intact(capsys, new_case)


def test_a_missing_image_is_unreadable(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "moved.dd"
    shutil.copy(imaging.fat(12), image)
    add_evidence(capsys, new_case, image)
    image.unlink()
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 1 and f"UNREADABLE - image not found: {image}" in out
    assert _verified_events(capsys, new_case) == ["unreadable"]


def test_e01_stored_hashes_verified_and_verify_matches(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = add_evidence(capsys, new_case, imaging.e01(imaging.ext4(), 1 << 20))
    assert summary["stored_hash_check"] == "verified"
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 0 and "MATCH" in out


def _tamper_uncompressed_e01(folder: Path, raw: Path) -> None:
    """Change one byte of media inside an uncompressed chunk and re-seal the chunk's Adler-32.

    libewf then reads the changed data without complaint; only the stored MD5/SHA-1 betray it.
    """
    media = raw.read_bytes()
    noise = imaging.TREE["media/clip.bin"][:4096]
    start = media.find(noise) // CHUNK * CHUNK
    chunk = media[start : start + CHUNK]
    for segment in sorted(folder.iterdir()):
        data = bytearray(segment.read_bytes())
        at = data.find(chunk)
        if at >= 0:
            data[at + 100] ^= 0xFF
            data[at + CHUNK : at + CHUNK + 4] = zlib.adler32(bytes(data[at : at + CHUNK])).to_bytes(
                4, "little"
            )
            segment.write_bytes(bytes(data))
            return
    raise AssertionError("chunk not found: the E01 is not stored uncompressed")


def test_e01_whose_media_no_longer_matches_its_stored_hashes(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = imaging.ext4()
    folder = tmp_path / "e01"
    shutil.copytree(imaging.e01(raw, 2 << 20).parent, folder)
    _tamper_uncompressed_e01(folder, raw)
    code, out, err = cli(capsys, "evidence", "add", str(new_case), str(folder / "evidence.E01"), "--json")
    assert code == 1, err
    assert '"stored_hash_check": "mismatch"' in out and "IMAGE HASH MISMATCH" in out
    finished = [e for e in ledger_events(capsys, new_case) if e["action"] == "import_finished"]
    assert finished[0]["details"]["stored_hash_check"] == "mismatch"
    md5 = imaging.digests(raw.read_bytes())[0]
    assert finished[0]["details"]["stored_hashes"]["md5"] == md5
    assert finished[0]["details"]["image_hashes"]["md5"] != md5
