"""`haechi export`: the catalogue and custody record in formats other tools and agencies read.

Every export is written to a temporary file and renamed into place, then its SHA-256 is recorded
in the ledger, so what was handed over can be matched to the case later.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from app import __version__
from app.browse.listing import file_records, write_records
from app.cases.session import CaseSession
from app.common.neutral import bodyfile_field, xml_text
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
    """The Sleuth Kit's body format 3 (mactime input), one record per line:

    MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime

    MD5 is the file's own (0 when it was not hashed). The name goes through bodyfile_field: '|' and
    control characters are escaped, so mactime reads every record whole (docs/reliability.md).
    """
    count = 0
    for row in Catalogue(db.conn).files():
        name = bodyfile_field(f"E{row['evidence_id']}V{row['volume_idx']}{row['path']}")
        if row["stream"]:
            name += ":" + bodyfile_field(row["stream"])
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


def _element(tag: str, value: Any, attributes: str = "") -> str:
    text, escaped = xml_text(value)
    marker = ' escaped="backslash"' if escaped else ""
    return f"<{tag}{attributes}{marker}>{text}</{tag}>"


def _hashdigests(row: dict[str, Any], prefix: str = "") -> str:
    return "".join(
        f'<hashdigest type="{kind}">{row[prefix + kind]}</hashdigest>'
        for kind in ("md5", "sha1", "sha256")
        if row.get(prefix + kind)
    )


def _dfxml_source(item: dict[str, Any]) -> str:
    """The image: every segment's file name, its size and the acquisition hashes Haechi computed."""
    names = "".join(_element("image_filename", Path(segment).name) for segment in _segments(item))
    return (
        f'  <source evidence="{item["id"]}">{names}'
        f"{_element('image_size', item['size'] or 0)}{_hashdigests(item)}</source>\n"
    )


def _segments(item: dict[str, Any]) -> list[str]:
    try:
        segments = json.loads(item.get("segments") or "[]")
    except ValueError:
        segments = []
    return [str(segment) for segment in segments] or [str(item["source_path"])]


def _dfxml_volume_open(volume: dict[str, Any]) -> str:
    fields = [
        ("partition_offset", volume["offset"]),
        ("block_size", volume["fs_block_size"]),
        ("ftype_str", volume["fs_type"]),
        ("description", volume["description"]),
    ]
    body = "".join(_element(tag, value) for tag, value in fields if value is not None)
    where = f'offset="{volume["offset"]}" evidence="{volume["evidence_id"]}" index="{volume["idx"]}"'
    return f"  <volume {where}>{body}\n"


def _fileobject(row: dict[str, Any]) -> str:
    fields = [
        ("filename", row["path"] + (f":{row['stream']}" if row["stream"] else "")),
        ("filesize", row["size"]),
        ("inode", row["inode"]),
        ("alloc", int(row["allocated"])),
        ("mtime", row["mtime"]),
        ("atime", row["atime"]),
        ("ctime", row["ctime"]),
        ("crtime", row["crtime"]),
    ]
    body = "".join(_element(tag, value) for tag, value in fields if value is not None)
    return (
        f'    <fileobject evidence="{row["evidence_id"]}" volume="{row["volume_idx"]}">'
        f"{body}{_hashdigests(row)}</fileobject>\n"
    )


def write_dfxml(db: CaseDatabase, out: TextIO) -> int:
    """Digital Forensics XML 1.2: per image a <source> (file names, size, hashes), then per volume a
    <volume> holding one <fileobject> per catalogued file. Names are XML 1.0 safe (neutral.xml_text)."""
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<dfxml xmlns="http://www.forensicswiki.org/wiki/'
        'Category:Digital_Forensics_XML" version="1.2.0">\n'
        f"  <creator><program>Haechi</program><version>{__version__}</version></creator>\n"
    )
    catalogue = Catalogue(db.conn)
    count = 0
    for item in catalogue.all_evidence():
        out.write(_dfxml_source(item))
        by_index = {volume["idx"]: volume for volume in catalogue.volumes(item["id"])}
        open_volume: int | None = None
        for row in catalogue.files(item["id"]):
            if row["volume_idx"] != open_volume:
                if open_volume is not None:
                    out.write("  </volume>\n")
                volume = by_index.get(row["volume_idx"]) or _bare_volume(item["id"], row["volume_idx"])
                out.write(_dfxml_volume_open(volume))
                open_volume = row["volume_idx"]
            out.write(_fileobject(row))
            count += 1
        if open_volume is not None:
            out.write("  </volume>\n")
    out.write("</dfxml>\n")
    return count


def _bare_volume(evidence_id: int, idx: int) -> dict[str, Any]:
    return {
        "evidence_id": evidence_id,
        "idx": idx,
        "offset": 0,
        "fs_block_size": None,
        "fs_type": None,
        "description": None,
    }


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
