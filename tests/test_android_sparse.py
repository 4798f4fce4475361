"""Android sparse images read in place: the catalogue and the image hash equal those of the expanded image."""

import hashlib
import shutil
import struct
from pathlib import Path

import pytest
from conftest import add_evidence, cli, file_list, ledger_events
from imaging import TREE, digests, ext4, present, sh, sha256_file

from forensics.base.errors import ImageReadError
from forensics.containers.sparse import CRC32, DONT_CARE, FILL, RAW, SparseImage, build_index

pytestmark = pytest.mark.skipif(shutil.which("img2simg") is None, reason="img2simg not installed")


def _sparse(tmp_path: Path) -> tuple[Path, Path]:
    raw = ext4()
    sparse = tmp_path / "system.simg"
    sh("img2simg", raw, sparse)
    return raw, sparse


def test_sparse_image_catalogued_like_the_expanded_one(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, sparse = _sparse(tmp_path)
    assert sparse.stat().st_size < raw.stat().st_size  # img2simg did make chunks we must expand
    summary = add_evidence(capsys, new_case, sparse)
    assert summary["sha256"] == sha256_file(raw)  # the image hash is of the expanded media
    files = {f["path"].lstrip("/"): f for f in file_list(capsys, new_case) if f["meta_type"] == "r"}
    for path, data in present().items():
        assert (files[path]["md5"], files[path]["sha1"], files[path]["sha256"]) == digests(data), path
    code, out, _ = cli(capsys, "verify", str(new_case))
    assert code == 0, out
    added = next(e for e in ledger_events(capsys, new_case) if e["action"] == "evidence_added")
    assert added["details"]["acquisition"]["container_sha256"] == sha256_file(sparse)  # the container's own


def test_sparse_reader_matches_simg2img(tmp_path: Path) -> None:
    raw, sparse = _sparse(tmp_path)
    expanded = tmp_path / "expanded.img"
    sh("simg2img", sparse, expanded)
    image = SparseImage(sparse)
    data = expanded.read_bytes()
    assert image.get_size() == len(data) == raw.stat().st_size
    for offset, length in ((0, 4096), (1000, 70_000), (len(data) - 3000, 9000), (123_457, 1)):
        assert image.read(offset, length) == data[offset : offset + length]
    assert hashlib.sha256(image.read(0, len(data))).hexdigest() == sha256_file(expanded)


def _handmade(path: Path, chunks: list[tuple[int, int, bytes]], total_blocks: int) -> None:
    """A sparse file with 1 KiB blocks and the given (type, blocks, data) chunks."""
    body = b"".join(
        struct.pack("<HHII", kind, 0, blocks, 12 + len(data)) + data for kind, blocks, data in chunks
    )
    header = struct.pack("<IHHHHIIII", 0xED26FF3A, 1, 0, 28, 12, 1024, total_blocks, len(chunks), 0)
    path.write_bytes(header + body)


def test_fill_dont_care_and_crc_chunks(tmp_path: Path) -> None:
    path = tmp_path / "hand.simg"
    raw_block = bytes(range(256)) * 4
    _handmade(
        path,
        [(RAW, 1, raw_block), (FILL, 2, b"\x01\x02\x03\x04"), (DONT_CARE, 1, b""), (CRC32, 0, b"\0\0\0\0")],
        4,
    )
    image = SparseImage(path)
    assert image.get_size() == 4096
    assert image.read(0, 4096) == raw_block + b"\x01\x02\x03\x04" * 512 + b"\x00" * 1024
    assert image.read(1026, 6) == b"\x03\x04\x01\x02\x03\x04"
    assert image.index.damage == ()


def test_truncated_raw_chunk_reads_zeros_and_says_so(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _raw, sparse = _sparse(tmp_path)
    whole = sparse.read_bytes()
    cut = tmp_path / "cut.simg"
    cut.write_bytes(whole[: len(whole) - 20_000])
    index = build_index(cut)
    assert any("truncated" in note for note in index.damage)
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(cut), "--json")
    assert code == 0, err  # imported with a warning, never a crash
    warnings = cli(capsys, "ledger", str(new_case), "--format", "jsonl")[1]
    assert "container-damaged" in warnings and "truncated" in warnings


def test_unusable_sparse_header_is_a_clear_refusal(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.simg"
    bad.write_bytes(struct.pack("<IHH", 0xED26FF3A, 2, 0) + b"\0" * 40)
    with pytest.raises(ImageReadError):
        build_index(bad)
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(bad))
    assert code == 2
    assert "sparse" in err and "Traceback" not in err
    assert TREE  # the shared tree is what ext4() holds


def test_chunks_beyond_the_declared_size_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "long.simg"
    _handmade(path, [(FILL, 2, b"\x07\x07\x07\x07"), (FILL, 1_000_000, b"\x09\x09\x09\x09")], 2)
    image = SparseImage(path)
    assert image.get_size() == 2048 and image.read(0, 4096) == b"\x07" * 2048
    assert any("past the 2 blocks" in note for note in image.index.damage)
