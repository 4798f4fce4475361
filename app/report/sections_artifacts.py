"""7. Artifacts: per evidence item its extraction run, rows per type, then each type's rows with their
source; IPTV credentials first and in full, very large types shortened with a stated count."""

import json
from collections.abc import Iterator
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from app.artifacts.extract import (
    KEY_FIELDS,
    TYPE_LABELS,
    artifact_records,
    artifact_runs,
    artifact_type_counts,
)
from app.artifacts.extract import artifact_warnings as stored_warnings
from app.artifacts.labels import field_label, type_title
from app.artifacts.values import utc_timestamp
from app.report.gather_extra import artifact_run_event
from app.report.model import CaseFacts, EvidenceFacts
from app.report.sections_back import MAX_CELL_TEXT, halves, time_cell
from app.report.sections_front import heading, short_local, short_utc
from app.report.styles import SANS_BOLD, WIDTH, clean, markup, para, register_fonts
from app.report.tables import StreamTable, plain_table
from app.report.texts import say
from chain_of_custody.case_db import CaseDatabase

FIRST_TYPES = ("iptv_credential", "iptv_url", "stb_mac", "device_key")  # what a court asks about first
FULL_TYPES = ("iptv_credential",)  # never shortened, values never cut
ROW_LIMIT = 200  # rows printed per type and item; the rest are exported by the CLI
SOURCE_WIDTH = 48 * mm
# Fields that hold addresses, paths or commands get more room than names and numbers.
WIDE_FIELDS = frozenset(
    [
        "server_url",
        "host",
        "url",
        "urls",
        "m3u_url",
        "epg_url",
        "hosts",
        "paths",
        "sources",
        "code_path",
        "target_path",
        "location",
        "fingerprint",
        "user_agent",
        "exec",
        "pull",
        "push",
        "credentials",
        "title",
        "m3u_path",
        "hls_path",
    ]
)
# Key fields that hold UTC times: room for "09:00:00 KST" and "2027-01-01T" on a line.
TIME_FIELDS = frozenset(
    ["expiry", "build_date", "first_install", "last_visit", "start_time", "date", "start"]
)
EXPORT_COMMAND = "haechi artifacts CASE_DIR --format csv"
HEADER_SIZE = 8  # the cell_head style's font size
CELL_PADDING = 13  # a table cell's left and right padding (6 points each) and a point to spare


def ordered_types(codes: list[str]) -> list[str]:
    """Credentials first, then the types in the order app.artifacts.extract lists them, then any others."""
    rank: dict[str, int] = {}
    for code in [*FIRST_TYPES, *TYPE_LABELS]:
        rank.setdefault(code, len(rank))
    return sorted(codes, key=lambda code: (rank.get(code, len(rank)), code))


def field_widths(fields: tuple[str, ...], labels: list[str] | None = None) -> list[float]:
    """Column widths of the fields: the page's width less number and source, wide fields weighted 2.5,
    time fields and kinds (`xtream_playlist`) 1.6; no column narrower than the longest word of its
    header (a word is not broken)."""
    weights = [_weight(name) for name in fields] or [1.0]
    room = WIDTH - 8 * mm - SOURCE_WIDTH
    floors = [_header_floor(label) for label in labels or []] + [0.0] * (len(weights) - len(labels or []))
    fixed = [False] * len(weights)
    while True:  # give the columns whose share is below their floor the floor, share out the rest
        free = sum(w for w, f in zip(weights, fixed, strict=True) if not f)
        left = room - sum(floor for floor, f in zip(floors, fixed, strict=True) if f)
        unit = left / free if free else 0.0
        short = [i for i, w in enumerate(weights) if not fixed[i] and w * unit < floors[i]]
        if not short:
            return [floors[i] if fixed[i] else w * unit for i, w in enumerate(weights)]
        for i in short:
            fixed[i] = True


def _header_floor(label: str) -> float:
    """The width of the header's longest word in the header font, with the cell's padding."""
    register_fonts()
    longest = max((stringWidth(word, SANS_BOLD, HEADER_SIZE) for word in label.split()), default=0.0)
    return longest + CELL_PADDING


def _weight(name: str) -> float:
    return 2.5 if name in WIDE_FIELDS else 1.6 if name in TIME_FIELDS or name == "kind" else 1.0


