"""Page breaks anywhere: the sections that need no case database laid out after every amount of
content up to a page, in both languages."""

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.report.model import CaseFacts, EvidenceFacts, ExaminerFacts, Verification, VolumeFacts
from app.report.pages import ReportDocument
from app.report.sections_back import confirmation, signatures
from app.report.sections_front import evidence, method, summary
from app.report.styles import MARGIN_BOTTOM, MARGIN_TOP, PAGE

FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - 12  # a Frame pads 6 points above and below
STEP = 5.0  # points: finer than the smallest leading (8.2), so every line of every page foot is hit


def _facts(lang: str) -> CaseFacts:
    item = EvidenceFacts(
        id=1,
        label="userdata",
        exhibit="TVBOX-01",
        description="TV box",
        seized_from="Park",
        seized_at="2026-11-20T05:30:00Z",
        seals=("S-0001",),
        format="raw",
        segments=("/evidence/tvbox.img",),
        size=2 << 20,
        md5="0" * 32,
        sha1="1" * 40,
        sha256="2" * 64,
        stored_md5=None,
        stored_sha1=None,
        stored_hash_check=None,
        import_state="complete",
        added_at="2026-11-20T06:00:00Z",
        added_by="Kim Examiner",
        versions={"sleuthkit": "4.12.1"},
        counts={"entries": 9, "deleted": 1, "orphans": 0, "hashed": 9},
        volumes=(VolumeFacts(0, "ext4", "ext4", 0, 9),),
        verifications=(Verification("2026-11-21T01:00:00Z", "match", None, None, None),),
    )
    return CaseFacts(
        number="2026-IPTV-07",
        title="불법 IPTV 재판매",
        agency="",
        lab_name="Lab",
        lab_address="",
        zone="Asia/Seoul",
        lang=lang,
        report_id="HR-TEST",
        head_seq=3,
        head_hash="a" * 64,
        received_at=None,
        examined_from=None,
        examined_to=None,
        issued_at="2026-11-22T00:00:00Z",
        examiners=(ExaminerFacts("Kim Examiner", "ab:cd", True),),
        evidence=(item,),
        warning_count=0,
        finding_count=0,
        file_count=9,
    )


def _sections(facts: CaseFacts) -> Iterator[Flowable]:
    zone = ZoneInfo(facts.zone)
    yield from summary(facts, zone)
    yield from evidence(facts, zone)
    yield from method(facts, None)  # type: ignore[arg-type] # no warnings: the database is not read
    yield from confirmation(facts, zone)
    yield from signatures(facts)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_break_position_lays_out(lang: str, tmp_path: Path) -> None:
    """Issue 17: '3.4 Scope' failed with "'OnceParagraph' object has no attribute 'blPara'" when it
    met the page foot. Push the sections down by every amount up to a page, so each heading and
    paragraph meets the page foot at least once."""
    facts = _facts(lang)
    pdf = tmp_path / "breaks.pdf"
    failures = []
    height = 0.0
    while height < FRAME_HEIGHT:
        document = ReportDocument(pdf, facts, lambda _page: None)
        try:
            document.build([Spacer(1, height), *_sections(facts)])
        except Exception as error:  # noqa: BLE001 - every failure at every height is collected
            failures.append(f"{height / mm:.1f} mm: {error}")
        height += STEP
    assert not failures, failures
