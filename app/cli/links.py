"""`haechi links CASE_DIR`: identifiers shared between evidence items (MACs, credentials, hosts, serials,
Android IDs), values seen on two or more evidence items first, each occurrence with its source."""

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from app.cases.session import open_case_readonly
from app.links.identifiers import KINDS
from app.links.index import case_links, link_rows

CSV_COLUMNS = (
    "kind",
    "value",
    "evidence_items",
    "evidence_id",
    "artifact_id",
    "type",
    "field",
    "path",
    "detail",
)


def add_links_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "links", help="identifiers shared between evidence items (MAC, credential, host, serial, Android ID)"
    )
    parser.add_argument("case", metavar="CASE_DIR")
    parser.add_argument("--kind", choices=KINDS, help="only this kind of identifier")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument(
        "--across", action="store_true", help="only values seen on two or more evidence items"
    )
    parser.set_defaults(func=_cmd_links)


def _cmd_links(args: argparse.Namespace) -> int:
    db = open_case_readonly(Path(args.case))
    try:
        links = case_links(db, args.kind, args.across)
    finally:
        db.close()
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in link_rows(links):
            writer.writerow({**row, "detail": json.dumps(row["detail"], ensure_ascii=False, sort_keys=True)})
        return 0
    for link in links:
        print(json.dumps(link.record(), ensure_ascii=False))
    return 0