def value_text(value: Any, lang: str, name: str = "") -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return say(lang, "yes" if value else "no")
    if name == "offset" and isinstance(value, int):
        return f"{value:,} (0x{value:x})"  # byte offsets, as hex dumps and partition tables give them
    if isinstance(value, list):
        return ", ".join(value_text(item, lang) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _cut(text: str, full: bool) -> str:
    return text if full or len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT] + " …"


def value_cell(value: Any, lang: str, name: str, zone: ZoneInfo, full: bool) -> Paragraph:
    """A field's value; a UTC timestamp as the local time over the UTC original (as time_cell gives
    them), the original broken after its date: time columns are narrow."""
    moment = utc_timestamp(value)
    if moment is not None:
        day, clock = short_utc(moment).split("T")
        utc = f"<font size='6.3'>{clean(day)}T<br/>{clean(clock)}</font>"
        return markup(f"{clean(short_local(moment, zone))}<br/>{utc}", "mono_small")
    return para(_cut(value_text(value, lang, name), full), "mono_small")


def source_cell(record: dict[str, Any], lang: str) -> Paragraph:
    source = record["source"]
    lines = [f"<font name='HaechiMono' size='6.8'>{clean(source['path'] or '-')}</font>"]
    if source.get("file_id") is None:  # read from the image itself (e.g. a key store), not from a file
        volume = "-" if source.get("volume") is None else source["volume"]
        where = say(lang, "ar_where_image", evidence=source["evidence_id"], volume=volume)
        lines.append(f"{clean(where)}<br/>{clean(say(lang, 'ar_not_file'))}")
    else:
        where = say(
            lang, "f_volume", evidence=source["evidence_id"], volume=source["volume"], inode=source["inode"]
        )
        lines.append(clean(where))
    lines.append(f"<font name='HaechiMono' size='6.3'>SHA-256<br/>{halves(source.get('sha256'))}</font>")
    wal = record["fields"].get("sqlite_wal")
    if isinstance(wal, dict):
        lines.append(clean(f"{say(lang, 'ar_wal')}: {wal.get('path')}"))
        lines.append(f"<font name='HaechiMono' size='6.3'>{halves(wal.get('sha256'))}</font>")
    lines.append(f"<font size='6.5'>{clean(record['extractor'])}</font>")
    return markup("<br/>".join(lines), "cell_small")


def _record_rows(
    records: Iterator[dict[str, Any]], fields: tuple[str, ...], lang: str, zone: ZoneInfo, full: bool
) -> Iterator[list[Any]]:
    for number, record in enumerate(records, start=1):
        values = record["fields"]
        if fields:
            cells = [value_cell(values.get(name), lang, name, zone, full) for name in fields]
        else:
            shown = {k: v for k, v in values.items() if k != "sqlite_wal"}
            cells = [para(_cut(value_text(shown, lang), full), "mono_small")]
        yield [para(number, "cell_small"), *cells, source_cell(record, lang)]


def _type_table(
    db: CaseDatabase, item: int, code: str, count: int, lang: str, zone: ZoneInfo
) -> Iterator[Flowable]:
    full = code in FULL_TYPES
    yield CondPageBreak(35 * mm)
    head = say(lang, "ar_type_head", label=type_title(code, lang), code=code, count=f"{count:,}")
    yield heading(head, "h3")
    if not full and count > ROW_LIMIT:
        yield markup(clean(say(lang, "ar_capped", limit=ROW_LIMIT, count=f"{count:,}")), "note")
        command = f"haechi artifacts CASE_DIR --evidence {item} --type {code} --format csv"
        yield markup(clean(command), "command")
    fields = KEY_FIELDS.get(code, ())
    names = [field_label(name, lang) for name in fields] or [say(lang, "ar_type")]
    header = [para(say(lang, "ar_no"), "cell_head")]
    header += [para(name, "cell_head") for name in names]
    header.append(para(say(lang, "ar_source"), "cell_head"))
    records = artifact_records(db, code, item)
    if not full:
        records = islice(records, ROW_LIMIT)
    widths = [8 * mm, *field_widths(fields, names if fields else None), SOURCE_WIDTH]
    yield StreamTable(header, _record_rows(records, fields, lang, zone, full), widths)


