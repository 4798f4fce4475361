"""`haechi artifacts`: run the artifact extractors and list what they found, with provenance."""

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from app.artifacts.extract import (
    TYPE_LABELS,
    ArtifactRunSummary,
    all_artifact_types,
    artifact_records,
    artifact_type_counts,
    run_artifacts,
)
from app.artifacts.writing import write_artifacts
from app.cases.session import CaseSession, open_case_readonly
from app.evidence.reader import EvidenceReadError

SessionOpener = Callable[[argparse.Namespace], CaseSession]


def add_artifact_commands(
    commands: Any, with_examiner: Callable[[argparse.ArgumentParser], None], opener: SessionOpener
) -> None:
    parser = commands.add_parser(
        "artifacts", help="IPTV / TV-box / panel artifacts: run the extractors (--run) and list their rows"
    )
    parser.add_argument("case", metavar="CASE_DIR")
    parser.add_argument("--type", choices=all_artifact_types(), metavar="TYPE", help="only this type")
    parser.add_argument("--evidence", type=int, help="only this evidence item")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--run", action="store_true", help="extract again first (supersedes the last run)")
    parser.add_argument("--counts", action="store_true", help="only the types found, with their row counts")
    with_examiner(parser)
    parser.set_defaults(func=lambda args: _cmd_artifacts(opener, args))


@contextlib.contextmanager
def interruptible() -> Iterator[Callable[[], bool]]:
    """Ctrl-C asks the run to stop between two files (and the stop is recorded) instead of breaking off."""
    asked = threading.Event()
    try:
        previous = signal.signal(signal.SIGINT, lambda *_: asked.set())
    except ValueError:  # not the main thread: nothing to install
        yield asked.is_set
        return
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _cmd_artifacts(opener: SessionOpener, args: argparse.Namespace) -> int:
    if args.run:
        session = opener(args)
        try:
            ids = [args.evidence] if args.evidence else [e["id"] for e in session.catalogue.all_evidence()]
            for evidence_id in ids:
                if session.catalogue.evidence(evidence_id) is None:
                    print(f"haechi: no evidence {evidence_id} in this case", file=sys.stderr)
                    return 2
                try:
                    with interruptible() as cancelled:
                        summary = run_artifacts(session, evidence_id, cancelled=cancelled)
                except EvidenceReadError as error:  # recorded in the ledger as artifacts_failed
                    print(f"haechi: evidence {evidence_id}: {error}", file=sys.stderr)
                    return 2
                print_summary(summary, sys.stderr)
                if summary.state != "current":
                    return 1
        finally:
            session.close()
    db = open_case_readonly(Path(args.case))
    try:
        if args.counts:
            for kind, count in artifact_type_counts(db, args.evidence).items():
                print(f"{kind}\t{count}\t{TYPE_LABELS.get(kind, (kind, kind))[0]}")
        else:
            write_artifacts(
                artifact_records(db, args.type, args.evidence), sys.stdout, args.format, args.type
            )
    finally:
        db.close()
    return 0


def print_summary(summary: ArtifactRunSummary, out: TextIO) -> None:
    counts = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.counts.items())) or "none"
    state = "" if summary.state == "current" else f" {summary.state.upper()} (the previous run stays current)"
    print(
        f"artifacts: evidence {summary.evidence_id} run {summary.run_id}{state}: {summary.rows} rows from "
        f"{summary.sources} sources ({counts}); {len(summary.warnings)} damaged sources",
        file=out,
    )


def run_after_import(session: CaseSession, evidence_id: int | None, complete: bool) -> int:
    """The post-import step of `evidence add`: extract artifacts from a completely imported item.
    Returns 1 when the step did not finish (Ctrl-C, an unreadable image): the import stands, and
    running `evidence add` again runs the step again (app/evidence/importer.py)."""
    if not complete or evidence_id is None:
        return 0
    try:
        with interruptible() as cancelled:
            summary = run_artifacts(session, evidence_id, cancelled=cancelled)
    except EvidenceReadError as error:  # the import stands; the failed run is in the ledger
        print(f"haechi: artifacts not extracted: {error}", file=sys.stderr)
        return 1
    print_summary(summary, sys.stderr)
    if summary.state != "current":
        print(
            "haechi: the import is complete; run the same command again to extract the artifacts",
            file=sys.stderr,
        )
        return 1
    return 0
