"""Time `haechi evidence add` against `tsk_loaddb -h` + `md5sum` and the hashing limit.

Usage: run_bench.py bench/out/vod-1.json [--repeat 3] [--configs haechi,tsk,limit,e01]
The configurations run alternately (round robin, rotated each round), so a load that others put
on the machine falls on all of them alike; the load average is recorded beside every run.
Results: a table on stdout and bench/out/results-<name>-<time>.json.
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
VENV_BIN = Path(sys.executable).parent


@dataclass
class Run:
    config: str
    wall: float
    cpu: float
    max_rss_mb: float  # the largest single process (wait4)
    tree_rss_mb: float  # sampled sum over the process tree
    load: float
    note: str = ""


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, float, str]:
    """Wall, CPU (user+sys of the process and its children), max RSS, tree RSS, stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:  # never poll(): that would reap the child before wait4 reads its usage
        while not stop.is_set():
            peak[0] = max(peak[0], sum(_rss_kb(pid) for pid in _descendants(process.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0] / 1024, output


def _load() -> float:
    return os.getloadavg()[0]


def _examiner_env(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(work / "config"),
        "HAECHI_EXAMINER": "Bench",
        "HAECHI_PASSPHRASE": "bench-passphrase",
    }


def _new_case(work: Path, env: dict[str, str]) -> Path:
    case = work / f"case-{time.monotonic_ns()}"
    subprocess.run(
        [str(VENV_BIN / "haechi"), "case", "new", str(case), "--number", "B", "--title", "bench"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return case


def run_haechi(image: Path, work: Path) -> list[Run]:
    """Two rows: all of `evidence add`, and its import run alone (without the steps after it)."""
    env = _examiner_env(work)
    case = _new_case(work, env)
    load = _load()
    wall, cpu, rss, tree, output = timed(
        [str(VENV_BIN / "haechi"), "evidence", "add", str(case), str(image), "--json"], env
    )
    summary = json.loads(output)
    import_wall = _import_run_seconds(case)
    subprocess.run(["rm", "-rf", str(case)], check=True)
    name = "haechi" if image.suffix != ".E01" else "haechi-e01"
    note = f"{summary['entries']} entries, {summary['hashed']} hashed"
    return [
        Run(name, wall, cpu, rss, tree, load, note),
        Run(
            f"{name}-import", import_wall, cpu, rss, tree, load, "import run alone (cpu, rss: whole command)"
        ),
    ]


def run_import_only(image: Path, work: Path) -> list[Run]:
    """ImportJob alone in one process (bench/import_only.py): the import's own wall, CPU and RSS."""
    env = _examiner_env(work)
    case = _new_case(work, env)
    load = _load()
    wall, cpu, rss, tree, output = timed(
        [sys.executable, str(BENCH / "import_only.py"), str(case), str(image)], env
    )
    inner = json.loads(output)
    subprocess.run(["rm", "-rf", str(case)], check=True)
    name = "import-only" if image.suffix != ".E01" else "import-only-e01"
    note = f"process wall {wall:.2f}s, parent cpu {inner['parent_cpu']:.2f}s, {inner['entries']} entries"
    return [Run(name, inner["wall"], cpu, rss, tree, load, note)]


def _import_run_seconds(case: Path) -> float:
    """The import proper (run start to end, from the case), without the steps `evidence add` runs after it."""
    with sqlite3.connect(case / "case.sqlite") as db:
        started, ended = db.execute("SELECT started_at, ended_at FROM import_runs ORDER BY id").fetchone()
    return (datetime.fromisoformat(ended) - datetime.fromisoformat(started)).total_seconds()


def run_tsk(image: Path, work: Path) -> list[Run]:
    database = work / "loaddb.db"
    database.unlink(missing_ok=True)
    load = _load()
    wall1, cpu1, rss1, tree1, _ = timed(["tsk_loaddb", "-h", "-d", str(database), str(image)])
    wall2, cpu2, rss2, tree2, _ = timed(["md5sum", str(image)])
    database.unlink(missing_ok=True)
    return [
        Run(
            "tsk_loaddb+md5sum",
            wall1 + wall2,
            cpu1 + cpu2,
            max(rss1, rss2),
            max(tree1, tree2),
            load,
            f"tsk_loaddb {wall1:.2f}s, md5sum {wall2:.2f}s",
        )
    ]


def run_limit(image: Path, tree: Path) -> list[Run]:
    load = _load()
    wall, cpu, rss, peak, output = timed(
        [sys.executable, str(BENCH / "hash_limit.py"), str(image), str(tree)]
    )
    inner = json.loads(output)
    return [Run("hash-limit", inner["wall"], cpu, rss, peak, load, f"process wall {wall:.2f}s")]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--configs", default="haechi,tsk,limit")
    args = parser.parse_args()
    manifest = json.loads(args.manifest.read_text())
    image = args.manifest.parent / manifest["image"]
    tree = args.manifest.parent / manifest["tree"]
    configs = args.configs.split(",")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(dir=OUT) as temporary:
        work = Path(temporary)
        actions = {
            "haechi": lambda: run_haechi(image, work),
            "e01": lambda: run_haechi(args.manifest.parent / manifest["e01"], work),
            "import": lambda: run_import_only(image, work),
            "import-e01": lambda: run_import_only(args.manifest.parent / manifest["e01"], work),
            "tsk": lambda: run_tsk(image, work),
            "limit": lambda: run_limit(image, tree),
        }
        for round_number in range(args.repeat):
            order = configs[round_number % len(configs) :] + configs[: round_number % len(configs)]
            for config in order:
                for run in actions[config]():
                    runs.append(run)
                    print(
                        f"{run.config:20} wall {run.wall:7.2f}s cpu {run.cpu:7.2f}s "
                        f"rss {run.max_rss_mb:5.0f} MB (tree {run.tree_rss_mb:5.0f} MB) "
                        f"load {run.load:5.2f}  {run.note}",
                        flush=True,
                    )
    report(manifest, runs, args.manifest.stem)


def report(manifest: dict[str, object], runs: list[Run], name: str) -> None:
    median = {c: statistics.median(r.wall for r in runs if r.config == c) for c in {r.config for r in runs}}
    print(f"\nmedian wall: {json.dumps({k: round(v, 2) for k, v in sorted(median.items())})}")
    files = int(str(manifest["files"]))
    for config, wall in sorted(median.items()):
        print(f"{config:18} {files / wall:10.0f} files/s")
    for ours in ("haechi", "haechi-import", "import-only"):
        if ours in median and "tsk_loaddb+md5sum" in median:
            ratio = median[ours] / median["tsk_loaddb+md5sum"]
            print(f"{ours} / (tsk_loaddb + md5sum) = {ratio:.2f} (target <= 0.75)")
        if ours in median and "hash-limit" in median:
            print(f"{ours} / hashing limit = {median[ours] / median['hash-limit']:.2f} (target <= 1.2)")
        e01 = f"{ours}-e01".replace("haechi-import-e01", "haechi-e01-import")
        if ours in median and e01 in median:
            print(f"{ours} E01 / raw = {median[e01] / median[ours]:.2f}")
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    result = {
        "manifest": manifest,
        "nproc": os.cpu_count(),
        "runs": [asdict(r) for r in runs],
        "median": median,
    }
    (OUT / f"results-{name}-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
