"""What commitments cost: compute, commit (with the kept leaves) and check one evidence item's catalogue.

    PYTHONPATH=. .venv/bin/python bench/commitment_cost.py COPY_OF/case.sqlite [EVIDENCE_ID]

Works on a copy (it migrates the database and writes commitment_leaves), e.g. of the generated
million-file database of tests/test_gui_million.py in tests/.cache/million-files-*/case.sqlite.
"""

import resource
import sqlite3
import sys
import time
from pathlib import Path

from chain_of_custody.commitments import commit, compute, locate
from chain_of_custody.schema import migrate


def _timed(label: str, action):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"{label:34} wall {time.perf_counter() - start:6.1f} s   cpu {time.process_time() - cpu:6.1f} s")
    return result


def main() -> None:
    path, evidence_id = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn)
    rows = conn.execute("SELECT COUNT(*) FROM files WHERE evidence_id = ?", (evidence_id,)).fetchone()[0]
    print(f"{rows} file rows of evidence {evidence_id} in {path}")
    scope = f"catalogue:{evidence_id}"
    _timed("check (compute, no names)", lambda: compute(conn, scope, named=False))
    _timed("compute with names", lambda: compute(conn, scope))
    conn.execute("BEGIN IMMEDIATE")
    details = _timed("commit (compute + keep leaves)", lambda: commit(conn, scope))
    _timed("COMMIT", lambda: conn.execute("COMMIT"))
    assert compute(conn, scope, named=False).root == details["root"]
    conn.execute("UPDATE files SET md5 = 'x' WHERE evidence_id = ? AND ordinal = 777", (evidence_id,))
    changed = compute(conn, scope)
    found = _timed("locate one changed row", lambda: locate(conn, changed, details["root"]))
    print("located:", found.changed)
    kept = conn.execute("SELECT length(names) + length(leaves) FROM commitment_leaves").fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"kept leaves and names: {kept / 2**20:.1f} MiB; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
