"""Report benchmark (run by hand): a case with N tagged findings -> PDF; prints time and peak memory.

    .venv/bin/python bench/bench_report.py [--findings 10000] [--pictures 50] [--lang ko]

Builds an ext4 image of N small files (plus some JPEG pictures, which get previews) with mke2fs -d,
imports it, tags every file (each tag a signed ledger event), then issues the report. The case is
made once per (findings, pictures) under bench/out/ and reused. Peak RSS of this process is
reported; run once with a small N and once with a large one to see that memory does not grow with N.
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "report"

from app.cli.main import run  # noqa: E402 - after the path is set


def _tree(folder: Path, files: int, pictures: int) -> None:
    from PIL import Image

    rng = random.Random(7)
    for number in range(files - pictures):
        directory = folder / f"channel_{number // 200:03d}"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"line_{number:05d}.m3u").write_text(
            f"#EXTM3U\n#EXTINF:-1,Channel {number}\nhttp://iptv.example/live/u{rng.randrange(10**6)}/p/{number}.ts\n"
        )
    (folder / "pictures").mkdir(exist_ok=True)
    for number in range(pictures):
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        Image.new("RGB", (800, 600), colour).save(folder / "pictures" / f"shot_{number:03d}.jpg", quality=85)


def _make_case(findings: int, pictures: int) -> Path:
    case = OUT / f"case-{findings}-{pictures}"
    if (case / "case.sqlite").exists():
        return case
    work = OUT / f"work-{findings}-{pictures}"
    shutil.rmtree(work, ignore_errors=True)
    _tree(work / "tree", findings, pictures)
    image = work / "findings.img"
    size_mb = max(16, findings // 60 + pictures // 4 + 8)
    subprocess.run(
        [
            "mke2fs",
            "-q",
            "-t",
            "ext4",
            "-N",
            str(findings + 4096),
            "-d",
            str(work / "tree"),
            str(image),
            f"{size_mb}M",
        ],
        check=True,
    )
    assert run(["case", "new", str(case), "--number", "BENCH-REPORT", "--title", "10,000 findings"]) == 0
    assert run(["evidence", "add", str(case), str(image), "--label", "bench"]) == 0
    _tag_everything(case)
    return case


def _tag_everything(case: Path) -> None:
    from app.browse.tagging import tag_file
    from app.cases.identity import EnvironmentPassphrase, examiner_name, unlock_examiner
    from app.cases.session import open_case

    examiner, _ = unlock_examiner(examiner_name(None), EnvironmentPassphrase())
    session = open_case(case, examiner)
    ids = [
        row[0] for row in session.db.conn.execute("SELECT id FROM files WHERE meta_type = 'r' ORDER BY id")
    ]
    for file_id in ids:
        tag_file(session, file_id, "IPTV", f"customer line file {file_id}")
    session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--pictures", type=int, default=50)
    parser.add_argument("--lang", default="ko")
    parser.add_argument("--make-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_CONFIG_HOME", str(OUT / "config"))
    os.environ.setdefault("HAECHI_EXAMINER", "Bench")
    os.environ.setdefault("HAECHI_PASSPHRASE", "bench passphrase")
    if args.make_only:
        _make_case(args.findings, args.pictures)
        return 0
    started = time.monotonic()
    case = OUT / f"case-{args.findings}-{args.pictures}"
    if not (case / "case.sqlite").exists():  # made in another process, so it does not count in the peak
        command = [sys.executable, __file__, "--make-only", "--findings", str(args.findings)]
        subprocess.run([*command, "--pictures", str(args.pictures)], check=True)
    print(f"case ready in {time.monotonic() - started:.1f} s: {case}")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.monotonic(), time.process_time()
    out = OUT / f"report-{args.findings}-{args.lang}.pdf"
    assert run(["report", str(case), "--out", str(out), "--lang", args.lang]) == 0
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"report of {args.findings} findings: {seconds:.1f} s ({cpu:.1f} s CPU), "
        f"{out.stat().st_size / 1e6:.1f} MB, "
        f"peak RSS {peak / 1024:.0f} MiB (before the report {baseline / 1024:.0f} MiB; "
        f"largest child {children / 1024:.0f} MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
