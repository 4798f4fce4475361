"""The command line of DESIGN.md. Exit codes: 0 ok, 1 a problem was found, 2 bad usage or input."""

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.browse.listing import file_records, write_records
from app.cases.identity import (
    EnvironmentPassphrase,
    create_examiner,
    examiner_name,
    profile_store,
    read_passphrase_fd,
    require_profile,
    unlock_examiner,
)
from app.cases.session import CaseSession, create_case, open_case, open_case_readonly
from app.cases.settings import load_settings
from app.cli.artifacts import add_artifact_commands, run_after_import
from app.cli.carve import add_carve_commands, carve_with_progress, type_list
from app.cli.custody import add_custody_commands, custody_details, print_status
from app.cli.failures import finish, refusals_recorded
from app.cli.hashsets import add_hashset_commands
from app.cli.ledger_view import print_ledger
from app.cli.links import add_links_commands
from app.cli.report import add_report_commands
from app.cli.tags import add_tag_commands
from app.common.errors import Refused
from app.common.neutral import json_text, terminal
from app.common.progress import CancelToken, ImportProgress, progress_line
from app.custody.integrity import check_record
from app.custody.steps import record_step, require_exhibit
from app.evidence.importer import ImportJob, ImportOutcome, ImportRequest
from app.evidence.verify import verify_evidence
from app.exports.catalogue import FORMATS, export_case
from chain_of_custody.identity import fingerprint, public_key_text, read_public_key
from chain_of_custody.ledger import verify_ledger


class UsageError(Refused):
    """Bad usage or bad input: exit 2 with a one-line reason."""


def _passphrase(args: argparse.Namespace) -> EnvironmentPassphrase:
    """--passphrase-fd N, else HAECHI_PASSPHRASE (taken out of the environment), else a prompt."""
    fd = getattr(args, "passphrase_fd", None)
    return EnvironmentPassphrase(read_passphrase_fd(fd) if fd is not None else None)


def _session(args: argparse.Namespace) -> CaseSession:
    examiner, _ = unlock_examiner(examiner_name(args.examiner), _passphrase(args))
    return open_case(Path(args.case), examiner)


def cmd_case_new(args: argparse.Namespace) -> int:
    examiner, _ = unlock_examiner(examiner_name(args.examiner), _passphrase(args))
    session = create_case(Path(args.case), args.number, args.title, args.agency, examiner)
    head = session.db.ledger.head()
    print(f"case {args.number} created in {args.case} (ledger head {head[1]})")
    session.close()
    return 0


class _StderrProgress:
    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._last = 0.0

    def update(self, progress: ImportProgress) -> None:
        if progress.elapsed - self._last < (0.5 if self._tty else 5.0) and progress.phase != "complete":
            return
        self._last = progress.elapsed
        end = "\r" if self._tty and progress.phase != "complete" else "\n"
        print(progress_line(progress).ljust(100), end=end, file=sys.stderr, flush=True)


def cmd_evidence_add(args: argparse.Namespace) -> int:
    session = _session(args)
    try:
        session.db.require_writable()
        cancel = CancelToken()
        signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
        request = ImportRequest(
            Path(args.image),
            args.label,
            args.seized_from,
            args.seized_at,
            args.seal,
            args.fat_orphans,
            args.fat_tz or load_settings().timezone,
            args.exhibit,
        )
        if args.exhibit:
            require_exhibit(session, args.exhibit)
        outcome = ImportJob(session, request, _StderrProgress(), cancel).run()
        after = run_after_import(session, outcome.evidence_id, outcome.status == "complete")
        if args.carve and outcome.status == "complete" and outcome.evidence_id is not None:
            carve_with_progress(session, outcome.evidence_id, type_list(args.carve_types))
    finally:
        session.close()
    return max(_report_import(outcome, args.json), after)


def _report_import(outcome: ImportOutcome, as_json: bool) -> int:
    if outcome.status == "refused":
        raise UsageError(outcome.message)
    summary: dict[str, Any] = {
        "status": outcome.status,
        "message": outcome.message,
        "evidence_id": outcome.evidence_id,
        **outcome.digests,
        "stored_hashes": outcome.stored_hashes,
        "stored_hash_check": outcome.stored_hash_check,
        "warnings": outcome.warnings,
        **outcome.counts,
    }
    if as_json:
        print(json_text(summary))
    else:
        for key, value in summary.items():
            print(f"{key:18} {terminal(value)}")
    ok = outcome.status == "complete" and outcome.stored_hash_check != "mismatch"
    return 0 if ok else 1


