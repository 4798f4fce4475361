"""`haechi carve`: carve files out of each volume's unallocated space with PhotoRec, or list that space."""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from app.carving.carve import DEFAULT_CHUNK_BYTES, CarveRequest, CarveSummary, carve_evidence
from app.carving.progress import CarveProgress
from app.carving.unallocated import unallocated_records
from app.cases.session import CaseSession, open_case_readonly
from app.cli.artifacts import interruptible
from app.common.errors import Refused

SessionOpener = Callable[[argparse.Namespace], CaseSession]


def add_carve_commands(
    commands: Any, with_examiner: Callable[[argparse.ArgumentParser], None], opener: SessionOpener
) -> None:
    parser = commands.add_parser("carve", help="carve files out of unallocated space (PhotoRec)")
    parser.add_argument("case", metavar="CASE_DIR")
    parser.add_argument("--evidence", type=int, help="only this evidence item")
    parser.add_argument("--types", help="only these file types, e.g. jpg,png,pdf,mp4,zip (default: all)")
    parser.add_argument(
        "--chunk-mib", type=int, default=DEFAULT_CHUNK_BYTES >> 20, help="unallocated bytes per PhotoRec run"
    )
    parser.add_argument(
        "--unallocated", action="store_true", help="only list the unallocated ranges mapped so far (jsonl)"
    )
    with_examiner(parser)
    parser.set_defaults(func=lambda args: _cmd_carve(opener, args))


def type_list(text: str | None) -> tuple[str, ...]:
    return tuple(name for name in (text or "").split(",") if name.strip())


def _cmd_carve(opener: SessionOpener, args: argparse.Namespace) -> int:
    if args.unallocated:
        db = open_case_readonly(Path(args.case))
        try:
            for record in unallocated_records(db.conn, args.evidence):
                print(json.dumps(record, ensure_ascii=False))
        finally:
            db.close()
        return 0
    if args.chunk_mib <= 0:
        raise Refused("--chunk-mib must be a positive number of MiB")
    session = opener(args)
    try:
        ids = [args.evidence] if args.evidence else [e["id"] for e in session.catalogue.all_evidence()]
        if not ids:
            raise Refused("the case holds no evidence to carve")
        worst = 0
        for evidence_id in ids:
            summary = carve_with_progress(session, evidence_id, type_list(args.types), args.chunk_mib << 20)
            worst = max(worst, 0 if summary.state == "complete" else 1)
        return worst
    finally:
        session.close()


class _StderrProgress:
    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._tty = out.isatty()
        self._last = -10.0

    def __call__(self, progress: CarveProgress) -> None:
        final = progress.phase not in ("carving", "mapping unallocated space")
        if not final and progress.elapsed - self._last < (0.5 if self._tty else 5.0):
            return
        self._last = progress.elapsed
        end = "\r" if self._tty and not final else "\n"
        print(progress.line().ljust(100), end=end, file=self._out, flush=True)


def carve_with_progress(
    session: CaseSession, evidence_id: int, types: tuple[str, ...], chunk_bytes: int = DEFAULT_CHUNK_BYTES
) -> CarveSummary:
    """One evidence item carved with progress on stderr; Ctrl-C stops it after the running PhotoRec."""
    with interruptible() as cancelled:
        summary = carve_evidence(
            session, CarveRequest(evidence_id, types, chunk_bytes), _StderrProgress(sys.stderr), cancelled
        )
    print_summary(summary, sys.stderr)
    return summary


def print_summary(summary: CarveSummary, out: TextIO) -> None:
    kinds = ", ".join(f"{kind or '?'} {count}" for kind, count in sorted(summary.per_type.items())) or "none"
    state = "" if summary.state == "complete" else f" {summary.state.upper()} (run again to resume)"
    unmapped = [str(v["volume"]) for v in summary.unallocated if v["state"] != "mapped"]
    print(
        f"carved: evidence {summary.evidence_id} run {summary.run_id}{state}: {summary.files} new files "
        f"({kinds}) from {summary.chunks} chunks ({summary.bytes} bytes), {summary.chunks_before} chunks "
        f"carved before; PhotoRec {summary.carver_version}"
        + (f"; unallocated space not mapped on volumes {', '.join(unmapped)}" if unmapped else ""),
        file=out,
    )
