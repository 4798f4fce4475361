"""Evidence files are never written: content hash and mtime are the same after add and verify."""

import shutil
from collections.abc import Callable
from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, cli

SOURCES: dict[str, Callable[[], Path]] = {
    "raw": imaging.ext4,
    "split-raw": lambda: imaging.split_raw(imaging.fat(12), 512 << 10),
    "e01-multi-segment": lambda: imaging.e01(imaging.ext4(), 1 << 20),
}


def _fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    return {
        p.name: (imaging.sha256_file(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_evidence_untouched_by_add_and_verify(
    kind: str, tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = SOURCES[kind]()
    folder = tmp_path / "evidence"
    folder.mkdir()
    for segment in imaging.segments_of(first):
        shutil.copy2(segment, folder / segment.name)
        (folder / segment.name).chmod(0o644)  # writable: only Haechi's discipline protects it
    before = _fingerprint(folder)
    add_evidence(capsys, new_case, folder / first.name)
    assert cli(capsys, "verify", str(new_case))[0] == 0
    assert _fingerprint(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(before)  # nothing created beside it
