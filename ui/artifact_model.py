"""The artifact table: a lazy Qt model over app/artifacts/browse.py. Columns are the shown type's key
fields, then its other fields, then the provenance, titled in the interface's language (a header's
tooltip is the field's code); rows arrive a page at a time (fetchMore), and sorting and filtering are
SQL, so a type with 100,000 rows (panel lines) opens at once."""

import json
import sqlite3
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from app.artifacts.browse import PAGE_SIZE, SOURCE_COLUMNS, ArtifactQuery, ArtifactRow, artifact_page
from app.artifacts.labels import field_label, type_title
from app.artifacts.values import utc_timestamp
from app.common.timeview import local_text
from ui.i18n import current_language
from ui.paged_model import Index, PagedTableModel

Column = tuple[str, str]  # ("field", name), ("source", key) or ("type", "")
_CELL = 300  # characters shown in a cell; the tooltip and the details pane have the rest


def source_titles() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "evidence_id": translate("ArtifactTable", "Evidence"),
        "volume": translate("ArtifactTable", "Volume"),
        "path": translate("ArtifactTable", "Source path"),
        "inode": translate("ArtifactTable", "Inode"),
        "source_sha256": translate("ArtifactTable", "Source SHA-256"),
    }


def type_label(artifact_type: str) -> str:
    """The type's title in the interface's language."""
    return type_title(artifact_type, current_language())


def cell_text(value: Any) -> str:
    """A field's value as one line: lists and objects as JSON, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def field_text(value: Any, zone: ZoneInfo) -> str:
    """As cell_text; a UTC timestamp as the local time with zone ('2027-01-01 09:00:00 KST (+09:00)')."""
    moment = utc_timestamp(value)
    return local_text(moment, zone) if moment is not None else cell_text(value)


class ArtifactTableModel(PagedTableModel):
    page_size = PAGE_SIZE

    def __init__(self, conn: sqlite3.Connection, zone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(conn, zone, parent)
        self._query = ArtifactQuery()
        self._columns: list[Column] = []
        self._exhausted = True  # nothing to show until set_query
        self._titles = source_titles()
        self._type_title = self.tr("Type")
        self._language = current_language()

    # the query ----------------------------------------------------------------------------------
    @property
    def query(self) -> ArtifactQuery:
        return self._query

    def set_query(self, query: ArtifactQuery, fields: list[str] | None = None) -> None:
        """Show other rows. `fields` gives the columns (one type); None keeps them. A query without a
        type has one Type column and the fields as one column."""
        self.beginResetModel()
        if fields is not None or query.artifact_type is None:
            self._columns = self._columns_for(query.artifact_type, fields or [])
        self._query = query
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    @staticmethod
    def _columns_for(artifact_type: str | None, fields: list[str]) -> list[Column]:
        sources = [("source", key) for key in SOURCE_COLUMNS]
        if artifact_type is None:
            return [("type", ""), ("fields", ""), *sources]
        return [*(("field", name) for name in fields), *sources]

    def columns(self) -> list[Column]:
        return list(self._columns)

    def row_at(self, row: int) -> ArtifactRow:
        return self._rows[row]

    def row_of(self, artifact_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == artifact_id), None)

    def _page(self, offset: int, limit: int) -> list[Any]:
        return artifact_page(self._conn, self._query, offset, limit)

    # Qt's side ----------------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self._columns)):
            return None
        kind, key = self._columns[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return key or None  # the field's code, as exports and the CLI name it
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if kind == "source":
            return self._titles[key]
        if kind == "type":
            return self._type_title
        if kind == "fields":
            return self.tr("Fields")
        return field_label(key, self._language)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        text = self._value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return text[:_CELL]
        moment = utc_timestamp(row.fields.get(column[1])) if column[0] == "field" else None
        return f"{text}\nUTC {moment}" if moment else (text[:4000] or None)

    def _value(self, row: ArtifactRow, column: Column) -> str:
        kind, key = column
        if kind == "field":
            return field_text(row.fields.get(key), self._zone)
        if kind == "source":
            value = row.source[key]
            return f"E{value}" if key == "evidence_id" else cell_text(value)
        if kind == "type":
            return row.type
        return ", ".join(f"{name}={field_text(value, self._zone)}" for name, value in row.fields.items())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)):
            return
        kind, key = self._columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if kind in ("field", "source", "type"):
            self.set_query(self._query.sorted_by((kind, key), descending))
