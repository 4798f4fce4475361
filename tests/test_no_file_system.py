"""Media without a file system is evidence: registered, hashed, verified, with a warning, never refused."""

import shutil
import zlib
from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, cli, file_list, ledger_events, ledger_intact
from test_verify import CHUNK

WARNING = "no file system found: the media is kept as unallocated space"


def _untouched(image: Path) -> tuple[str, int, int]:
    """Content and modification time (the access time is issue 16 item 9: O_NOATIME, not yet done)."""
    stat = image.stat()
    return imaging.sha256_file(image), stat.st_mtime_ns, stat.st_size


@pytest.mark.parametrize("kind", ["random", "luks", "zeros"])
def test_media_without_a_file_system_is_registered_hashed_and_verified(
    kind: str, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = imaging.no_file_system(kind)
    before = _untouched(image)
    summary = add_evidence(capsys, new_case, image)
    assert summary["status"] == "complete" and summary["entries"] == 0 and summary["warnings"] == 1
    assert summary["sha256"] == imaging.sha256_file(image) and summary["stored_hash_check"] == "none stored"
    events = ledger_events(capsys, new_case)
    [warning] = [e for e in events if e["action"] == "warning"]
    assert warning["details"]["code"] == "no-file-system" and WARNING in warning["details"]["message"]
    assert [e["action"] for e in events].count("import_finished") == 1
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 0 and "evidence 1: MATCH" in out
    assert file_list(capsys, new_case) == []
    assert ledger_intact(capsys, new_case)
    assert _untouched(image) == before


def _e01_with_a_wrong_stored_md5(folder: Path) -> Path:
    """ewfacquire of random media, then one byte of the first chunk changed and its Adler-32 sealed
    again: libewf reads the changed bytes without complaint, only the stored MD5/SHA-1 betray them."""
    raw = imaging.no_file_system("random")
    shutil.copytree(imaging.e01(raw, 2 << 20).parent, folder)
    first_chunk = raw.read_bytes()[:CHUNK]
    for segment in sorted(folder.glob("evidence.E*")):
        data = bytearray(segment.read_bytes())
        at = data.find(first_chunk)
        if at >= 0:
            data[at + 7] ^= 0xFF
            sealed = zlib.adler32(bytes(data[at : at + CHUNK])).to_bytes(4, "little")
            data[at + CHUNK : at + CHUNK + 4] = sealed
            segment.write_bytes(bytes(data))
            return folder / "evidence.E01"
    raise AssertionError("chunk not found: the E01 is not stored uncompressed")


def test_e01_without_a_file_system_whose_stored_md5_does_not_match(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = _e01_with_a_wrong_stored_md5(tmp_path / "e01")
    code, out, err = cli(capsys, "evidence", "add", str(new_case), str(image), "--json")
    assert code == 1, err
    assert '"stored_hash_check": "mismatch"' in out and "IMAGE HASH MISMATCH" in out
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 1 and "MISMATCH - md5, sha1 stored in the image differ from its content" in out
    events = ledger_events(capsys, new_case)
    assert [e["details"]["code"] for e in events if e["action"] == "warning"] == ["no-file-system"]
    assert [e["details"]["result"] for e in events if e["action"] == "verified"] == ["mismatch"]
    assert ledger_intact(capsys, new_case)


def test_e01_without_a_file_system_whose_stored_hashes_match(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = add_evidence(capsys, new_case, imaging.e01(imaging.no_file_system("zeros"), 2 << 20))
    assert summary["stored_hash_check"] == "verified" and summary["warnings"] == 1
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 0 and "MATCH" in out
