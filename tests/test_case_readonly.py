"""A case folder on read-only media: verified, listed, exported and reported on; writes refused."""

import hashlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import add_evidence, cli
from imaging import ext4


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def read_only_case(new_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """The case with one image imported, seen through a read-only bind mount."""
    add_evidence(capsys, new_case, ext4())
    mount = tmp_path / "ro"
    mount.mkdir()
    bound = subprocess.run(["mount", "--bind", str(new_case), str(mount)], capture_output=True, check=False)
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_case_on_read_only_media_can_be_checked_and_reported(
    read_only_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digests(read_only_case)
    assert not (read_only_case / "case.sqlite-wal").exists()
    code, out, err = cli(capsys, "ledger", str(read_only_case), "--verify")
    assert code == 0 and "ledger intact" in out, err
    assert cli(capsys, "ledger", str(read_only_case))[0] == 0
    code, out, err = cli(capsys, "files", str(read_only_case))
    assert code == 0 and out.count("\n") > 3, err
    target = tmp_path / "listing.csv"
    code, out, err = cli(capsys, "export", str(read_only_case), "--format", "csv", "--out", str(target))
    assert code == 0 and target.stat().st_size > 0 and "not recorded" in out, err
    pdf = tmp_path / "report.pdf"
    code, out, err = cli(capsys, "report", str(read_only_case), "--out", str(pdf), "--lang", "en")
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF") and "read-only media" in out, err
    assert _digests(read_only_case) == before


def test_writes_to_a_read_only_case_are_refused_in_one_line(
    read_only_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digests(read_only_case)
    argv = (
        "custody",
        str(read_only_case),
        "seize",
        "EX-1",
        "--from",
        "H",
        "--location",
        "L",
        "--authority",
        "W",
    )
    for command in (
        argv,
        ("evidence", "add", str(read_only_case), str(ext4())),
        ("verify", str(read_only_case)),
    ):
        code, _, err = cli(capsys, *command)
        assert code == 2 and "read-only media" in err and err.count("\n") == 1, (command, err)
    assert _digests(read_only_case) == before
