"""Cover, summary, evidence items and method: the report's first sections."""

from collections.abc import Iterator
from sqlite3 import Connection
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from app.common.progress import human_bytes
from app.common.timeview import local_text, parse_utc
from app.report.gather import iter_warnings
from app.report.model import BrokenSealFacts, CaseFacts, EvidenceFacts
from app.report.styles import WIDTH, alert, clean, markup, para, styles
from app.report.tables import StreamTable, kv_table, plain_table
from app.report.texts import say

LABEL_WIDTH = 42 * mm


def local_date(utc_text: str | None, zone: ZoneInfo) -> str:
    moment = parse_utc(utc_text) if utc_text else None
    return f"{moment.astimezone(zone):%Y-%m-%d}" if moment else (utc_text or "-")


def when(utc_text: str | None, zone: ZoneInfo) -> str:
    """Local time with zone, then the UTC original."""
    if not utc_text:
        return "-"
    return f"{local_text(utc_text, zone)} / {utc_text}"


def short_local(utc_text: str | None, zone: ZoneInfo) -> str:
    """'2026-11-23 17:35:09 KST' (the zone's offset is stated once, in the section's introduction)."""
    moment = parse_utc(utc_text) if utc_text else None
    if moment is None:
        return utc_text or "-"
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()}"


def short_utc(utc_text: str) -> str:
    """The UTC original to the second: '2026-11-23T08:35:09Z'."""
    return f"{utc_text[:19]}Z" if parse_utc(utc_text) is not None else utc_text


def broken_seal_lines(lang: str, seals: tuple[BrokenSealFacts, ...], zone: ZoneInfo) -> list[str]:
    """One highlighted sentence (markup) per seal found broken."""
    return [
        alert(
            say(
                lang,
                "seal_broken_line",
                exhibit=b.exhibit,
                seal=b.seal,
                at=short_local(b.occurred_at, zone),
                seq=b.seq,
            )
        )
        for b in seals
    ]


def heading(text: str, level: str = "h1") -> Paragraph:
    return markup(clean(text), level)


def cover(facts: CaseFacts, zone: ZoneInfo) -> Iterator[Flowable]:
    lang = facts.lang
    yield Spacer(1, 28 * mm)
    yield markup(clean(facts.lab_name or say(lang, "lab_unset")), "lab")
    if facts.lab_address:
        yield markup(clean(facts.lab_address), "lab_address")
    yield Spacer(1, 22 * mm)
    yield markup(clean(say(lang, "title")), "title")
    yield markup(clean(say(lang, "subtitle")), "subtitle")
    yield Spacer(1, 20 * mm)
    examiners = "<br/>".join(
        f"{clean(e.name)} ({say(lang, 'role_lead' if e.lead else 'role_examiner')}; "
        f"{say(lang, 'fingerprint')} <font name='HaechiMono'>{clean(e.fingerprint)}</font>)"
        for e in facts.examiners
    )
    examined = f"{local_date(facts.examined_from, zone)} ~ {local_date(facts.examined_to, zone)}"
    rows = [
        (say(lang, "case_number"), facts.number),
        (say(lang, "case_title"), facts.title),
        (say(lang, "report_id"), facts.report_id),
        (say(lang, "agency"), facts.agency or "-"),
        (say(lang, "date_receipt"), local_date(facts.received_at, zone)),
        (say(lang, "date_exam"), examined),
        (say(lang, "date_issue"), local_text(facts.issued_at, zone)),
    ]
    cells = [(para(k, "label"), para(v, "cell_wrap")) for k, v in rows]
    cells.insert(4, (para(say(lang, "examiners"), "label"), markup(examiners, "cell")))
    yield kv_table(cells, LABEL_WIDTH, WIDTH)
    yield Spacer(1, 10 * mm)
    yield markup(clean(say(lang, "cover_head", seq=facts.head_seq)), "note")
    yield markup(clean(facts.head_hash), "command")
    if facts.genesis:
        yield markup(clean(say(lang, "cover_genesis")), "note")
        yield markup(clean(facts.genesis), "command")
    yield Spacer(1, 3 * mm)
    yield markup(clean(say(lang, "summary_scope")), "note")
    yield PageBreak()


