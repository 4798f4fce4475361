"""4.1 Commitments: each part of the record, the root a signed event carries, and whether the rows match."""

from collections.abc import Iterator

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from app.custody.integrity import RecordCheck, check_record
from app.report.model import CaseFacts
from app.report.sections_front import heading
from app.report.styles import WIDTH, clean, markup, para
from app.report.tables import plain_table
from app.report.texts_commitments import part_label, say_k
from chain_of_custody.case_db import CaseDatabase

VERIFY_COMMANDS = ("haechi ledger CASE_DIR --verify", "python3 tools/verify_ledger.py CASE_DIR/case.sqlite")


def _rows(lang: str, check: RecordCheck) -> list[list[Flowable]]:
    return [
        [
            para(part_label(lang, scope.label)),
            para(say_k(lang, scope.status)),
            para("-" if scope.rows is None else scope.rows),
            para("-" if scope.seq is None else scope.seq),
            para(scope.root or "-", "mono"),
        ]
        for scope in check.scopes
    ]


def commitments(facts: CaseFacts, db: CaseDatabase) -> Iterator[Flowable]:
    lang = facts.lang
    check = check_record(db.conn)
    yield heading(say_k(lang, "k_title"), "h2")
    yield markup(clean(say_k(lang, "k_intro")), "body")
    header = [
        para(say_k(lang, name), "cell_head") for name in ("k_part", "k_state", "k_rows", "k_event", "k_root")
    ]
    widths = [40 * mm, 30 * mm, 16 * mm, 14 * mm, WIDTH - 100 * mm]
    yield plain_table(header, _rows(lang, check), widths)
    yield Spacer(1, 3 * mm)
    failures = check.failures()
    if failures:
        yield markup(clean(say_k(lang, "k_failed", count=len(failures))), "body")
        for failure in failures:
            yield markup(clean(failure), "note")
    else:
        yield markup(clean(say_k(lang, "k_intact")), "body")
    yield markup(clean(say_k(lang, "k_hashes")), "body")
    yield markup(clean(say_k(lang, "k_verify")), "body")
    for command in VERIFY_COMMANDS:
        yield markup(clean(command), "command")
    yield PageBreak()
