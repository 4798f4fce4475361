"""The page frame: header, footer with "page X of Y", PDF metadata, and a story read lazily.

"Y" is a PDF form drawn on every page and defined once the last page is known, so pages are written
out as they are finished and memory does not grow with the length of the report.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.common.timeview import parse_utc
from app.report.model import CaseFacts
from app.report.styles import (
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE,
    SANS,
    SANS_BOLD,
    WIDTH,
    register_fonts,
)
from app.report.texts import say

_TOTAL_FORM = "haechi_page_total"
_FOOTER_SIZE = 7.5


class LazyStory(list[Flowable]):
    """A list of flowables that fills itself from a generator as the layout consumes it.

    ReportLab's layout loop only looks at the first few flowables (length, [0], keep-with-next),
    so holding a short window of the story is enough.
    """

    _WINDOW = 24

    def __init__(self, source: Iterator[Flowable]) -> None:
        super().__init__()
        self._source: Iterator[Flowable] | None = source

    def _fill(self, wanted: int) -> None:
        while self._source is not None and list.__len__(self) < wanted:
            try:
                self.append(next(self._source))
            except StopIteration:
                self._source = None

    def __len__(self) -> int:
        self._fill(self._WINDOW)
        return list.__len__(self)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and index >= 0:
            self._fill(index + self._WINDOW)
        return list.__getitem__(self, index)


class ReportDocument(BaseDocTemplate):
    """A4 pages with the case number, report ID and page numbers on every page."""

    def __init__(self, path: Path, facts: CaseFacts, on_page: Callable[[int], None]) -> None:
        register_fonts()
        lang = facts.lang
        super().__init__(
            str(path),
            pagesize=PAGE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{say(lang, 'title')} - {facts.number}",
            author=", ".join(e.name for e in facts.examiners),
            subject=f"{say(lang, 'case_number')} {facts.number}; {say(lang, 'report_id')} {facts.report_id}",
            creator=f"Haechi {facts.haechi_version}",
            producer=f"Haechi {facts.haechi_version} (ReportLab {facts.reportlab_version})",
            keywords=[facts.number, facts.report_id, facts.head_hash],
            lang="ko-KR" if lang == "ko" else "en",
            initialFontName=SANS,
            initialFontSize=9,
            invariant=1,
        )
        self._facts = facts
        self._on_page = on_page
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, _doc: Any) -> None:
        facts, lang = self._facts, self._facts.lang
        top = PAGE[1] - 13 * mm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawString(MARGIN_X, top, facts.lab_name or "Haechi")
        canvas.setFont(SANS, 8)
        canvas.drawRightString(MARGIN_X + WIDTH, top, say(lang, "title"))
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, top - 3 * mm, MARGIN_X + WIDTH, top - 3 * mm)
        bottom = 11 * mm
        canvas.line(MARGIN_X, bottom + 4 * mm, MARGIN_X + WIDTH, bottom + 4 * mm)
        canvas.setFont(SANS, _FOOTER_SIZE)
        canvas.setFillColor(INK)
        canvas.drawString(
            MARGIN_X, bottom, say(lang, "footer_left", number=facts.number, report_id=facts.report_id)
        )
        total_x = MARGIN_X + WIDTH - 16 * mm
        canvas.drawRightString(total_x, bottom, say(lang, "page", page=canvas.getPageNumber()))
        canvas.doForm(_TOTAL_FORM)  # "Y", defined when the document ends
        canvas.restoreState()
        self._on_page(canvas.getPageNumber())

    def _startBuild(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802 - ReportLab's hook name
        super()._startBuild(*args, **kwargs)
        # invariant=1 keeps the bytes reproducible; the dates inside are the issue time, not 2000-01-01
        moment = parse_utc(self._facts.issued_at)
        if moment is not None:
            stamp = self.canv._doc._timeStamp
            stamp.t = moment.timestamp()
            stamp.lt = moment.timetuple()
            stamp.YMDhms = tuple(stamp.lt)[:6]

    def _endBuild(self) -> None:  # noqa: N802 - ReportLab's hook name
        canvas = self.canv
        total_x = MARGIN_X + WIDTH - 16 * mm
        canvas.beginForm(_TOTAL_FORM)
        canvas.setFont(SANS, _FOOTER_SIZE)
        canvas.setFillColor(INK)
        canvas.drawString(total_x, 11 * mm, say(self._facts.lang, "page_total", total=self.page))
        canvas.endForm()
        super()._endBuild()
