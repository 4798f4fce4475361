"""`haechi hashset export-tagged`: a case's tagged files as a hash set for later cases.

The file is CSV under a few '#' header lines (the magic line, the case, the ledger head), so an
earlier case's findings can be imported as a notable set. The export is a ledger event.
"""

import csv
from pathlib import Path
from typing import Any, TextIO

from app.cases.session import CaseSession
from app.common.output import Written, write_recorded
from app.hashsets.formats import HAECHI_MAGIC
from chain_of_custody.hashset_db import HashSetError
from chain_of_custody.ledger import utc_now
from chain_of_custody.tags import Tags

EXPORT_COLUMNS = ("md5", "sha1", "sha256", "size", "tag", "evidence_id", "path", "note")


def export_tagged(session: CaseSession, out: Path, tag: str | None = None) -> dict[str, Any]:
    """Write every tagged, hashed file (optionally one tag only); one line per file and tag."""
    rows = [row for row in Tags(session.db.conn).tagged_files(tag) if row["md5"]]
    if not rows:
        which = f"tagged '{tag}'" if tag else "tagged"
        raise HashSetError(f"no hashed file is {which} in this case: nothing to export")
    info = session.db.info()
    head = session.db.ledger.head()[1]

    def write(handle: TextIO) -> None:
        handle.write(f"{HAECHI_MAGIC}\n")
        handle.write(f"# case: {info.get('number', '')} {info.get('title', '')}\n")
        handle.write(f"# exported: {utc_now()} by {session.examiner.name}; ledger head {head}\n")
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)

    def details(_: None, written: Written) -> dict[str, Any]:
        return {
            "file": str(written.path.resolve()),
            "sha256": written.sha256,
            "records": len(rows),
            "files": len({row["id"] for row in rows}),
            "tag": tag or "any",
        }

    return write_recorded(session, out, write, ("hashset_exported", None), details)