def summary(facts: CaseFacts, zone: ZoneInfo) -> Iterator[Flowable]:
    lang = facts.lang
    yield heading(say(lang, "s_summary"))
    totals = {"files": facts.file_count, "deleted": 0, "orphans": 0}
    for item in facts.evidence:
        totals["deleted"] += item.counts.get("deleted", 0)
        totals["orphans"] += item.counts.get("orphans", 0)
    lines = [say(lang, "summary_items", items=len(facts.evidence), **totals)]
    if facts.finding_count:
        tags = ", ".join(f"{tag} ({count})" for tag, count in facts.tag_counts.items())
        lines.append(say(lang, "summary_findings", findings=facts.finding_count, tags=tags))
    else:
        lines.append(say(lang, "summary_no_findings"))
    for item in facts.evidence:
        label = f"{item.id} ({item.label})"
        if item.verifications:
            last = item.verifications[-1]
            result = say(lang, "result_match") if last.result == "match" else last.result
            lines.append(
                say(lang, "summary_verified", label=label, at=local_text(last.at, zone), result=result)
            )
        else:
            lines.append(say(lang, "summary_not_verified", label=label))
        if item.stored_md5 or item.stored_sha1:
            lines.append(say(lang, "summary_stored", label=label, check=item.stored_hash_check or "-"))
    lines.extend(_hit_and_artifact_lines(facts))
    partial = partial_note(facts, lang)
    if partial:
        lines.insert(0, partial)
    count = facts.warning_count
    lines.append(say(lang, "summary_warnings", count=count) if count else say(lang, "summary_no_warnings"))
    lines.append(say(lang, "summary_scope"))
    for deviation in broken_seal_lines(lang, facts.broken_seals, zone):  # first: what a court must see
        yield Paragraph(deviation, styles()["bullet"], bulletText="!")
    for line in lines:
        yield Paragraph(clean(line), styles()["bullet"], bulletText="•")
    yield Spacer(1, 6 * mm)


def partial_note(facts: CaseFacts, lang: str) -> str:
    """The report's counts are partial while an import runs or is unfinished: said first, with the count."""
    unfinished = ", ".join(str(item.id) for item in facts.evidence if item.import_state != "complete")
    if facts.import_running:
        return say(lang, "summary_import_running", files=f"{facts.file_count:,}", items=unfinished or "-")
    if unfinished:
        return say(lang, "summary_import_incomplete", files=f"{facts.file_count:,}", items=unfinished)
    return ""


def _hit_and_artifact_lines(facts: CaseFacts) -> list[str]:
    lang, hits, counts = facts.lang, facts.hits, facts.artifact_counts
    lines = [say(lang, "sum_no_hits")]
    if hits is not None and hits.runs:
        per_category = hits.per_category
        lines[0] = say(
            lang,
            "sum_hits",
            checked=f"{hits.files_checked:,}",
            sets=len(hits.sets),
            notable=f"{per_category.get('notable', 0):,}",
            known=f"{per_category.get('known', 0):,}",
        )
    if not counts:
        return [*lines, say(lang, "sum_no_artifacts")]
    rows, credentials = f"{sum(counts.values()):,}", f"{counts.get('iptv_credential', 0):,}"
    return [*lines, say(lang, "sum_artifacts", rows=rows, types=len(counts), credentials=credentials)]


def _hash_lines(md5: str | None, sha1: str | None, sha256: str | None) -> Paragraph:
    parts = [f"{name} {clean(value)}" for name, value in (("MD5", md5), ("SHA-1", sha1), ("SHA-256", sha256))]
    return markup("<br/>".join(parts), "mono")


def _seal_cell(item: EvidenceFacts, lang: str) -> Paragraph:
    """The seal numbers; each seal found broken on its own highlighted line."""
    broken = [alert(say(lang, "seal_broken_cell", seal=b.seal, seq=b.seq)) for b in item.broken_seals]
    return markup("<br/>".join([clean(", ".join(item.seals) or "-"), *broken]), "cell_wrap")


def _xhash_state(xhash: dict[str, str]) -> str:
    check = xhash.get("check", "")
    return "differs" if "differs" in check else ("agrees" if "agrees" in check else "unread")


