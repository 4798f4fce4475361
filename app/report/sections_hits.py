"""5.2 files in notable hash sets, and 6. Hash-set matching: runs, sets used, hits per set and item."""

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from app.hashsets.matching import hit_counts_per_set
from app.report.gather_extra import hits_per_item, iter_notable
from app.report.model import CaseFacts, HitFacts, MatchRun, SetUse
from app.report.sections_back import FINDING_WIDTHS, finding_row, halves, set_label, time_cell
from app.report.sections_front import heading
from app.report.styles import WIDTH, clean, markup, para
from app.report.tables import StreamTable, plain_table
from app.report.texts import say
from chain_of_custody.case_db import CaseDatabase

NOTABLE_LIMIT = 1000  # notable files printed; the rest are named by a command
DIGEST_NAMES = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256"}
NOTABLE_COMMAND = "haechi files CASE_DIR --hits notable --format csv"


def _head(lang: str, names: tuple[str, ...]) -> list[Paragraph]:
    return [para(say(lang, name), "cell_head") for name in names]


def notable_findings(facts: CaseFacts, db: CaseDatabase, zone: ZoneInfo) -> Iterator[Flowable]:
    """5.2: files in notable sets that no examiner tagged (tagged ones are in 5.1 with their sets)."""
    lang, hits = facts.lang, facts.hits
    yield heading(say(lang, "f_notable_h"), "h2")
    notable = hits.per_category.get("notable", 0) if hits else 0
    if hits is None or not hits.runs or not notable:
        matched = hits is not None and bool(hits.runs)
        yield markup(clean(say(lang, "n_none" if matched else "n_not_run")), "body")
        yield PageBreak()
        return
    listed = notable - hits.notable_tagged
    yield markup(
        clean(say(lang, "n_intro", count=notable, tagged=hits.notable_tagged, listed=listed)), "body"
    )
    if listed > NOTABLE_LIMIT:
        yield markup(clean(say(lang, "n_capped", limit=NOTABLE_LIMIT)), "note")
        yield markup(clean(NOTABLE_COMMAND), "command")
    if listed:
        header = _head(lang, ("f_no", "f_file", "f_facts", "f_times", "f_hashes"))
        rows = (finding_row(f, lang, zone, lambda _: None) for f in iter_notable(db.conn, NOTABLE_LIMIT))
        yield StreamTable(header, rows, FINDING_WIDTHS)
    yield PageBreak()


def _trigger(lang: str, trigger: str) -> str:
    return say(lang, f"trigger_{trigger}") if trigger in ("import", "examiner") else trigger


def _run_rows(lang: str, runs: tuple[MatchRun, ...], zone: ZoneInfo) -> list[list[Flowable]]:
    return [
        [
            para(run.seq),
            time_cell(run.ts_utc, zone),
            para(run.examiner, "cell_small"),
            para(say(lang, "h_all") if run.evidence == "all" else run.evidence, "cell_small"),
            para(_trigger(lang, run.trigger), "cell_small"),
            para(f"{run.files_checked:,}"),
        ]
        for run in runs
    ]


def _set_rows(lang: str, sets: tuple[SetUse, ...]) -> list[list[Flowable]]:
    rows = []
    for use in sets:
        category = say(lang, f"cat_{use.category}") if use.category in ("known", "notable") else use.category
        entries = "<br/>".join(
            clean(f"{DIGEST_NAMES.get(name, name)} {count:,}") for name, count in use.hashes.items()
        )
        rows.append(
            [
                markup(f"<b>{clean(use.name)}</b><br/>{clean(category)}", "cell_small"),
                markup(f"{clean(use.source or '-')}<br/>{clean(use.version or '-')}", "cell_small"),
                markup(entries or "-", "cell_small"),
                markup(halves(use.source_sha256), "mono_hash"),
                para(", ".join(str(seq) for seq in use.events), "cell_small"),
            ]
        )
    return rows


def _hit_tables(lang: str, db: CaseDatabase, hits: HitFacts) -> Iterator[Flowable]:
    per_category = hits.per_category
    totals = say(
        lang,
        "h_totals",
        checked=f"{hits.files_checked:,}",
        notable=f"{per_category.get('notable', 0):,}",
        known=f"{per_category.get('known', 0):,}",
    )
    yield markup(clean(totals), "body")
    per_set = hit_counts_per_set(db)
    if not per_set:
        yield markup(clean(say(lang, "h_no_hits")), "body")
        return
    rows = [
        [
            para(set_label(lang, row["set_name"], row["set_version"], row["category"])),
            para(f"{row['files']:,}"),
        ]
        for row in per_set
    ]
    yield plain_table(_head(lang, ("h_set", "h_files")), rows, [WIDTH - 30 * mm, 30 * mm])
    items = [
        [para(item), para(f"{counts['notable']:,}"), para(f"{counts['known']:,}")]
        for item, counts in hits_per_item(db.conn)
    ]
    header = [para(say(lang, "w_item"), "cell_head")]
    header += [para(say(lang, f"cat_{c}"), "cell_head") for c in ("notable", "known")]
    yield CondPageBreak(25 * mm)
    yield Spacer(1, 3 * mm)
    per_item = plain_table(header, items, [30 * mm, 30 * mm, 30 * mm])
    per_item.hAlign = "LEFT"
    yield per_item


def hash_sets(facts: CaseFacts, db: CaseDatabase, zone: ZoneInfo) -> Iterator[Flowable]:
    """6. Hash-set matching."""
    lang, hits = facts.lang, facts.hits
    yield heading(say(lang, "s_hashsets"))
    yield markup(clean(say(lang, "h_intro")), "body")
    if hits is None:
        yield markup(clean(say(lang, "h_none")), "body")
        yield PageBreak()
        return
    for seq, reason in hits.failures:
        yield markup(clean(say(lang, "h_failed", seq=seq, reason=reason)), "note")
    if hits.runs:
        yield heading(say(lang, "h_runs"), "h2")
        names = ("h_event", "h_time", "c_examiner", "h_items", "h_trigger", "h_checked")
        widths = [16 * mm, 36 * mm, 30 * mm, 22 * mm, 34 * mm, WIDTH - 138 * mm]
        yield plain_table(_head(lang, names), _run_rows(lang, hits.runs, zone), widths)
        yield CondPageBreak(40 * mm)
        yield heading(say(lang, "h_sets"), "h2")
        columns = ("h_set", "h_source", "h_entries", "h_source_hash", "h_events")
        widths = [38 * mm, 38 * mm, 24 * mm, 52 * mm, WIDTH - 152 * mm]
        yield plain_table(_head(lang, columns), _set_rows(lang, hits.sets), widths)
        yield CondPageBreak(40 * mm)
        yield heading(say(lang, "h_hits"), "h2")
        yield from _hit_tables(lang, db, hits)
    yield PageBreak()