def cmd_files(args: argparse.Namespace) -> int:
    db = open_case_readonly(Path(args.case))
    try:
        write_records(file_records(db, args.evidence, args.deleted_only, args.hits), sys.stdout, args.format)
    finally:
        db.close()
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    session = _session(args)
    try:
        session.db.require_writable()  # the result is a ledger event: refused before hashing for nothing
        ids = [args.evidence] if args.evidence else [row["id"] for row in session.catalogue.all_evidence()]
        if not ids:
            raise UsageError("the case holds no evidence to verify")
        worst = 0
        for evidence_id in ids:
            try:
                result = verify_evidence(session, evidence_id)
            except KeyError as error:
                raise UsageError(str(error.args[0])) from None
            print(f"evidence {evidence_id}: {result.result.upper()} - {result.message}")
            worst = max(worst, 0 if result.result == "match" else 1)
    finally:
        session.close()
    return worst


def cmd_ledger(args: argparse.Namespace) -> int:
    db = open_case_readonly(Path(args.case))
    try:
        if args.verify:
            verdict = verify_ledger(db.conn, args.expect_head, _trusted_keys(args.trust))
            if verdict.genesis:
                print(f"case identity (genesis event): {verdict.genesis}")
            for name, key in verdict.signers:
                print(f"examiner {name}: key fingerprint {fingerprint(key)}")
            if verdict.intact:
                trust = f"; every signer among {len(args.trust)} trusted key files" if args.trust else ""
                print(f"ledger intact: {verdict.events} events, head {verdict.head}{trust}")
                if verdict.kept_head_seq is not None:
                    later = verdict.events - verdict.kept_head_seq
                    print(f"expected head is event {verdict.kept_head_seq}; {later} events recorded since")
                record = check_record(db.conn)
                print("\n".join(record.lines()))
                if record.intact:
                    return 0
                print(f"RECORD FAILS: {len(record.failures())} part(s) differ from what signed events commit")
                return 1
            where = f"event {verdict.failed_seq}" if verdict.failed_seq else "ledger"
            print(f"LEDGER FAILS at {where}: {verdict.reason}")
            return 1
        print_ledger(db, args.format, load_settings().zone(), sys.stdout)
        return 0
    finally:
        db.close()


def _trusted_keys(files: list[str] | None) -> set[str] | None:
    if not files:
        return None
    keys = set()
    for name in files:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read trusted key file {name} ({error})") from None
        keys.add(read_public_key(text, name))
    return keys


