"""Issuing a report: gather, lay out, write atomically, keep a copy in the case, record its SHA-256."""

import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable

from app.cases.session import CaseSession
from app.cases.settings import load_settings
from app.common.errors import Cancelled, Refused
from app.common.output import Outputs, outputs
from app.common.progress import CancelToken
from app.report.appendix import MODES, AppendixPlan, appendix, plan_appendix, write_csv
from app.report.gather import REPORT_ACTION, gather_case, report_id, report_inputs_sha256
from app.report.gather_extra import known_count
from app.report.model import CaseFacts
from app.report.pages import LazyStory, ReportDocument
from app.report.sections_artifacts import artifacts
from app.report.sections_back import confirmation, custody, end_mark, findings, signatures
from app.report.sections_commitments import commitments
from app.report.sections_front import cover, evidence, method, partial_note, summary
from app.report.sections_hits import hash_sets, notable_findings
from app.report.sections_links import links
from app.report.texts import LANGUAGES, say
from app.report.thumbnails import MAX_PICTURES, Thumbnails, picture_count
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.ledger import utc_now, verify_ledger


class ReportError(Refused):
    """The report cannot be made as asked (bad language, bad output path...)."""


class ReportCancelled(Cancelled):
    """The examiner cancelled; nothing was kept."""


@dataclass(frozen=True)
class ReportRequest:
    out: Path
    lang: str = "ko"
    appendix: str = "none"  # none | pdf | csv
    exclude_known: bool = False  # leave files that hit a known hash set out of the appendix


@dataclass(frozen=True)
class ReportOutcome:
    report_id: str
    out: Path
    kept: Path | None  # None: the case is on read-only media, nothing was kept or recorded in it
    sha256: str
    pages: int
    event_seq: int | None
    csv: Path | None = None
    csv_sha256: str | None = None
    partial: str = (
        ""  # in English, for the terminal: the counts are partial (an import runs or is unfinished)
    )


class PageListener(Protocol):
    def page_done(self, page: int) -> None: ...


def _check_request(request: ReportRequest) -> Path:
    if request.lang not in LANGUAGES:
        raise ReportError(f"unknown report language '{request.lang}' (known: {', '.join(LANGUAGES)})")
    if request.appendix not in MODES:
        raise ReportError(f"unknown appendix mode '{request.appendix}' (known: {', '.join(MODES)})")
    out = request.out.expanduser().absolute()
    if out.suffix.lower() != ".pdf":
        raise ReportError(f"the report file must end in .pdf: {out}")
    if out.is_dir():
        raise ReportError(f"{out} is a folder; give a file name ending in .pdf")
    if not out.parent.is_dir():
        raise ReportError(f"cannot write the report: folder {out.parent} does not exist")
    return out


def _story(
    facts: CaseFacts, db: CaseDatabase, thumbnails: Thumbnails, plan: AppendixPlan
) -> Iterator[Flowable]:
    zone = ZoneInfo(facts.zone)
    note = None
    if picture_count(db) > MAX_PICTURES:
        note = say(facts.lang, "thumb_limit", limit=MAX_PICTURES)
    yield from cover(facts, zone)
    yield from summary(facts, zone)
    yield from evidence(facts, zone)
    yield from method(facts, db.conn)
    yield from custody(facts, db.conn, zone)
    yield from commitments(facts, db)
    yield from findings(facts, db.conn, zone, thumbnails, note)
    yield from notable_findings(facts, db, zone)
    yield from hash_sets(facts, db, zone)
    yield from artifacts(facts, db, zone)
    yield from links(facts, db, zone)
    yield from confirmation(facts, zone)
    yield from signatures(facts)
    yield from appendix(facts, db, plan)
    yield end_mark(facts)


def _write_pdf(
    path: Path,
    facts: CaseFacts,
    db: CaseDatabase,
    plan: AppendixPlan,
    listener: PageListener | None,
    cancel: CancelToken,
) -> int:
    def on_page(page: int) -> None:
        if cancel.cancelled:
            raise ReportCancelled("the report was cancelled")
        if listener is not None:
            listener.page_done(page)

    document = ReportDocument(path, facts, on_page)
    with Thumbnails(db, facts.lang) as thumbnails:
        document.build(LazyStory(_story(facts, db, thumbnails, plan)))
    return int(document.page)


@dataclass(frozen=True)
class _Choices:
    """What the examiner chose, as it applies to this case: part of the report's inputs."""

    appendix: str  # as asked
    mode: str  # as made: a printed list too long for the PDF becomes CSV
    exclude_known: bool
    known_omitted: int | None


