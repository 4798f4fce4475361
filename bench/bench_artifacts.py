"""Artifact extraction benchmark (run by hand): a TV box with many apps, a big playlist and a panel dump.

    .venv/bin/python bench/bench_artifacts.py [--apps 2000] [--channels 50000] [--activity 100000]

Builds one ext4 image with mke2fs -d: APPS app folders (each with shared_prefs XML, a small SQLite
database and a JSON config holding an Xtream URL), one M3U playlist of CHANNELS entries and an
Xtream-UI SQL dump with ACTIVITY user_activity rows. Imports it without the post-import run timed,
then times `haechi artifacts --run` and prints rows per type, milliseconds per extractor and peak RSS.
"""

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "artifacts"

from app.cli.main import run  # noqa: E402 - after the path is set


def _app(folder: Path, index: int) -> None:
    (folder / "shared_prefs").mkdir(parents=True)
    (folder / "databases").mkdir()
    (folder / "files").mkdir()
    (folder / "shared_prefs" / "settings.xml").write_text(
        f'<map><string name="theme">dark</string><int name="launches" value="{index}" /></map>'
    )
    with sqlite3.connect(folder / "databases" / "cache.db") as conn:
        conn.execute("CREATE TABLE kv (k TEXT, v TEXT)")
        conn.executemany("INSERT INTO kv VALUES (?, ?)", [(f"k{i}", "x" * 64) for i in range(50)])
    conn.close()
    url = (
        f"http://line{index % 7}.bench.invalid:8080/get.php?username=u{index}&password=p{index}&type=m3u_plus"
    )
    (folder / "files" / "config.json").write_text(json.dumps({"portal": url, "mac": "00:1A:79:00:00:01"}))


def _playlist(path: Path, channels: int) -> None:
    lines = ["#EXTM3U"]
    for i in range(channels):
        lines.append(
            f'#EXTINF:-1 tvg-id="c{i}" tvg-name="Channel {i}" group-title="Group {i % 40}",Channel {i}'
        )
        lines.append(f"http://line.bench.invalid:8080/live/cust{i % 3}/pass/{i}.ts")
    path.write_text("\n".join(lines) + "\n")


def _dump(path: Path, activity: int) -> None:
    rows = ",".join(
        f"({i},{i % 500},{i % 90},1,'VLC','198.51.100.{i % 250}','ts',{1704067200 + i},{1704067800 + i},'KR')"
        for i in range(activity)
    )
    path.write_text(
        "CREATE TABLE `user_activity` (`activity_id` int, `user_id` int, `stream_id` int, `server_id` int, "
        "`user_agent` varchar(255), `user_ip` varchar(39), `container` varchar(8), `date_start` int, "
        "`date_end` int, `geoip_country_code` varchar(2));\n"
        f"INSERT INTO `user_activity` VALUES {rows};\n"
    )


def _image(args: argparse.Namespace) -> Path:
    folder = OUT / f"box-{args.apps}-{args.channels}-{args.activity}"
    image = folder.with_suffix(".img")
    if image.exists():
        return image
    shutil.rmtree(folder, ignore_errors=True)
    for index in range(args.apps):
        _app(folder / "data" / "data" / f"com.bench.app{index}", index)
    (folder / "sdcard").mkdir(parents=True)
    _playlist(folder / "sdcard" / "big.m3u", args.channels)
    _dump(folder / "sdcard" / "panel.sql", args.activity)
    size_mib = 64 + sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) * 3 // (1 << 20)
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(folder), str(image), f"{size_mib}M"], check=True)
    return image


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=2000)
    parser.add_argument("--channels", type=int, default=50_000)
    parser.add_argument("--activity", type=int, default=100_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_CONFIG_HOME", str(OUT / "config"))
    os.environ.setdefault("HAECHI_EXAMINER", "Bench")
    os.environ.setdefault("HAECHI_PASSPHRASE", "bench passphrase")
    image = _image(args)
    case = OUT / f"case-{image.stem}"
    shutil.rmtree(case, ignore_errors=True)
    assert run(["case", "new", str(case), "--number", "BENCH", "--title", "artifacts"]) == 0
    started = time.monotonic()
    assert run(["evidence", "add", str(case), str(image)]) == 0
    print(f"import + post-import extraction: {time.monotonic() - started:.1f} s", file=sys.stderr)
    started = time.monotonic()
    cpu_before = _cpu_seconds()
    with open(os.devnull, "w") as sink:
        saved, sys.stdout = sys.stdout, sink
        try:
            assert run(["artifacts", str(case), "--run"]) == 0
        finally:
            sys.stdout = saved
    print(
        f"artifacts --run (extract again and list): {time.monotonic() - started:.1f} s wall, "
        f"{_cpu_seconds() - cpu_before:.1f} s CPU (this process and its reader)",
        file=sys.stderr,
    )
    conn = sqlite3.connect(case / "case.sqlite")
    details = json.loads(
        conn.execute(
            "SELECT details FROM ledger WHERE action = 'artifacts_extracted' ORDER BY seq DESC LIMIT 1"
        ).fetchone()[0]
    )
    conn.close()
    print(
        json.dumps(
            {k: details[k] for k in ("sources", "rows", "counts", "warnings", "milliseconds")}, indent=1
        )
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