def _runs(db: CaseDatabase, facts: CaseFacts, item: int, zone: ZoneInfo) -> Iterator[Flowable]:
    lang = facts.lang
    runs = artifact_runs(db, item)
    current = [run for run in runs if run["state"] == "current"]
    others = [f"{run['id']}: {run['state']}" for run in runs if run["state"] != "current"]
    if not current:
        yield markup(clean(say(lang, "ar_item_none")), "body")
    for run in current:
        event = artifact_run_event(db.conn, int(run["id"]), facts.head_seq)
        when = [time_cell(run["started_at"], zone)]
        if run["ended_at"]:
            when.append(time_cell(run["ended_at"], zone))
        numbers = [run["sources"], run["rows"], run["warnings"], event if event is not None else "-"]
        names = ("ar_run", "ar_when", "c_examiner", "ar_sources", "ar_rows", "ar_warn_count", "ar_event")
        row = [para(run["id"]), when, para(run["examiner"], "cell_small"), *[para(n) for n in numbers]]
        widths = [12 * mm, 40 * mm, 34 * mm, 20 * mm, 20 * mm, 20 * mm, WIDTH - 146 * mm]
        yield plain_table([para(say(lang, n), "cell_head") for n in names], [row], widths)
        versions = json.loads(run["extractors"] or "{}")
        listed = ", ".join(f"{name} {version}" for name, version in sorted(versions.items()))
        yield markup(clean(say(lang, "ar_extractors", list=listed or "-")), "note")
    if others:
        yield markup(clean(say(lang, "ar_other_runs", list=", ".join(others))), "note")


def _item(
    db: CaseDatabase, facts: CaseFacts, item: EvidenceFacts, number: int, zone: ZoneInfo
) -> Iterator[Flowable]:
    lang = facts.lang
    yield CondPageBreak(50 * mm)
    yield heading(f"7.{number} {say(lang, 'item', id=item.id, label=item.label)}", "h2")
    yield from _runs(db, facts, item.id, zone)
    counts = artifact_type_counts(db, item.id)
    if not counts:
        return
    codes = ordered_types(list(counts))
    rows = [[para(type_title(c, lang)), para(c, "mono_small"), para(f"{counts[c]:,}")] for c in codes]
    header = [para(say(lang, name), "cell_head") for name in ("ar_type", "ar_code", "ar_rows")]
    yield heading(say(lang, "ar_counts"), "h3")
    yield plain_table(header, rows, [WIDTH - 70 * mm, 45 * mm, 25 * mm])
    for code in codes:
        yield from _type_table(db, item.id, code, counts[code], lang, zone)


def _warnings(db: CaseDatabase, facts: CaseFacts, number: int) -> Iterator[Flowable]:
    lang = facts.lang
    yield CondPageBreak(40 * mm)
    yield heading(f"7.{number} {say(lang, 'ar_warnings')}", "h2")
    found = stored_warnings(db)
    if not found:
        yield markup(clean(say(lang, "ar_no_warnings")), "body")
        return
    rows = [
        [para(w["evidence_id"]), para(w["path"] or "-", "mono_small"), para(w["message"], "cell_small")]
        for w in found
    ]
    header = [para(say(lang, name), "cell_head") for name in ("w_item", "w_path", "w_message")]
    yield StreamTable(header, iter(rows), [14 * mm, 80 * mm, WIDTH - 94 * mm])


def artifacts(facts: CaseFacts, db: CaseDatabase, zone: ZoneInfo) -> Iterator[Flowable]:
    """7. Artifacts."""
    lang = facts.lang
    yield heading(say(lang, "s_artifacts"))
    if not facts.artifact_counts and not artifact_runs(db):
        yield markup(clean(say(lang, "ar_none")), "body")
        yield PageBreak()
        return
    yield markup(clean(say(lang, "ar_intro")), "body")
    yield markup(clean(EXPORT_COMMAND), "command")
    yield Spacer(1, 4)
    yield markup(clean(say(lang, "ar_times", zone=facts.zone)), "body")
    for number, item in enumerate(facts.evidence, start=1):
        yield from _item(db, facts, item, number, zone)
    yield from _warnings(db, facts, len(facts.evidence) + 1)
    yield PageBreak()
