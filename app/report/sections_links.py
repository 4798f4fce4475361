"""7.N Links between exhibits: each identifier found on two or more evidence items stated as a sentence
that cites every place it was read (item, what it is there, source path), in Korean or English."""

from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from app.artifacts.labels import type_title
from app.links.index import Link, case_links
from app.report.model import CaseFacts
from app.report.sections_front import heading
from app.report.styles import clean, markup
from app.report.texts_links import say_links
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.links import Occurrence

LINKS_COMMAND = "haechi links CASE_DIR --format csv"
SENTENCE_LIMIT = 200  # linked values stated; the rest are listed by the command


def _item(lang: str, facts: CaseFacts, evidence_id: int) -> str:
    label = next((e.exhibit or e.label for e in facts.evidence if e.id == evidence_id), "")
    return say_links(lang, "item", item=evidence_id, label=label)


def place(lang: str, facts: CaseFacts, occurrence: Occurrence) -> str:
    """Where and as what a value was read, with its source path."""
    detail: dict[str, Any] = occurrence.detail
    item = _item(lang, facts, occurrence.evidence_id)
    user = say_links(lang, "user", username=detail["username"]) if detail.get("username") else ""
    kind = occurrence.type
    if kind == "device_key":
        verified = detail.get("verified")
        mark = "" if verified is None else say_links(lang, "verified_yes" if verified else "verified_no")
        text = say_links(lang, "place_device_key", name=detail.get("name", ""), item=item, verified=mark)
    elif kind in ("panel_mag_device", "panel_line") and detail.get("line_id") is not None:
        text = say_links(lang, f"place_{kind}", line_id=detail["line_id"], user=user, item=item)
    elif kind == "iptv_credential":
        text = say_links(lang, "place_iptv_credential", app=detail.get("app", ""), user=user, item=item)
    else:
        text = say_links(lang, "place_other", type=type_title(kind, lang), item=item)
    return f"{text} {say_links(lang, 'at', path=occurrence.path or '-')}"


def link_sentence(lang: str, facts: CaseFacts, link: Link) -> str:
    places = say_links(lang, "joiner").join(place(lang, facts, o) for o in link.occurrences)
    kind = say_links(lang, f"kind_{link.kind}")
    return say_links(lang, "sentence", kind=kind, value=link.value, places=places)


def links(facts: CaseFacts, db: CaseDatabase, zone: ZoneInfo) -> Iterator[Flowable]:
    """The section, numbered after the artifact section's per-item parts and its warnings."""
    del zone  # the sentences hold no times
    lang = facts.lang
    if not facts.artifact_counts:  # no artifact section parts to follow
        return
    number = f"7.{len(facts.evidence) + 2}"
    found = case_links(db, across_only=True)
    yield CondPageBreak(40 * mm)
    yield heading(say_links(lang, "heading", number=number), "h2")
    yield markup(clean(say_links(lang, "intro")), "body")
    yield markup(clean(LINKS_COMMAND), "command")
    yield Spacer(1, 4)
    if not found:
        yield markup(clean(say_links(lang, "none")), "body")
    for link in found[:SENTENCE_LIMIT]:
        yield markup(clean(link_sentence(lang, facts, link)), "body")
    if len(found) > SENTENCE_LIMIT:
        yield markup(clean(say_links(lang, "capped", limit=SENTENCE_LIMIT, count=len(found))), "body")
    yield PageBreak()
