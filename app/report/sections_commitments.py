"""4.1 Commitments: each part of the record, the root a signed event carries, and whether the rows match."""

from collections.abc import Iterator

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from app.custody.integrity import Problem, RecordCheck, ScopeCheck, check_record
from app.report.model import CaseFacts
from app.report.sections_front import heading
from app.report.styles import WIDTH, clean, markup, para
from app.report.tables import plain_table
from app.report.texts_commitments import part_label, row_name, say_k
from chain_of_custody.case_db import CaseDatabase

SHOWN = 5  # rows named per kind of difference; the rest counted
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


def failure_lines(lang: str, check: RecordCheck) -> list[str]:
    """What fails, in the report's language (English: as `ledger --verify` says it)."""
    if lang != "ko":
        return check.failures()
    own = [_problem_ko(problem) for problem in check.problems]
    return own + [_scope_ko(scope) for scope in check.scopes if scope.status == "failed"]


def _problem_ko(problem: Problem) -> str:
    if problem.kind == "unadded":
        return say_k("ko", "p_unadded", id=problem.evidence_id)
    values = {"table": problem.table or "-", "signed": problem.signed or "-"}
    return say_k("ko", "p_acquisition", id=problem.evidence_id, name=problem.name, seq=problem.seq, **values)


def _scope_ko(scope: ScopeCheck) -> str:
    part = part_label("ko", scope.label)
    found = scope.difference
    if scope.reason == "differs" and found is not None:
        groups = []
        for verb, names in (("changed", found.changed), ("deleted", found.deleted), ("added", found.added)):
            if names:
                shown = ", ".join(row_name("ko", name) for name in names[:SHOWN])
                more = " " + say_k("ko", "more", count=len(names) - SHOWN) if len(names) > SHOWN else ""
                groups.append(f"{say_k('ko', verb)}: {shown}{more}")
        return say_k("ko", "s_differs", part=part, rows="; ".join(groups), seq=scope.seq)
    if scope.reason in ("unnamed", "uncommitted"):
        return say_k("ko", f"s_{scope.reason}", part=part, seq=scope.seq)
    return say_k("ko", "s_unreadable", part=part, message=scope.message)


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
    failures = failure_lines(lang, check)
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
