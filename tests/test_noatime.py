"""Reading evidence leaves its access time alone: images on a strictatime tmpfs keep their atime through
an import and a verify, for raw, split raw, E01 and Android sparse (issue 16 item 9)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import imaging
import pytest
from conftest import cli, mounted_tmpfs

OLD = 1_500_000_000  # 2017: any read that updates atime moves it to now

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


@pytest.fixture
def strict_folder() -> Iterator[Path]:
    """A tmpfs mounted with strictatime: every read updates atime unless the file is opened O_NOATIME."""
    with mounted_tmpfs("size=96m,strictatime") as folder:
        yield folder


def _place(images: list[Path], folder: Path) -> list[Path]:
    placed = []
    for image in images:
        target = folder / image.name
        shutil.copyfile(image, target)
        os.utime(target, (OLD, OLD + 1))
        placed.append(target)
    return placed


def _atimes(paths: list[Path]) -> dict[str, float]:
    return {path.name: path.stat().st_atime for path in paths}


def test_the_mount_does_update_atime_on_a_plain_read(strict_folder: Path) -> None:
    """The control: without O_NOATIME this mount moves atime, so the test below can fail."""
    (copy,) = _place([imaging.ext4()], strict_folder)
    with copy.open("rb") as handle:
        handle.read(512)
    assert copy.stat().st_atime > OLD + 1000


def _images(work: Path) -> dict[str, list[Path]]:
    raw = imaging.ext4()
    split = imaging.segments_of(imaging.split_raw(raw, 1 << 20))
    images = {"raw": [raw], "split": split, "e01": imaging.segments_of(imaging.e01(raw))}
    if shutil.which("img2simg"):
        sparse = work / "ext4.simg"
        imaging.sh("img2simg", raw, sparse)
        images["sparse"] = [sparse]
    return images


@pytest.mark.parametrize("kind", ["raw", "split", "e01", "sparse"])
def test_import_and_verify_leave_atime_unchanged(
    kind: str, strict_folder: Path, new_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = _images(tmp_path)
    if kind not in images:
        pytest.skip("img2simg not installed")
    placed = _place(images[kind], strict_folder)
    before = _atimes(placed)
    mtimes = {path.name: path.stat().st_mtime for path in placed}
    code, out, err = cli(capsys, "evidence", "add", str(new_case), str(placed[0]))
    assert code == 0, err
    code, out, err = cli(capsys, "verify", str(new_case))
    assert code == 0 and "MATCH" in out, err
    assert _atimes(placed) == before
    assert {path.name: path.stat().st_mtime for path in placed} == mtimes
