"""A flat table model over the case database whose rows arrive a page at a time (canFetchMore /
fetchMore): the view asks for the next page as it scrolls, so a table of a million rows opens at once
and never sits in memory."""

import sqlite3
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    """Subclasses give `_page(offset, limit)` (one SQL page on `_conn`); `_rows` holds what was fetched
    so far; times are shown in `_zone`."""

    page_size = 256

    def __init__(self, conn: sqlite3.Connection, zone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._zone = zone
        self._rows: list[Any] = []
        self._exhausted = False

    def _page(self, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def loaded(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        page = self._page(len(self._rows), self.page_size)
        self._exhausted = len(page) < self.page_size
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
