"""Size fields the media cannot hold and large sparse files end an import in seconds (issue 16 item 3)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import imaging
import pytest
from conftest import PASSPHRASE, file_list, ledger_events

from forensics.containers.detect import detect_image
from forensics.scan import ScanPlan, scan_image

TIB = 1 << 40
EIB8 = (1 << 63) - 1  # the largest size an ext4 inode can state
HOLE_FILE = imaging.noise(31, 5000)  # 5000 bytes at 6 MiB into an 8 MiB file: a small sparse file
ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "import sys; from app.cli.main import run; sys.exit(run(sys.argv[1:]))"]


def hostile_sizes() -> Path:
    """A 16 MiB ext4: a real 1 TiB sparse file (mke2fs -d keeps holes), a small sparse file, and two
    ordinary files whose size fields debugfs `sif` set to 1 TiB and to 2**63 - 1."""

    def build(work: Path) -> Path:
        tree = work / "tree"
        ordinary = {"ordinary.bin": imaging.noise(32, 5000), "huge.bin": imaging.noise(33, 3000)}
        imaging.write_tree(tree, ordinary)
        with (tree / "sparse-1t.bin").open("wb") as sparse:
            sparse.seek(1 << 30)
            sparse.write(b"data after a 1 GiB hole")
            sparse.truncate(TIB)
        with (tree / "holes.bin").open("wb") as holes:
            holes.seek(6 * imaging.MIB)
            holes.write(HOLE_FILE)
            holes.truncate(8 * imaging.MIB)
        image = work / "sizes.img"
        imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-d", tree, image, "16M")
        imaging.sh("debugfs", "-w", "-R", f"sif /ordinary.bin size {TIB}", image)
        imaging.sh("debugfs", "-w", "-R", f"sif /huge.bin size {EIB8}", image)
        (tree / "sparse-1t.bin").unlink()
        return image

    return imaging.cached("hostile-sizes", [TIB, EIB8], build)


def _watched(*argv: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """`haechi ARGV` in a child under a 120 s watchdog (the issue saw an import hang past 120 s)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HAECHI_PASSPHRASE": PASSPHRASE}  # read once, then unset
    start = time.monotonic()
    done = subprocess.run([*CLI, *argv], capture_output=True, text=True, timeout=120, env=env)
    return done, time.monotonic() - start


def test_huge_and_impossible_sizes_finish_in_seconds_with_warnings(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = hostile_sizes()
    before = (imaging.sha256_file(image), image.stat().st_mtime_ns)
    done, seconds = _watched("evidence", "add", str(new_case), str(image), "--json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert seconds < 60  # was: 75 min ETA for the sparse file, past 120 s for the 1 TiB size field
    summary: dict[str, Any] = json.loads(done.stdout)
    rows = {r["path"]: r for r in file_list(capsys, new_case)}
    warnings = [e["details"] for e in ledger_events(capsys, new_case) if e["action"] == "warning"]
    codes = {(w["code"], w["path"]) for w in warnings}
    assert summary["warnings"] == len(warnings)
    for path in ("/sparse-1t.bin", "/ordinary.bin"):  # TSK shows both as a few blocks and a long hole
        assert rows[path]["size"] == TIB and rows[path]["content"] == "deferred" and rows[path]["md5"] is None
        assert {code for code, where in codes if where == path} == {"content-deferred"}
    huge = rows["/huge.bin"]
    assert huge["size"] == EIB8 and huge["content"] in ("partial", "unreadable")
    assert {("size-beyond-volume", "/huge.bin"), (f"content-{huge['content']}", "/huge.bin")} <= codes
    holes = rows["/holes.bin"]  # small enough to hash: zeros of the hole, then the data
    expected = imaging.digests(bytes(6 * imaging.MIB) + HOLE_FILE + bytes(2 * imaging.MIB - len(HOLE_FILE)))
    assert (holes["content"], holes["md5"], holes["sha256"]) == ("read", expected[0], expected[2])
    assert not {code for code, path in codes if path == "/holes.bin"}
    assert (imaging.sha256_file(image), image.stat().st_mtime_ns) == before  # evidence never written


class _Estimate:
    """A scan sink that keeps the precount (the ETA's total) and drops the rest."""

    def __init__(self) -> None:
        self.size = -1

    def estimate(self, entries: int, size: int) -> None:
        self.size = size

    def __getattr__(self, _name: str) -> Any:
        return lambda *_: None


def test_the_estimate_ignores_sizes_the_media_cannot_hold() -> None:
    """Deferred files count nothing and no file more than its volume: no ETA of 194 million hours."""
    sink = _Estimate()
    scan_image(detect_image(hostile_sizes()), ScanPlan(read_content=False), sink, lambda: True)
    assert 8 * imaging.MIB <= sink.size <= 8 * imaging.MIB + 16 * imaging.MIB + 8000
