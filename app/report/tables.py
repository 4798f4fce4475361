"""Tables of any length with the header repeated on every page, built one page at a time.

A ReportLab Table measures all its rows whenever it is split, so a 10,000-row table costs
quadratic time and holds every row. StreamTable pulls rows from an iterator only as far as the
current page needs, and hands the rest on to the next page.
"""

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from app.report.styles import grid, key_values

Row = list[Any]


def kv_table(rows: Sequence[tuple[Any, Any]], label_width: float, width: float) -> Table:
    """A label / value table (cells are Paragraphs or flowable lists)."""
    table = Table([list(row) for row in rows], colWidths=[label_width, width - label_width])
    table.setStyle(key_values())
    return table


def plain_table(header: Row, rows: Iterable[Row], widths: Sequence[float]) -> Table:
    table = Table([header, *rows], colWidths=list(widths), repeatRows=1)
    table.setStyle(grid())
    return table


class StreamTable(Flowable):
    """Rows from an iterator, laid out page by page with the header row on each page."""

    def __init__(
        self,
        header: Row,
        rows: Iterator[Row],
        widths: Sequence[float],
        style: TableStyle | None = None,
        pending: deque[tuple[Row, float]] | None = None,
    ) -> None:
        super().__init__()
        self._header = header
        self._rows = rows
        self._widths = list(widths)
        self._style = style or grid()
        self._pending: deque[tuple[Row, float]] = pending if pending is not None else deque()
        self._whole: Table | None = None
        self._header_height = self._measure(header)

    def _measure(self, row: Row) -> float:
        table = Table([row], colWidths=self._widths)
        table.setStyle(self._style)
        return float(table.wrap(sum(self._widths), 1e9)[1])

    def _pull(self) -> bool:
        """Measure one more row from the iterator; False when there are none."""
        try:
            row = next(self._rows)
        except StopIteration:
            return False
        self._pending.append((row, self._measure(row)))
        return True

    def _fitting(self, height: float) -> int:
        """How many pending rows fit under the header in `height`, pulling rows as needed."""
        used, count = self._header_height, 0
        while True:
            if count == len(self._pending) and not self._pull():
                return count
            row_height = self._pending[count][1]
            if used + row_height > height:
                return count
            used += row_height
            count += 1

    def _table(self, count: int) -> Table:
        rows = [self._pending.popleft()[0] for _ in range(count)]
        # splitInRow: a single row taller than a page is continued on the next page, not lost
        table = Table([self._header, *rows], colWidths=self._widths, repeatRows=1, splitInRow=1)
        table.setStyle(self._style)
        return table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        count = self._fitting(avail_height)
        if count == len(self._pending) and not self._pull():
            self._whole = self._table(count)  # everything left fits here
            size: tuple[float, float] = self._whole.wrap(avail_width, avail_height)
            return size
        return avail_width, avail_height + 1  # more than fits: the frame will ask us to split

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        count = self._fitting(avail_height)
        if count > 0:
            first = [self._table(count)]
        elif getattr(self, "_frame", None) is not None and self._frame._atTop:
            tall = self._table(1)  # a row taller than a page: split inside the row
            first = tall.split(avail_width, avail_height) or [tall]
        else:
            return []  # nothing fits under what is already on this page: start on the next one
        rest = StreamTable(self._header, self._rows, self._widths, self._style, self._pending)
        return [*first, rest]

    def draw(self) -> None:
        if self._whole is not None:
            self._whole.drawOn(self.canv, 0, 0)
