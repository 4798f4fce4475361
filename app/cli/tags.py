"""`haechi tag | untag | tags`: bookmarks and tags on catalogued files from the command line."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.browse.tagging import tag_file, untag
from app.cases.session import CaseSession, open_case_readonly
from app.cases.settings import load_settings
from app.common.faults import disk_full_recorded
from app.common.neutral import json_text, terminal
from app.common.timeview import local_text
from chain_of_custody.tags import BOOKMARK, Tags

SessionOpener = Callable[[argparse.Namespace], CaseSession]


def add_tag_commands(
    commands: Any, with_examiner: Callable[[argparse.ArgumentParser], None], opener: SessionOpener
) -> None:
    tag = commands.add_parser("tag", help="tag or bookmark a catalogued file (id from `haechi files`)")
    tag.add_argument("case", metavar="CASE_DIR")
    tag.add_argument("file_id", metavar="FILE_ID", type=int)
    tag.add_argument("--tag", default=BOOKMARK, help=f"tag name (default: {BOOKMARK})")
    tag.add_argument("--note", default="", help="the examiner's note")
    with_examiner(tag)
    tag.set_defaults(func=lambda args: _cmd_tag(opener, args))
    remove = commands.add_parser("untag", help="remove a tag (the removal is recorded)")
    remove.add_argument("case", metavar="CASE_DIR")
    remove.add_argument("tag_id", metavar="TAG_ID", type=int)
    with_examiner(remove)
    remove.set_defaults(func=lambda args: _cmd_untag(opener, args))
    listing = commands.add_parser("tags", help="list tagged and bookmarked files")
    listing.add_argument("case", metavar="CASE_DIR")
    listing.add_argument("--tag", help="only this tag")
    listing.add_argument("--format", choices=("text", "jsonl"), default="text")
    listing.set_defaults(func=_cmd_tags)


def _cmd_tag(opener: SessionOpener, args: argparse.Namespace) -> int:
    session = opener(args)
    try:
        with disk_full_recorded(session, f"tag {args.file_id}"):
            row = tag_file(session, args.file_id, args.tag, args.note)
    finally:
        session.close()
    print(f"tag {row.id}: file {row.file_id} tagged '{terminal(row.tag)}'")
    return 0


def _cmd_untag(opener: SessionOpener, args: argparse.Namespace) -> int:
    session = opener(args)
    try:
        with disk_full_recorded(session, f"untag {args.tag_id}"):
            row = untag(session, args.tag_id)
    finally:
        session.close()
    print(f"tag {row.id} ('{terminal(row.tag)}') removed from file {row.file_id}")
    return 0


def _cmd_tags(args: argparse.Namespace) -> int:
    db = open_case_readonly(Path(args.case))
    try:
        rows = Tags(db.conn).tagged_files(args.tag)
    finally:
        db.close()
    zone = load_settings().zone()
    for row in rows:
        if args.format == "jsonl":
            keys = (
                "tag_id",
                "tag",
                "note",
                "tagged_at",
                "tagged_by",
                "id",
                "evidence_id",
                "volume_idx",
                "path",
                "size",
                "allocated",
                "md5",
                "sha1",
                "sha256",
            )
            print(json_text({key: row[key] for key in keys}))
        else:  # names, tags and notes escaped: one line per tag, nothing a terminal would act on
            print(
                f"{row['tag_id']}\t{terminal(row['tag'])}\t{local_text(row['tagged_at'], zone)}\t"
                f"E{row['evidence_id']}V{row['volume_idx']}{terminal(row['path'])}\t{terminal(row['note'])}",
                file=sys.stdout,
            )
    return 0
