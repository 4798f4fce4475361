"""Artifact table columns in the report: no header word is broken, and the columns fill the page."""

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.artifacts.extract import KEY_FIELDS
from app.artifacts.labels import field_label
from app.report.sections_artifacts import CELL_PADDING, HEADER_SIZE, SOURCE_WIDTH, field_widths
from app.report.styles import SANS_BOLD, WIDTH, register_fonts


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("code", sorted(KEY_FIELDS))
def test_every_header_word_fits_its_column(code: str, lang: str) -> None:
    register_fonts()
    fields = KEY_FIELDS[code]
    labels = [field_label(name, lang) for name in fields]
    widths = field_widths(fields, labels)
    assert sum(widths) == pytest.approx(WIDTH - 8 * mm - SOURCE_WIDTH)
    for label, width in zip(labels, widths, strict=True):
        for word in label.split():
            assert stringWidth(word, SANS_BOLD, HEADER_SIZE) + CELL_PADDING <= width + 1e-6, (code, word)


def test_without_labels_the_weights_decide() -> None:
    widths = field_widths(("server_url", "username"))
    assert widths[0] == pytest.approx(2.5 * widths[1])
