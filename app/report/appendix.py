"""The optional appendix: every catalogued file, printed, or written as CSV beside the PDF."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from app.browse.listing import file_records, write_records
from app.report.gather_extra import is_known
from app.report.model import CaseFacts
from app.report.sections_front import heading
from app.report.styles import WIDTH, clean, markup, para
from app.report.tables import StreamTable
from app.report.texts import say
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue

MODES = ("none", "pdf", "csv")
PDF_LIMIT = 5000  # more files than this go to CSV even when a printed appendix was asked for


@dataclass(frozen=True)
class AppendixPlan:
    mode: str  # none | pdf | csv
    too_big: bool = False
    csv_name: str | None = None
    csv_sha256: str | None = None
    known_omitted: int | None = None  # files of known hash sets left out (None: none were left out)


def plan_appendix(requested: str, file_count: int) -> str:
    if requested == "pdf" and file_count > PDF_LIMIT:
        return "csv"
    return requested


def write_csv(db: CaseDatabase, handle: TextIO, exclude_known: bool = False) -> None:
    """Every catalogued file as CSV (the `haechi files --format csv` columns).

    exclude_known leaves out the files that hit a known hash set."""
    records = file_records(db, None, False)
    if exclude_known:
        records = (record for record in records if not is_known(db.conn, record["id"]))
    write_records(records, handle, "csv")


def _file_rows(db: CaseDatabase, lang: str, exclude_known: bool) -> Iterator[list[Any]]:
    for row in Catalogue(db.conn).files():
        if exclude_known and is_known(db.conn, row["id"]):
            continue
        state = say(lang, "allocated" if row["allocated"] else "deleted")
        yield [
            para(f"{row['evidence_id']}/{row['volume_idx']}"),
            para(row["path"], "mono_small"),
            para(f"{row['size']:,}", "cell_small"),
            para(state, "cell_small"),
            para(row["sha256"] or "-", "mono_small"),
        ]


def appendix(facts: CaseFacts, db: CaseDatabase, plan: AppendixPlan) -> Iterator[Flowable]:
    lang = facts.lang
    if plan.mode == "none":
        return
    yield PageBreak()
    yield heading(say(lang, "s_appendix"))
    listed = facts.file_count - (plan.known_omitted or 0)
    if plan.known_omitted is not None:
        yield markup(clean(say(lang, "appendix_known", count=f"{plan.known_omitted:,}")), "body")
    if plan.mode == "csv":
        if plan.too_big:
            yield markup(clean(say(lang, "appendix_too_big", count=listed)), "note")
        yield markup(clean(say(lang, "appendix_csv", count=listed)), "body")
        yield markup(clean(plan.csv_name or ""), "command")
        yield markup(clean(say(lang, "appendix_csv_hash")), "body")
        yield markup(clean(plan.csv_sha256 or ""), "command")
        return
    names = ("w_item", "a_path", "a_size", "a_state", "a_sha256")
    widths = [14 * mm, 70 * mm, 18 * mm, 16 * mm, WIDTH - 118 * mm]
    yield StreamTable(
        [para(say(lang, n), "cell_head") for n in names],
        _file_rows(db, lang, plan.known_omitted is not None),
        widths,
    )
