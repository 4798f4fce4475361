"""Reading catalogued content back from the evidence, in a child process."""

import hashlib
import subprocess
from pathlib import Path

import pytest

from app.cli.main import run
from app.evidence.reader import EvidenceReader, EvidenceReadError, evidence_spec, file_address
from chain_of_custody.case_db import CaseDatabase


@pytest.fixture
def case(tmp_path: Path, examiner_env: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "big.bin").write_bytes(bytes(range(256)) * 12_000)
    image = tmp_path / "small.img"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), str(image), "8M"], check=True)
    folder = tmp_path / "case"
    assert run(["case", "new", str(folder), "--number", "2026-R", "--title", "reader"]) == 0
    assert run(["evidence", "add", str(folder), str(image)]) == 0
    return folder


def test_content_read_back_matches_catalogued_hash(case: Path) -> None:
    db = CaseDatabase.open(case)
    file_id, sha256 = db.conn.execute("SELECT id, sha256 FROM files WHERE name = 'big.bin'").fetchone()
    evidence_id, address = file_address(db, file_id)
    with EvidenceReader(evidence_spec(db, evidence_id)) as reader:
        assert reader.size(address) == 256 * 12_000
        assert hashlib.sha256(b"".join(reader.chunks(address, 1 << 20))).hexdigest() == sha256
        assert reader.read(address, 256 * 12_000 - 10, 100) == bytes(range(246, 256))
        with pytest.raises(EvidenceReadError, match="inode 999999"):
            reader.read(type(address)(address.volume_offset, 999_999))
    db.close()
