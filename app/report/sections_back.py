"""Chain of custody, findings, hash confirmation, signatures and appendix."""

from collections.abc import Callable, Iterator
from sqlite3 import Connection
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.report.gather import iter_events, iter_findings
from app.report.model import CaseFacts, CustodyRow, Finding
from app.report.sections_front import LABEL_WIDTH, heading, short_local, short_utc
from app.report.styles import INK, SANS, WIDTH, alert, clean, markup, para
from app.report.tables import StreamTable, kv_table
from app.report.texts import action_label, say
from app.report.texts_custody import field_label, step_fields
from chain_of_custody.custody import seal_broken

Thumbnailer = Callable[[Finding], Flowable | None]
MAX_CELL_TEXT = 3000
FINDING_WIDTHS = [9 * mm, 54 * mm, 25 * mm, 38 * mm, WIDTH - 126 * mm]


def _flatten(details: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for key in sorted(details):
        value = details[key]
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            yield f"{prefix}{key}: {', '.join(_item(item) for item in value) or '-'}"
        elif isinstance(value, bool):
            yield f"{prefix}{key}: {'true' if value else 'false'}"  # as in the ledger's JSON
        elif value is not None and value != "":
            yield f"{prefix}{key}: {value}"


def _item(item: Any) -> str:
    """A list item: an object (e.g. a commitment) as its members in the same key: value form."""
    return f"({' '.join(_flatten(item))})" if isinstance(item, dict) else str(item)


def details_text(details: dict[str, Any], lang: str = "en", action: str = "") -> str:
    """key: value; ... sorted; a custody step's own fields first, under their labels, in the step's order."""
    labels = step_fields(action)
    shown = [
        line
        for name, key in labels.items()
        if name in details
        for line in _flatten({field_label(lang, key): details[name]})
    ]
    rest = {key: value for key, value in details.items() if key not in labels}
    text = "; ".join([*shown, *_flatten(rest)])
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT] + " …"


def time_cell(utc_text: str, zone: ZoneInfo) -> Paragraph:
    """Local time over the UTC original, small."""
    return markup(f"{clean(short_local(utc_text, zone))}<br/>{clean(short_utc(utc_text))}", "cell_small")


def _event_rows(conn: Connection, facts: CaseFacts, zone: ZoneInfo) -> Iterator[list[Any]]:
    for event in iter_events(conn, facts.head_seq):
        yield [
            str(event.seq),
            time_cell(event.ts_utc, zone),
            para(event.examiner, "cell_small"),
            markup(
                f"<font name='HaechiMono'>{clean(event.action)}</font><br/>"
                f"{clean(action_label(facts.lang, event.action))}"
                + (f"<br/>{alert(say(facts.lang, 'seal_broken_action'))}" if _broken(event) else ""),
                "cell_small",
            ),
            str(event.evidence_id) if event.evidence_id is not None else "-",
            para(details_text(event.details, facts.lang, event.action), "mono_small"),
        ]


def _broken(event: CustodyRow) -> bool:
    return event.action == "custody.unsealed" and seal_broken(event.details)


def custody(facts: CaseFacts, conn: Connection, zone: ZoneInfo) -> Iterator[Flowable]:
    lang = facts.lang
    yield heading(say(lang, "s_custody"))
    yield markup(clean(say(lang, "c_intro", seq=facts.head_seq, zone=facts.zone)), "body")
    names = ("c_seq", "c_time", "c_examiner", "c_action", "c_item", "c_details")
    widths = [11 * mm, 33 * mm, 22 * mm, 30 * mm, 12 * mm, WIDTH - 108 * mm]
    header = [para(say(lang, name), "cell_head") for name in names]
    yield StreamTable(header, _event_rows(conn, facts, zone), widths)
    yield Spacer(1, 6 * mm)
    command = f"haechi ledger CASE_DIR --verify --expect-head {facts.head_hash}"
    yield KeepTogether(
        [
            heading(say(lang, "head_title"), "h2"),
            markup(clean(say(lang, "head_text", seq=facts.head_seq)), "body"),
            markup(clean(facts.head_hash), "command"),
            Spacer(1, 3 * mm),
            markup(clean(say(lang, "head_verify")), "body"),
            markup(clean(command), "command"),
            Spacer(1, 3 * mm),
            markup(clean(say(lang, "head_after")), "note"),
        ]
    )
    yield PageBreak()


def set_label(lang: str, name: str, version: str, category: str) -> str:
    """'KOFIC drama 2026-11 (notable)'; an unknown category is shown as stored."""
    shown = say(lang, f"cat_{category}") if category in ("known", "notable") else category
    return f"{name} {version} ({shown})" if version else f"{name} ({shown})"