def _appendix(
    work: Outputs, db: CaseDatabase, facts: CaseFacts, request: ReportRequest, out: Path, chosen: _Choices
) -> tuple[AppendixPlan, Path | None]:
    mode, omitted = chosen.mode, chosen.known_omitted
    if mode != "csv":
        return AppendixPlan(mode, known_omitted=omitted), None
    name = f"{facts.report_id}-files.csv"
    kept = db.folder / "reports" / name
    with work.open_text(kept) as handle:
        write_csv(db, handle, request.exclude_known)
    digest = work.commit(kept).sha256
    beside = out.with_name(name)
    if beside != kept:
        shutil.copyfile(kept, work.temporary(beside))
        work.commit(beside)
    return AppendixPlan("csv", request.appendix == "pdf", name, digest, omitted), beside


def _identified(
    facts: CaseFacts, db: CaseDatabase, request: ReportRequest
) -> tuple[CaseFacts, str, _Choices]:
    """The facts with their report ID and the inputs' SHA-256 it comes from. The CSV list is not among
    the inputs: it is made from the case at the content head and the choices, which are."""
    omitted = known_count(db.conn) if request.exclude_known else None
    mode = plan_appendix(request.appendix, facts.file_count - (omitted or 0))
    chosen = _Choices(request.appendix, mode, request.exclude_known, omitted)
    inputs = report_inputs_sha256(facts, asdict(chosen))
    return replace(facts, report_id=report_id(facts, inputs)), inputs, chosen


def _content_details(facts: CaseFacts, request: ReportRequest, plan: AppendixPlan) -> dict[str, object]:
    """What the report says about hash sets and artifacts, and the choices made for it."""
    hits = facts.hits
    return {
        "exclude_known": request.exclude_known,
        "known_files_omitted": plan.known_omitted,
        "hash_match_events": [run.seq for run in hits.runs] if hits else [],
        "notable_files": hits.per_category.get("notable", 0) if hits else 0,
        "known_files": hits.per_category.get("known", 0) if hits else 0,
        "artifact_rows": dict(sorted(facts.artifact_counts.items())),
        "import_running": facts.import_running,
        "imports_unfinished": [item.id for item in facts.evidence if item.import_state != "complete"],
    }


def issue_report(
    session: CaseSession,
    request: ReportRequest,
    listener: PageListener | None = None,
    cancel: CancelToken | None = None,
) -> ReportOutcome:
    """Write the report to `request.out` and CASE/reports/, then record report_issued in the ledger."""
    out = _check_request(request)
    verdict = verify_ledger(session.db.conn)
    if not verdict.intact:
        where = f"event {verdict.failed_seq}" if verdict.failed_seq else "the ledger"
        raise ReportError(f"the ledger fails verification at {where}: {verdict.reason}; no report was issued")
    settings = load_settings()
    issued_at = utc_now()
    facts, inputs_sha256, chosen = _identified(
        gather_case(
            session.db, request.lang, (settings.lab_name, settings.lab_address), settings.timezone, issued_at
        ),
        session.db,
        request,
    )
    if session.db.read_only:
        return _unrecorded_report(session, request, out, facts, chosen, listener, cancel)
    reports = session.db.folder / "reports"
    reports.mkdir(exist_ok=True)
    kept = reports / f"{facts.report_id}_{issued_at[:19].replace(':', '').replace('-', '')}Z.pdf"
    with outputs() as work:
        out_temporary = work.temporary(out)  # fail early (and with one line) when the folder is not writable
        plan, csv_path = _appendix(work, session.db, facts, request, out, chosen)
        pages = _write_pdf(work.temporary(kept), facts, session.db, plan, listener, cancel or CancelToken())
        digest = work.commit(kept).sha256
        shutil.copyfile(kept, out_temporary)
        work.commit(out)
        event = session.record(
            REPORT_ACTION,
            None,
            {
                "report_id": facts.report_id,
                "inputs_sha256": inputs_sha256,
                "language": request.lang,
                "sha256": digest,
                "pages": pages,
                "file": str(kept),
                "out": str(out),
                "content_head_seq": facts.head_seq,
                "content_head_hash": facts.head_hash,
                "findings": facts.finding_count,
                "appendix": plan.mode,
                "appendix_csv_sha256": plan.csv_sha256,
                **_content_details(facts, request, plan),
            },
        )
    partial = partial_note(facts, "en")
    return ReportOutcome(
        facts.report_id, out, kept, digest, pages, event.seq, csv_path, plan.csv_sha256, partial
    )


def _unrecorded_report(
    session: CaseSession,
    request: ReportRequest,
    out: Path,
    facts: CaseFacts,
    chosen: _Choices,
    listener: PageListener | None,
    cancel: CancelToken | None,
) -> ReportOutcome:
    """A case on read-only media: the report is written to `out` only; no copy is kept in the case
    and no event is recorded (the outcome says so: kept and event_seq are None)."""
    with outputs() as work:
        plan, csv_path = _appendix(work, session.db, facts, request, out, chosen)
        pages = _write_pdf(work.temporary(out), facts, session.db, plan, listener, cancel or CancelToken())
        digest = work.commit(out).sha256
    return ReportOutcome(
        facts.report_id, out, None, digest, pages, None, csv_path, plan.csv_sha256, partial_note(facts, "en")
    )
