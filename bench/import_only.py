"""The import alone (ImportJob: image hash, walk, hashes, types, database), in this process.

Usage: import_only.py CASE_DIR IMAGE (the case exists; examiner from HAECHI_EXAMINER and
HAECHI_PASSPHRASE). Unlike `haechi evidence add`, no step runs after the import, so the CPU
time and peak RSS of this process and its children are the import's own. Prints one JSON line.
"""

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    # imported here: the import's child processes re-import this module, and should stay as lean
    # as they are under `haechi` (whose console script imports almost nothing)
    from app.cases.identity import EnvironmentPassphrase, examiner_name, unlock_examiner
    from app.cases.session import open_case
    from app.evidence.importer import ImportJob, ImportRequest

    examiner, _ = unlock_examiner(examiner_name(None), EnvironmentPassphrase())
    session = open_case(Path(sys.argv[1]), examiner)
    start = time.perf_counter()
    outcome = ImportJob(session, ImportRequest(Path(sys.argv[2]))).run()
    wall = time.perf_counter() - start
    session.close()
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(
        json.dumps(
            {
                "status": outcome.status,
                "wall": wall,
                "cpu": sum(u.ru_utime + u.ru_stime for u in usage),
                "parent_cpu": usage[0].ru_utime + usage[0].ru_stime,
                "max_rss_mb": max(u.ru_maxrss for u in usage) / 1024,
                **outcome.counts,
            }
        )
    )


if __name__ == "__main__":
    main()