def cmd_custody(args: argparse.Namespace) -> int:
    if args.verb == "status":
        db = open_case_readonly(Path(args.case))
        try:
            print_status(db, args.exhibit)
        finally:
            db.close()
        return 0
    session = _session(args)
    try:
        with refusals_recorded(session, f"custody {args.verb} {args.exhibit}"):
            step, details = custody_details(session, args)
            event = record_step(session, step, details)
    finally:
        session.close()
    print(
        f"recorded {event.action} for exhibit {args.exhibit} as event {event.seq} (ledger head {event.hash})"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    session = _session(args)
    try:
        details = export_case(session, args.format, Path(args.out))
    finally:
        session.close()
    print(
        f"exported {details['records']} {args.format} records to {details['file']} "
        f"(sha256 {details['sha256']})"
    )
    if not details["recorded"]:
        print("the case is on read-only media: this export is not recorded in its ledger")
    return 0


def cmd_examiner_new(args: argparse.Namespace) -> int:
    examiner = create_examiner(args.name, _passphrase(args))
    print(f"examiner '{examiner.name}' created; public key fingerprint {examiner.fingerprint}")
    return 0


def cmd_examiner_list(args: argparse.Namespace) -> int:
    store = profile_store()
    for name in store.names():
        profile = store.load(name)
        print(f"{profile.name}\t{profile.fingerprint}\t{profile.created_at}")
    return 0


def cmd_examiner_export(args: argparse.Namespace) -> int:
    print(public_key_text(require_profile(args.name).load(args.name)), end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="haechi",
        description="Haechi forensic evidence manager. "
        "Run without arguments to open the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"haechi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _case_commands(commands)
    _evidence_commands(commands)
    _query_commands(commands)
    _examiner_commands(commands)
    add_custody_commands(commands, _with_examiner, cmd_custody)
    add_tag_commands(commands, _with_examiner, _session)
    add_report_commands(commands, _with_examiner, _session)
    add_artifact_commands(commands, _with_examiner, _session)
    add_links_commands(commands)
    add_hashset_commands(commands, _with_examiner, _session)
    add_carve_commands(commands, _with_examiner, _session)
    return parser


def _with_examiner(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--examiner", help="examiner name (default: env HAECHI_EXAMINER)")
    _with_passphrase(parser)


def _with_passphrase(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-fd",
        type=int,
        metavar="N",
        help="read the passphrase from file descriptor N (default: env HAECHI_PASSPHRASE, else a prompt)",
    )


def _case_commands(commands: Any) -> None:
    case = commands.add_parser("case", help="create a case").add_subparsers(dest="sub", required=True)
    new = case.add_parser("new", help="create a case folder")
    new.add_argument("case", metavar="CASE_DIR")
    new.add_argument("--number", required=True)
    new.add_argument("--title", required=True)
    new.add_argument("--agency")
    _with_examiner(new)
    new.set_defaults(func=cmd_case_new)


def _evidence_commands(commands: Any) -> None:
    evidence = commands.add_parser("evidence", help="add evidence").add_subparsers(dest="sub", required=True)
    add = evidence.add_parser("add", help="register an image and import every file")
    add.add_argument("case", metavar="CASE_DIR")
    add.add_argument("image", metavar="IMAGE")
    add.add_argument("--label")
    add.add_argument("--seized-from")
    add.add_argument("--seized-at", help="ISO-8601 time of seizure")
    add.add_argument("--seal", help="seal number")
    add.add_argument("--exhibit", help="exhibit number this image was taken from (see `custody`)")
    add.add_argument("--fat-orphans", action="store_true", help="no effect: orphans are searched by default")
    add.add_argument(
        "--no-orphans", dest="fat_orphans", action="store_false", help="skip the orphan search on FAT/exFAT"
    )
    add.add_argument("--fat-tz", help="time zone FAT times were written in (default: settings zone)")
    add.add_argument("--json", action="store_true", help="print one JSON summary on stdout")
    add.add_argument("--carve", action="store_true", help="carve unallocated space after the import")
    add.add_argument("--carve-types", help="with --carve: only these types, e.g. jpg,mp4 (default: all)")
    _with_examiner(add)
    add.set_defaults(func=cmd_evidence_add, fat_orphans=True)
    verify = commands.add_parser("verify", help="re-hash images and compare with acquisition hashes")
    verify.add_argument("case", metavar="CASE_DIR")
    verify.add_argument("--evidence", type=int)
    _with_examiner(verify)
    verify.set_defaults(func=cmd_verify)


def _query_commands(commands: Any) -> None:
    files = commands.add_parser("files", help="list catalogued files")
    files.add_argument("case", metavar="CASE_DIR")
    files.add_argument("--evidence", type=int)
    files.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    files.add_argument("--deleted-only", action="store_true")
    files.add_argument("--hits", choices=("notable", "known", "none"), help="only files with such hits")
    files.set_defaults(func=cmd_files)
    ledger = commands.add_parser("ledger", help="show or verify the custody ledger")
    ledger.add_argument("case", metavar="CASE_DIR")
    ledger.add_argument("--verify", action="store_true")
    ledger.add_argument("--expect-head", help="the head hash printed on a report or receipt")
    ledger.add_argument(
        "--trust",
        action="append",
        metavar="PUBKEY_FILE",
        help="a public key file (examiner export-public); with --verify, every signer must be trusted",
    )
    ledger.add_argument("--format", choices=("text", "jsonl"), default="text")
    ledger.set_defaults(func=cmd_ledger)
    export = commands.add_parser("export", help="export the catalogue and custody record")
    export.add_argument("case", metavar="CASE_DIR")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", required=True, metavar="FILE")
    _with_examiner(export)
    export.set_defaults(func=cmd_export)


def _examiner_commands(commands: Any) -> None:
    examiner = commands.add_parser("examiner", help="examiner profiles on this workstation")
    subs = examiner.add_subparsers(dest="sub", required=True)
    new = subs.add_parser("new", help="create a profile and key pair")
    new.add_argument("name")
    _with_passphrase(new)
    new.set_defaults(func=cmd_examiner_new)
    subs.add_parser("list", help="list profiles").set_defaults(func=cmd_examiner_list)
    export = subs.add_parser("export-public", help="print a public key and its fingerprint")
    export.add_argument("name")
    export.set_defaults(func=cmd_examiner_export)


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    return finish(args.func, args)
