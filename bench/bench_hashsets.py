"""Hash-set benchmark (run by hand): import N generated SHA-256 values, match a generated case.

    .venv/bin/python bench/bench_hashsets.py [--hashes 50000000] [--files 100000]

1. writes a plain list of N random SHA-256 values (bench/out/hashsets/, reused between runs);
2. imports it into a fresh library through app.hashsets.library.import_hashset: time, rate, peak RSS,
   size of the set's database;
3. builds a case of F catalogued files (random MD5/SHA-1/SHA-256; 1 % of them take a SHA-256 from
   the set) and times app.hashsets.matching.match_case against the library, checking the hit count.
Peak RSS is that of this process (the list is written in small chunks, so the import dominates).
"""

import argparse
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "hashsets"

from app.cases.session import create_case  # noqa: E402 - after the path is set
from app.hashsets.library import ImportRequest, import_hashset  # noqa: E402
from app.hashsets.matching import match_case  # noqa: E402
from chain_of_custody.catalogue import FILE_COLUMNS, Catalogue, NewEvidence  # noqa: E402
from chain_of_custody.hashset_db import HashSetLibrary  # noqa: E402
from chain_of_custody.identity import ProfileStore  # noqa: E402

CHUNK = 100_000


def _chunk_digests(seed: int, count: int) -> list[bytes]:
    blob = random.Random(seed).randbytes(32 * count)
    return [blob[i : i + 32] for i in range(0, len(blob), 32)]


def write_list(hashes: int) -> Path:
    path = OUT / f"sha256-{hashes}.txt"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    with partial.open("w") as handle:
        for start in range(0, hashes, CHUNK):
            digests = _chunk_digests(start, min(CHUNK, hashes - start))
            handle.write("".join(digest.hex() + "\n" for digest in digests))
    partial.replace(path)
    return path


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_import(listing: Path, hashes: int) -> HashSetLibrary:
    folder = OUT / "library"
    shutil.rmtree(folder, ignore_errors=True)
    library = HashSetLibrary.open(folder)
    started, cpu = time.monotonic(), time.process_time()
    result = import_hashset(library, ImportRequest(listing, "generated", "notable", "bench"))
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    print(f"import: {hashes:,} SHA-256 values ({listing.stat().st_size / 2**20:,.0f} MiB list)")
    print(f"  wall {elapsed:,.1f} s, cpu {cpu:,.1f} s, {hashes / elapsed:,.0f} hashes/s")
    print(f"  distinct {result.info.sha256_count:,}, bad lines {result.report.bad_lines}")
    print(f"  library on disk {size / 2**20:,.0f} MiB ({size / hashes:.1f} bytes/hash)")
    print(f"  peak RSS {_peak_rss_mib():,.0f} MiB")
    return library


def _file_row(evidence_id: int, ordinal: int, rng: random.Random, in_set: bytes | None) -> tuple[object, ...]:
    values: dict[str, object] = {name: None for name in FILE_COLUMNS}
    values.update(
        evidence_id=evidence_id,
        volume_idx=0,
        ordinal=ordinal,
        path=f"/data/file{ordinal}.bin",
        parent_path="/data",
        name=f"file{ordinal}.bin",
        size=ordinal,
        allocated=1,
        name_allocated=1,
        meta_allocated=1,
        orphan=0,
        ext_mismatch=0,
        content="read",
        bytes_read=ordinal,
        md5=rng.randbytes(16).hex(),
        sha1=rng.randbytes(20).hex(),
        sha256=(in_set or rng.randbytes(32)).hex(),
    )
    return tuple(values[name] for name in FILE_COLUMNS)


def bench_match(library: HashSetLibrary, files: int, hashes: int) -> None:
    os.environ["XDG_CONFIG_HOME"] = str(OUT / "config")
    folder = OUT / "case"
    shutil.rmtree(folder, ignore_errors=True)
    store = ProfileStore(OUT / "config" / "haechi" / "examiners")
    if not store.exists("Bench"):
        store.create("Bench", "bench passphrase")
    session = create_case(folder, "BENCH", "hash sets", None, store.unlock("Bench", "bench passphrase"))
    known = _chunk_digests(0, min(CHUNK, hashes))
    rng = random.Random(99)
    with session.db.transaction():
        evidence_id = session.catalogue.add_evidence(
            NewEvidence(
                "generated", "/dev/null", [], "raw", 0, [], {}, None, None, None, None, None, "Bench", {}
            )
        )
        rows = (
            _file_row(evidence_id, n, rng, known[n % len(known)] if n % 100 == 0 else None)
            for n in range(files)
        )
        Catalogue(session.db.conn).add_files(rows)
    started = time.monotonic()
    summary = match_case(session, library, evidence_id)
    elapsed = time.monotonic() - started
    session.close()
    hits = summary.files_per_set.get("generated", 0)
    print(f"match: {files:,} files x 3 algorithms against {hashes:,} hashes")
    per_lookup = elapsed / files / 3 * 1e6
    print(f"  wall {elapsed:,.2f} s, {files / elapsed:,.0f} files/s, {per_lookup:.1f} us per lookup")
    print(f"  hits {hits:,} (expected {len(range(0, files, 100)):,})")
    print(f"  peak RSS {_peak_rss_mib():,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--hashes", type=int, default=50_000_000)
    parser.add_argument("--files", type=int, default=100_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    listing = write_list(args.hashes)
    print(f"list ready in {time.monotonic() - started:,.1f} s: {listing}")
    library = bench_import(listing, args.hashes)
    try:
        bench_match(library, args.files, args.hashes)
    finally:
        library.close()


if __name__ == "__main__":
    main()
