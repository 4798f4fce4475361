"""The file table: a lazy Qt model over app/browse/files.py. Rows arrive a page at a time (fetchMore);
sorting and filtering are SQL, so a million-file case opens at once and never sits in memory."""

import sqlite3
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from app.browse.files import (
    COLUMN_KEYS,
    DIRECTORY_TYPES,
    PAGE_SIZE,
    SORTABLE,
    FileFilter,
    file_count,
    file_page,
)
from app.common.progress import human_bytes
from app.common.timeview import local_text
from ui.paged_model import Index, PagedTableModel

VISIBLE = (
    "name",
    "path",  # beside the name: a search over the whole case shows where each hit lies
    "size",
    "mtime",
    "atime",
    "ctime",
    "crtime",
    "mime",
    "state",
    "tags",
    "hash_hits",
    "md5",
    "sha1",
    "sha256",
)
_POSITION = {key: COLUMN_KEYS.index(key) for key in COLUMN_KEYS}
_TIMES = ("mtime", "atime", "ctime", "crtime")
_DELETED = QColor("#b3261e")


def header_titles() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "name": translate("FileTable", "Name"),
        "size": translate("FileTable", "Size"),
        "mtime": translate("FileTable", "Modified"),
        "atime": translate("FileTable", "Accessed"),
        "ctime": translate("FileTable", "Changed"),
        "crtime": translate("FileTable", "Created"),
        "mime": translate("FileTable", "Type"),
        "state": translate("FileTable", "State"),
        "tags": translate("FileTable", "Tags"),
        "hash_hits": translate("FileTable", "Hash sets"),
        "md5": "MD5",
        "sha1": "SHA-1",
        "sha256": "SHA-256",
        "path": translate("FileTable", "Path"),
    }


def category_title(category: str) -> str:
    """A hash set's category (notable, known) in the interface's language."""
    translate = QCoreApplication.translate
    titles = {"notable": translate("FileTable", "notable"), "known": translate("FileTable", "known")}
    return titles.get(category, category)


class FileTableModel(PagedTableModel):
    page_size = PAGE_SIZE

    def __init__(self, conn: sqlite3.Connection, zone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(conn, zone, parent)
        self._filter = FileFilter()
        self._titles = header_titles()
        style = QApplication.style()
        self._icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_DirIcon),
            False: style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
        }
        self._deleted_text = self.tr("deleted")
        self._allocated_text = self.tr("allocated")

    # the query ----------------------------------------------------------------------------------
    @property
    def file_filter(self) -> FileFilter:
        return self._filter

    def set_filter(self, flt: FileFilter) -> None:
        """Show another selection; the first page is read at once, later ones as the view scrolls."""
        file_page(self._conn, flt, 0, 1)  # raises FilterError before the view is touched
        self.beginResetModel()
        self._filter = flt
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def total(self) -> int:
        """How many rows the selection has (one COUNT query; the rows themselves stay in SQLite)."""
        return file_count(self._conn, self._filter)

    def reload_loaded(self) -> None:
        """Re-read the rows already shown (after a tag was added), keeping the scroll position."""
        fresh = file_page(self._conn, self._filter, 0, max(len(self._rows), 1))
        if len(fresh) != len(self._rows):
            self.set_filter(self._filter)
            return
        self._rows = fresh
        if fresh:
            self.dataChanged.emit(self.index(0, 0), self.index(len(fresh) - 1, len(VISIBLE) - 1))

    def file_id(self, row: int) -> int:
        return int(self._rows[row][_POSITION["id"]])

    def value(self, row: int, key: str) -> Any:
        return self._rows[row][_POSITION[key]]

    def _page(self, offset: int, limit: int) -> list[Any]:
        return file_page(self._conn, self._filter, offset, limit)

    # Qt's side ----------------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(VISIBLE)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(VISIBLE)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[VISIBLE[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, key = self._rows[index.row()], VISIBLE[index.column()]
        deleted = not row[_POSITION["state"]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key, deleted)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "name":
            folder = row[_POSITION["meta_type"]] in DIRECTORY_TYPES
            return self._icons[folder]
        if role == Qt.ItemDataRole.ForegroundRole and deleted:
            return QBrush(_DELETED)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "size":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: tuple[Any, ...], key: str, deleted: bool) -> str:
        value = row[_POSITION[key]]
        if key == "size":
            return human_bytes(value or 0)
        if key in _TIMES:
            return local_text(value, self._zone)[:23] if value else ""
        if key == "state":
            return self._deleted_text if deleted else self._allocated_text
        return "" if value is None else str(value)

    def _tooltip(self, row: tuple[Any, ...], key: str) -> str | None:
        value = row[_POSITION[key]]
        if key in _TIMES and value:
            return f"{local_text(value, self._zone)}\nUTC {value}"
        if key == "size" and value is not None:
            return f"{value:,} bytes"
        return None if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = VISIBLE[column] if 0 <= column < len(VISIBLE) else "id"
        if key not in SORTABLE:
            return
        self.set_filter(self._filter.sorted_by(key, order == Qt.SortOrder.DescendingOrder))