def finding_row(finding: Finding, lang: str, zone: ZoneInfo, thumbnail: Thumbnailer) -> list[Any]:
    """A findings-table row: a tagged file, or a file in a notable hash set (no tag)."""
    where = say(lang, "f_volume", evidence=finding.evidence_id, volume=finding.volume, inode=finding.inode)
    lines = [f"<font name='HaechiMono' size='6.8'>{clean(finding.path)}</font>", clean(where)]
    if finding.tag:
        lines.append(f"<b>{clean(say(lang, 'f_tag'))}</b> {clean(finding.tag)} ({clean(finding.tagged_by)})")
    if finding.note:
        lines.append(f"<b>{clean(say(lang, 'f_note'))}</b> {clean(finding.note[:MAX_CELL_TEXT])}")
    if finding.hash_sets:
        sets = "; ".join(set_label(lang, *hit) for hit in finding.hash_sets)
        lines.append(f"<b>{clean(say(lang, 'f_sets'))}</b> {clean(sets)}")
    file_cell: list[Flowable] = [markup("<br/>".join(lines), "cell_small")]
    picture = thumbnail(finding)
    if picture is not None:
        file_cell.append(picture)
    state = say(lang, "allocated" if finding.allocated else "deleted")
    if finding.orphan:
        state += f", {say(lang, 'orphan')}"
    description = (finding.description or "")[:120]
    facts = [f"{finding.size:,} B", finding.mime or "-", description, state]
    times = "<br/>".join(
        f"<b>{key}</b> {clean(short_local(value, zone))}<br/>&nbsp;&nbsp;&nbsp;{clean(short_utc(value))}"
        for key, value in finding.times.items()
        if value
    )
    return [
        str(finding.number),
        file_cell,
        markup("<br/>".join(clean(line) for line in facts if line), "cell_small"),
        markup(times or "-", "cell_small"),
        hash_cell(finding.md5, finding.sha1, finding.sha256),
    ]


def halves(digest: str | None) -> str:
    """A 64-digit hash as two aligned lines of markup (escaped); anything else as it is."""
    text = clean(digest or "-")
    return f"{text[:32]}<br/>{text[32:]}" if len(text) == 64 else text


def hash_cell(md5: str | None, sha1: str | None, sha256: str | None) -> Paragraph:
    """Each hash under its name; SHA-256 in two aligned halves so nothing wraps mid-way."""
    lines = []
    for name, value in (("MD5", md5), ("SHA-1", sha1), ("SHA-256", sha256)):
        lines.append(f"<font name='HaechiSans-Bold' size='6.5'>{name}</font><br/>{halves(value)}")
    return markup("<br/>".join(lines), "mono_hash")


def findings(
    facts: CaseFacts, conn: Connection, zone: ZoneInfo, thumbnail: Thumbnailer, thumb_note: str | None
) -> Iterator[Flowable]:
    """5. Findings and its first part, the tagged files (the notable files follow: sections_hits)."""
    lang = facts.lang
    yield heading(say(lang, "s_findings"))
    yield heading(say(lang, "f_tagged_h"), "h2")
    if not facts.finding_count:
        yield markup(clean(say(lang, "f_none")), "body")
        return
    yield markup(clean(say(lang, "f_intro", count=facts.finding_count, zone=facts.zone)), "body")
    if thumb_note:
        yield markup(clean(say(lang, "thumb_skipped", reason=thumb_note)), "note")
    names = ("f_no", "f_file", "f_facts", "f_times", "f_hashes")
    header = [para(say(lang, name), "cell_head") for name in names]
    rows = (finding_row(f, lang, zone, thumbnail) for f in iter_findings(conn))
    yield StreamTable(header, rows, FINDING_WIDTHS)


def _signature_lines(labels: list[str]) -> Table:
    """Label | blank line to sign on | date label | blank line."""
    rows = [[para(label, "label"), "", para(labels[-1], "label"), ""] for label in labels[:-1]]
    table = Table(rows, colWidths=[48 * mm, 66 * mm, 16 * mm, WIDTH - 130 * mm], rowHeights=13 * mm)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
                ("LINEBELOW", (3, 0), (3, -1), 0.6, INK),
            ]
        )
    )
    return table


def confirmation(facts: CaseFacts, zone: ZoneInfo) -> Iterator[Flowable]:
    lang = facts.lang
    yield heading(say(lang, "s_confirm"))
    yield markup(clean(say(lang, "confirm_intro")), "body")
    for item in facts.evidence:
        hashes = "<br/>".join(
            f"{name} {clean(value or '-')}"
            for name, value in (("MD5", item.md5), ("SHA-1", item.sha1), ("SHA-256", item.sha256))
        )
        recorded = "<br/>".join(
            clean(say(lang, "confirmed_line", who=who, at=short_local(at, zone), seq=seq))
            for seq, who, at in item.confirmations
        )
        block = [
            heading(say(lang, "item", id=item.id, label=item.label), "h2"),
            kv_table(
                [
                    (para(say(lang, "exhibit"), "label"), para(item.exhibit or "-", "cell_wrap")),
                    (para(say(lang, "acq_hashes"), "label"), markup(hashes, "mono")),
                    (para(say(lang, "confirmed"), "label"), markup(recorded or "-", "cell")),
                ],
                LABEL_WIDTH,
                WIDTH,
            ),
            _signature_lines([say(lang, "participant"), say(lang, "examiner"), say(lang, "date")]),
            Spacer(1, 5 * mm),
        ]
        yield KeepTogether(block)
    yield CondPageBreak(90 * mm)


def signatures(facts: CaseFacts) -> Iterator[Flowable]:
    lang = facts.lang
    yield heading(say(lang, "s_sign"))
    yield markup(clean(say(lang, "sign_intro")), "body")
    for examiner in facts.examiners:
        role = say(lang, "role_lead" if examiner.lead else "role_examiner")
        yield _signature_lines([f"{role}: {examiner.name}", say(lang, "date")])
    yield _signature_lines([f"{say(lang, 'reviewer')}:", say(lang, "date")])


def end_mark(facts: CaseFacts) -> Flowable:
    return markup(clean(say(facts.lang, "end")), "end")
