"""`haechi hashset import | list | remove | match | export-tagged`: the workstation's hash sets."""

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cases.session import CaseSession
from app.cases.settings import load_settings
from app.common.progress import CancelToken
from app.common.timeview import local_text
from app.hashsets.export import export_tagged
from app.hashsets.formats import FORMATS
from app.hashsets.library import ImportRequest, import_hashset, library_folder, open_library
from app.hashsets.matching import match_case
from chain_of_custody.hashset_db import CATEGORIES, DIGEST_SIZES, BuildCancelled, HashSetInfo

SessionOpener = Callable[[argparse.Namespace], CaseSession]


def add_hashset_commands(
    commands: Any, with_examiner: Callable[[argparse.ArgumentParser], None], opener: SessionOpener
) -> None:
    hashset = commands.add_parser("hashset", help="known / notable hash sets of this workstation")
    subs = hashset.add_subparsers(dest="sub", required=True)
    load = subs.add_parser("import", help="import a hash-set file (NSRL RDSv3, lists, hashdeep, HashKeeper)")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--name", required=True)
    load.add_argument("--category", required=True, choices=CATEGORIES)
    load.add_argument("--source", default="", help="who published it (NIST, a rightsholder, a case)")
    load.add_argument("--version", default="", help="the set's version (NSRL: read from the file)")
    load.add_argument("--format", choices=FORMATS, default="auto")
    load.add_argument("--replace", action="store_true", help="replace a set of the same name")
    load.set_defaults(func=_cmd_import)
    listing = subs.add_parser("list", help="list the sets")
    listing.add_argument("--format", choices=("text", "jsonl"), default="text")
    listing.set_defaults(func=_cmd_list)
    remove = subs.add_parser("remove", help="remove a set")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(func=_cmd_remove)
    match = subs.add_parser(
        "match", help="match a case's files against every set (hits replace earlier ones)"
    )
    match.add_argument("case", metavar="CASE_DIR")
    match.add_argument("--evidence", type=int)
    with_examiner(match)
    match.set_defaults(func=lambda args: _cmd_match(opener, args))
    export = subs.add_parser("export-tagged", help="write a case's tagged files as a hash set")
    export.add_argument("case", metavar="CASE_DIR")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--tag", help="only files with this tag (default: any tag)")
    with_examiner(export)
    export.set_defaults(func=lambda args: _cmd_export(opener, args))
    for sub in (load, listing, remove, match):
        sub.add_argument(
            "--library", metavar="DIR", help="hash-set library folder (default: env HAECHI_HASHSETS)"
        )


def _cmd_import(args: argparse.Namespace) -> int:
    cancel = CancelToken()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    library = open_library(args.library)
    try:
        request = ImportRequest(
            Path(args.file),
            args.name,
            args.category,
            args.source,
            args.version,
            args.format,
            args.replace,
            os.environ.get("HAECHI_EXAMINER", ""),
        )
        result = import_hashset(library, request, cancel, _ImportProgress())
    except BuildCancelled as cancelled:
        print(f"haechi: {cancelled}", file=sys.stderr)
        return 1  # as a cancelled evidence import
    finally:
        library.close()
        signal.signal(signal.SIGINT, previous)
    info, report = result.info, result.report
    print(f"hash set '{info.name}' ({info.category}, {info.format}) imported: {_counts(info)}")
    print(f"{report.rows} values read, {report.bad_lines} bad lines; source sha256 {info.source_sha256}")
    for example in report.examples:
        print(f"  bad: {example}", file=sys.stderr)
    return 0


class _ImportProgress:
    """One line on stderr: rewritten on a terminal, every few seconds otherwise."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._started = self._last = time.monotonic()

    def __call__(self, phase: str, values: int) -> None:
        now = time.monotonic()
        quiet = now - self._last < (0.5 if self._tty else 5.0) and phase == "reading"
        if quiet or now - self._started < 2.0:  # small sets are done before a line would help
            return
        self._last = now
        end = "\r" if self._tty and phase == "reading" else "\n"
        line = f"{phase}: {values:,} values, {now - self._started:,.0f} s"
        print(line.ljust(60), end=end, file=sys.stderr, flush=True)


def _counts(info: HashSetInfo) -> str:
    return ", ".join(f"{info.count(name)} {name}" for name in DIGEST_SIZES if info.count(name))


def _cmd_list(args: argparse.Namespace) -> int:
    library = open_library(args.library)
    try:
        sets = library.sets()
    finally:
        library.close()
    zone = load_settings().zone()
    for info in sets:
        if args.format == "jsonl":
            print(json.dumps(info.__dict__, ensure_ascii=False))
        else:
            print(
                f"{info.name}\t{info.category}\t{info.version or '-'}\t{info.source or '-'}\t"
                f"{_counts(info)}\t{info.bad_lines} bad\t{local_text(info.imported_at, zone)} "
                f"[{info.imported_at}]"
            )
    if not sets and args.format == "text":
        print(f"no hash sets in {library_folder(args.library)}", file=sys.stderr)
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    library = open_library(args.library)
    try:
        info = library.remove(args.name)
    finally:
        library.close()
    print(f"hash set '{info.name}' removed ({_counts(info)})")
    return 0


def _cmd_match(opener: SessionOpener, args: argparse.Namespace) -> int:
    library = open_library(args.library)
    session = opener(args)
    try:
        summary = match_case(session, library, args.evidence)
    finally:
        session.close()
        library.close()
    per_category = summary.files_per_category
    print(
        f"{summary.files_checked} files matched against {len(summary.sets)} sets: "
        f"{per_category['notable']} notable, {per_category['known']} known"
    )
    for name, files in summary.files_per_set.items():
        print(f"  {name}: {files} files")
    return 0


def _cmd_export(opener: SessionOpener, args: argparse.Namespace) -> int:
    session = opener(args)
    try:
        details = export_tagged(session, Path(args.out), args.tag)
    finally:
        session.close()
    print(f"{details['files']} tagged files written to {details['file']} (sha256 {details['sha256']})")
    return 0
