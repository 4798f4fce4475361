"""`haechi report CASE_DIR --out FILE.pdf`: issue a court-ready PDF report of the case."""

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cases.session import CaseSession
from app.cases.settings import load_settings
from app.cli.failures import refusals_recorded
from app.common.progress import CancelToken
from app.report import ReportRequest, issue_report
from app.report.appendix import MODES
from app.report.texts import LANGUAGES

SessionOpener = Callable[[argparse.Namespace], CaseSession]


def add_report_commands(
    commands: Any, with_examiner: Callable[[argparse.ArgumentParser], None], opener: SessionOpener
) -> None:
    report = commands.add_parser("report", help="issue a PDF report of the case (kept in CASE/reports/)")
    report.add_argument("case", metavar="CASE_DIR")
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the report")
    report.add_argument("--lang", choices=LANGUAGES, default=None, help="ko or en (default: settings)")
    report.add_argument(
        "--appendix",
        choices=MODES,
        default="none",
        help="list every catalogued file: in the PDF, or as a CSV beside it (default: none)",
    )
    report.add_argument(
        "--exclude-known",
        action="store_true",
        help="leave files that hit a known hash set out of the appendix (the report says how many)",
    )
    with_examiner(report)
    report.set_defaults(func=lambda args: _cmd_report(opener, args))


class _PageCounter:
    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()

    def page_done(self, page: int) -> None:
        if self._tty and page % 10 == 0:
            print(f"report: {page} pages", end="\r", file=sys.stderr, flush=True)


def _cmd_report(opener: SessionOpener, args: argparse.Namespace) -> int:
    language = args.lang or load_settings().language
    request = ReportRequest(Path(args.out), language, args.appendix, args.exclude_known)
    cancel = CancelToken()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    session = opener(args)
    try:
        with refusals_recorded(session, "report"):
            outcome = issue_report(session, request, _PageCounter(), cancel)
    finally:
        session.close()
        signal.signal(signal.SIGINT, previous)
    print(f"report {outcome.report_id}: {outcome.pages} pages written to {outcome.out}")
    if outcome.kept is not None:
        print(f"kept in the case as {outcome.kept}")
    if outcome.csv is not None:
        print(f"file list {outcome.csv} (sha256 {outcome.csv_sha256})")
    if outcome.event_seq is None:
        print(f"sha256 {outcome.sha256}; the case is on read-only media: not kept or recorded in it")
    else:
        print(f"sha256 {outcome.sha256} recorded as ledger event {outcome.event_seq}")
    if outcome.partial:
        print(f"haechi: {outcome.partial}", file=sys.stderr)
    return 0