def evidence_item(item: EvidenceFacts, lang: str, zone: ZoneInfo) -> Iterator[Flowable]:
    yield CondPageBreak(60 * mm)
    yield heading(say(lang, "item", id=item.id, label=item.label), "h2")
    size = f"{say(lang, 'bytes', count=f'{item.size:,}')} ({human_bytes(item.size)})" if item.size else "-"
    segments = "<br/>".join(clean(path) for path in item.segments)
    stored = say(lang, "none_stored")
    if item.stored_md5 or item.stored_sha1:
        stored = f"MD5 {clean(item.stored_md5 or '-')}<br/>SHA-1 {clean(item.stored_sha1 or '-')}"
    if item.xhash:
        md5, sha1 = clean(item.xhash.get("md5", "-")), clean(item.xhash.get("sha1", "-"))
        xhash = f"xhash MD5 {md5}<br/>xhash SHA-1 {sha1}"
        stored = f"{stored}<br/>{xhash}<br/><b>{clean(say(lang, 'xhash_' + _xhash_state(item.xhash)))}</b>"
    verifications = "<br/>".join(
        f"{clean(local_text(v.at, zone))} ({clean(v.at)}): <b>{clean(v.result)}</b>"
        for v in item.verifications
    )
    volumes = "<br/>".join(
        clean(
            say(
                lang,
                "volume_line",
                idx=v.idx,
                desc=v.description or "-",
                fs=v.fs_type or say(lang, "no_fs"),
                offset=v.offset,
                entries=v.entries,
            )
        )
        for v in item.volumes
    )
    rows = [
        (say(lang, "exhibit"), para(item.exhibit or "-", "cell_wrap")),
        (say(lang, "description"), para(item.description or item.label, "cell_wrap")),
        (say(lang, "seized_from"), para(item.seized_from or "-", "cell_wrap")),
        (say(lang, "seized_at"), para(when(item.seized_at, zone), "cell_wrap")),
        (say(lang, "seal"), _seal_cell(item, lang)),
        (say(lang, "image_format"), para(item.format, "cell")),
        (say(lang, "segments"), markup(f"{len(item.segments)}: {segments}", "mono_small")),
        (say(lang, "media_size"), para(size, "cell")),
        (say(lang, "acq_hashes"), _hash_lines(item.md5, item.sha1, item.sha256)),
        (say(lang, "stored_hashes"), markup(stored, "mono")),
        (say(lang, "stored_check"), para(item.stored_hash_check or "-", "cell")),
        (say(lang, "verifications"), markup(verifications or clean(say(lang, "no_verification")), "cell")),
        (say(lang, "volumes"), markup(volumes or "-", "cell_wrap")),
        (say(lang, "counts"), para(say(lang, "counts_line", **item.counts), "cell")),
        (say(lang, "import_state"), para(item.import_state, "cell")),
        (say(lang, "added"), para(f"{when(item.added_at, zone)}, {item.added_by}", "cell_wrap")),
    ]
    yield kv_table([(para(label, "label"), value) for label, value in rows], LABEL_WIDTH, WIDTH)


def evidence(facts: CaseFacts, zone: ZoneInfo) -> Iterator[Flowable]:
    yield heading(say(facts.lang, "s_evidence"))
    if not facts.evidence:
        yield markup(clean(say(facts.lang, "no_evidence")), "body")
    for item in facts.evidence:
        yield from evidence_item(item, facts.lang, zone)
    yield PageBreak()


def _tool_rows(facts: CaseFacts) -> list[tuple[str, str]]:
    lang = facts.lang

    def recorded(key: str) -> str:
        values = sorted({item.versions[key] for item in facts.evidence if key in item.versions})
        return ", ".join(values) or "-"

    return [
        (say(lang, "tool_haechi"), facts.haechi_version),
        (say(lang, "tool_tsk"), recorded("sleuthkit")),
        (say(lang, "tool_ewf"), recorded("libewf")),
        (say(lang, "tool_magic"), recorded("libmagic")),
        (say(lang, "tool_python"), recorded("python")),
        (say(lang, "tool_reportlab"), facts.reportlab_version),
    ]


def _warning_rows(conn: Connection) -> Iterator[list[Flowable]]:
    for warning in iter_warnings(conn):
        yield [
            para(warning.evidence_id if warning.evidence_id is not None else "-"),
            para(warning.volume if warning.volume is not None else "-"),
            para(warning.code, "cell_small"),
            para(warning.path or "-", "mono_small"),
            para(warning.message, "cell_small"),
        ]


def method(facts: CaseFacts, conn: Connection) -> Iterator[Flowable]:
    lang = facts.lang
    yield heading(say(lang, "s_method"))
    yield heading(say(lang, "m_steps"), "h2")
    for number in range(1, 7):
        yield Paragraph(clean(say(lang, f"step_{number}")), styles()["bullet"], bulletText=f"{number}.")
    yield heading(say(lang, "m_tools"), "h2")
    header = [para(say(lang, "tool"), "cell_head"), para(say(lang, "version"), "cell_head")]
    rows = [[para(name), para(version, "mono")] for name, version in _tool_rows(facts)]
    yield plain_table(header, rows, [70 * mm, WIDTH - 70 * mm])
    yield Spacer(1, 1.5 * mm)
    yield markup(clean(say(lang, "versions_note")), "note")
    yield CondPageBreak(40 * mm)
    yield heading(say(lang, "m_limits"), "h2")
    if facts.broken_seals:
        yield markup(clean(say(lang, "dev_custody")), "body")
        for deviation in broken_seal_lines(lang, facts.broken_seals, ZoneInfo(facts.zone)):
            yield Paragraph(deviation, styles()["bullet"], bulletText="!")
    if not facts.warning_count:
        yield markup(clean(say(lang, "no_limits")), "body")
    else:
        yield markup(clean(say(lang, "limits_intro")), "body")
        names = ("w_item", "w_vol", "w_code", "w_path", "w_message")
        widths = [14 * mm, 12 * mm, 30 * mm, 56 * mm, WIDTH - 112 * mm]
        yield StreamTable([para(say(lang, n), "cell_head") for n in names], _warning_rows(conn), widths)
    yield heading(say(lang, "m_scope"), "h2")
    yield markup(clean(say(lang, "scope_text", zone=facts.zone)), "body")
    yield PageBreak()
