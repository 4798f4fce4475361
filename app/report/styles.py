"""Fonts, paragraph styles and table styles of the report. Only embedded fonts are used."""

import re
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, TableStyle

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SANS, SANS_BOLD, MONO = "HaechiSans", "HaechiSans-Bold", "HaechiMono"

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8c8c8c")
HEAD_FILL = colors.HexColor("#e4e8ee")
LABEL_FILL = colors.HexColor("#f3f4f6")
ACCENT = colors.HexColor("#1f3a5f")
ALERT_HEX = "#b00020"  # a deviation (a broken seal): red and bold wherever it is printed


@cache
def register_fonts() -> None:
    """Register the shipped NanumGothic fonts once per process."""
    pdfmetrics.registerFont(TTFont(SANS, str(FONT_DIR / "NanumGothic.ttf")))
    pdfmetrics.registerFont(TTFont(SANS_BOLD, str(FONT_DIR / "NanumGothicBold.ttf")))
    pdfmetrics.registerFont(TTFont(MONO, str(FONT_DIR / "NanumGothicCoding.ttf")))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO)


def _style(name: str, **values: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": SANS,
        "bulletFontName": SANS,
        "fontSize": 9,
        "leading": 12.5,
        "textColor": INK,
    }
    base.update(values)
    return ParagraphStyle(name, **base)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": _style("title", fontName=SANS_BOLD, fontSize=22, leading=30, alignment=TA_CENTER),
        "subtitle": _style("subtitle", fontSize=11, leading=16, alignment=TA_CENTER, textColor=MUTED),
        "lab": _style("lab", fontName=SANS_BOLD, fontSize=13, leading=18, alignment=TA_CENTER),
        "lab_address": _style("lab_address", fontSize=9, alignment=TA_CENTER, textColor=MUTED),
        "h1": _style(
            "h1", fontName=SANS_BOLD, fontSize=13.5, leading=18, spaceBefore=4, spaceAfter=8, textColor=ACCENT
        ),
        "h2": _style("h2", fontName=SANS_BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=4),
        "h3": _style("h3", fontName=SANS_BOLD, fontSize=9, leading=12.5, spaceBefore=7, spaceAfter=3),
        "body": _style("body", spaceAfter=4),
        "bullet": _style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cell": _style("cell", fontSize=8, leading=10.5, alignment=TA_LEFT),
        "cell_wrap": _style("cell_wrap", fontSize=8, leading=10.5),
        "cell_small": _style("cell_small", fontSize=7, leading=9),
        "cell_head": _style("cell_head", fontName=SANS_BOLD, fontSize=8, leading=10.5),
        "label": _style("label", fontName=SANS_BOLD, fontSize=8, leading=10.5),
        "mono": _style("mono", fontName=MONO, fontSize=8, leading=10.5),
        "mono_small": _style("mono_small", fontName=MONO, fontSize=6.8, leading=8.6),
        "mono_hash": _style("mono_hash", fontName=MONO, fontSize=6.3, leading=8.2),
        "command": _style("command", fontName=MONO, fontSize=8.5, leading=12, leftIndent=10),
        "note": _style("note", fontSize=8, leading=11, textColor=MUTED),
        "end": _style("end", alignment=TA_CENTER, textColor=MUTED, spaceBefore=18),
    }


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean(value: object) -> str:
    """Text made safe for a Paragraph: XML-escaped, control characters shown as \\xNN."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", text)
    return escape(text)


class OnceParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width: tables wrap each cell more than once.

    The cache holds the line breaks it was made with: Paragraph.split drops them (`del self.blPara`)
    when a paragraph may not be split at a page foot (one line left: an orphan), and the frame then
    wraps and draws the same object on the next page. A cache that outlived them drew nothing to draw
    from ("no attribute 'blPara'"), so the lines are broken again whenever they are gone or replaced.
    """

    _wrapped: tuple[float, object, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        cached = self._wrapped
        lines = self.__dict__.get("blPara")
        if cached is None or cached[0] != avail_width or lines is None or cached[1] is not lines:
            size = super().wrap(avail_width, avail_height)
            self._wrapped = (avail_width, self.__dict__.get("blPara"), size)
            return size
        return cached[2]


def para(value: object, style: str = "cell") -> Paragraph:
    return OnceParagraph(clean(value), styles()[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph from trusted markup (the text catalogue with escaped values)."""
    return OnceParagraph(text, styles()[style])


def alert(text: str) -> str:
    """Markup of a deviation: `text` escaped, bold, in the alert colour."""
    return f"<font color='{ALERT_HEX}'><b>{clean(text)}</b></font>"


def grid(header_rows: int = 1) -> TableStyle:
    """Ruled table with a tinted header row, cells aligned to the top."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL))
    return TableStyle(commands)


def key_values() -> TableStyle:
    """Two-column label / value table."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
            ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]
    )
