"""`haechi export`: the catalogue and custody record in formats other tools and agencies read.

Every export is written to a temporary file and renamed into place, then its SHA-256 is recorded
in the ledger, so what was handed over can be matched to the case later.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape

from app import __version__
from app.browse.listing import file_records, write_records
from app.cases.session import CaseSession
from app.common.output import write_recorded
from app.common.timeview import parse_utc
from app.exports.case_uco import CaseUcoExporter
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue

FORMATS = ("case-uco", "csv", "dfxml", "bodyfile")


def _epoch(text: str | None) -> int:
    moment = parse_utc(text) if text else None
    return int(moment.timestamp()) if moment else 0


def write_bodyfile(db: CaseDatabase, out: TextIO) -> int:
    """The Sleuth Kit's body format (mactime input).

    MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime
    """
    count = 0
    for row in Catalogue(db.conn).files():
        name = f"E{row['evidence_id']}V{row['volume_idx']}{row['path']}".replace("|", "\\|")
        if not row["allocated"]:
            name += " (deleted)"
        mode = f"{row['name_type']}/{row['meta_type']}---------"
        times = [_epoch(row[key]) for key in ("atime", "mtime", "ctime", "crtime")]
        out.write(
            f"{row['md5'] or 0}|{name}|{row['inode'] or 0}|{mode}|0|0|{row['size']}|"
            + "|".join(map(str, times))
            + "\n"
        )
        count += 1
    return count


def write_dfxml(db: CaseDatabase, out: TextIO) -> int:
    """Digital Forensics XML: one <fileobject> per catalogued file."""
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<dfxml xmlns="http://www.forensicswiki.org/wiki/'
        'Category:Digital_Forensics_XML" version="1.2.0">\n'
        f"  <creator><program>Haechi</program><version>{__version__}</version></creator>\n"
    )
    count = 0
    for row in Catalogue(db.conn).files():
        fields = [
            ("filename", row["path"]),
            ("filesize", row["size"]),
            ("inode", row["inode"]),
            ("alloc", int(row["allocated"])),
            ("mtime", row["mtime"]),
            ("atime", row["atime"]),
            ("ctime", row["ctime"]),
            ("crtime", row["crtime"]),
        ]
        body = "".join(f"<{tag}>{escape(str(value))}</{tag}>" for tag, value in fields if value is not None)
        hashes = "".join(
            f'<hashdigest type="{kind}">{row[key]}</hashdigest>'
            for key, kind in (("md5", "md5"), ("sha1", "sha1"), ("sha256", "sha256"))
            if row[key]
        )
        out.write(
            f'  <fileobject evidence="{row["evidence_id"]}" volume="{row["volume_idx"]}">'
            f"{body}{hashes}</fileobject>\n"
        )
        count += 1
    out.write("</dfxml>\n")
    return count


def _writer(fmt: str) -> Callable[[CaseDatabase, TextIO], int]:
    if fmt == "case-uco":
        return lambda db, out: CaseUcoExporter(db).write(out)
    if fmt == "csv":
        return lambda db, out: write_records(file_records(db, None, False), out, "csv")
    if fmt == "dfxml":
        return write_dfxml
    if fmt == "bodyfile":
        return write_bodyfile
    raise ValueError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")


class _NotRecorded:
    """The recorder for a case on read-only media, where no event can be appended."""

    def record(self, action: str, evidence_id: int | None, details: dict[str, Any]) -> None:
        return None


def export_case(session: CaseSession, fmt: str, out_path: Path) -> dict[str, Any]:
    """Write the export atomically and record it (format, path, records, SHA-256) in the ledger;
    a case on read-only media is exported unrecorded, and the result says so (`recorded`)."""
    writer = _writer(fmt)
    read_only = session.db.read_only
    details = write_recorded(
        _NotRecorded() if read_only else session,
        out_path.resolve(),
        lambda handle: writer(session.db, handle),
        ("exported", None),
        lambda records, written: {
            "format": fmt,
            "file": str(written.path),
            "records": records,
            "sha256": written.sha256,
        },
    )
    return {**details, "recorded": not read_only}
