"""The selected artifact whole: every field, full provenance, extractor and version, the run and its
ledger event; "Show source file" for rows read from a catalogued file. And the list of the sources
an extraction could not read."""

import html
import json
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.artifacts.extract import KEY_FIELDS
from app.artifacts.labels import field_label
from app.artifacts.values import utc_timestamp
from app.common.timeview import local_text
from ui.artifact_model import cell_text, type_label
from ui.i18n import current_language


def _table(rows: list[tuple[str, Any]]) -> str:
    """Rows of (name as HTML, value)."""
    cells = "".join(
        f"<tr><td style='padding-right:12px;color:#555'>{name}</td><td>{_html(value)}</td></tr>"
        for name, value in rows
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _named(rows: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(html.escape(name), value) for name, value in rows]


def _html(value: Any) -> str:
    """Lists and objects (a playlist's hosts, a WAL's path and hash) indented; the rest as text."""
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, indent=1)
        return f"<pre style='margin:0'>{html.escape(text)}</pre>"
    return html.escape(cell_text(value))


def _in_reading_order(artifact_type: str, fields: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The type's key fields first, as the table shows them, then the others A-Z; each named by its
    label, with its code (as exports name it) in grey."""
    keys = [key for key in KEY_FIELDS.get(artifact_type, ()) if key in fields]
    return [
        (
            f"{html.escape(field_label(key, lang))} <span style='color:#999'>{html.escape(key)}</span>",
            fields[key],
        )
        for key in [*keys, *sorted(set(fields) - set(keys))]
    ]


class ArtifactDetails(QWidget):
    source_requested = Signal(int)  # a catalogued file's id

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._file_id: int | None = None
        self.text = QTextBrowser()
        self.text.setObjectName("artifactDetails")
        self.show_source = QPushButton(self.tr("Show source file"))
        self.show_source.clicked.connect(self._request_source)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.show_source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(bar)
        self.show_detail(None)

    def _request_source(self) -> None:
        if self._file_id is not None:
            self.source_requested.emit(self._file_id)

    def _times(self, utc: str | None) -> str:
        return f"{local_text(utc, self._zone)}  (UTC {utc})" if utc else ""

    def show_detail(self, detail: dict[str, Any] | None) -> None:
        self._file_id = None if detail is None else detail["source"]["file_id"]
        self.show_source.setEnabled(self._file_id is not None)
        self.show_source.setToolTip(
            ""
            if self._file_id is not None or detail is None
            else self.tr("Read from the image itself, not from a file")
        )
        if detail is None:
            hint = self.tr("Select a row to see it whole.")
            self.text.setHtml(f"<p style='color:#666'>{html.escape(hint)}</p>")
            return
        provenance, extraction = self.tr("Provenance"), self.tr("Extraction")
        title = f"{type_label(detail['type'])} #{detail['id']}"
        values = {  # a UTC timestamp: local time with zone, the UTC original beside
            key: self._times(value) if utc_timestamp(value) else value
            for key, value in detail["fields"].items()
        }
        fields = f"<h3>{html.escape(title)}</h3>" + _table(
            _in_reading_order(detail["type"], values, current_language())
        )
        where = (
            f"<h4>{html.escape(provenance)}</h4>"
            + _table(_named(self._provenance(detail["source"])))
            + f"<h4>{html.escape(extraction)}</h4>"
            + _table(_named(self._extraction(detail)))
        )
        cell = "<td valign='top' style='padding-right:28px'>"
        self.text.setHtml(f"<table width='100%'><tr>{cell}{fields}</td>{cell}{where}</td></tr></table>")

    def _provenance(self, source: dict[str, Any]) -> list[tuple[str, Any]]:
        image_range = None
        if source["image_offset"] is not None:
            image_range = self.tr("{0} bytes at offset {1}").format(
                source["image_length"], source["image_offset"]
            )
        allocated = None
        if source["allocated"] is not None:
            allocated = self.tr("yes") if source["allocated"] else self.tr("no (deleted file)")
        rows: list[tuple[str, Any]] = [
            (self.tr("Evidence"), f"E{source['evidence_id']} {source['evidence_label']}"),
            (self.tr("Volume"), f"V{source['volume']} {source['volume_description'] or ''}"),
            (self.tr("Path"), source["path"]),
            (self.tr("Inode"), source["inode"]),
            (self.tr("Allocated"), allocated),
            (self.tr("File id"), source["file_id"]),
            (self.tr("Image range"), image_range),
            (self.tr("SHA-256 when extracted"), source["source_sha256"]),
            (self.tr("SHA-256 in the catalogue"), source["catalogued_sha256"]),
        ]
        return [(name, value) for name, value in rows if value is not None]

    def _state(self, state: str | None) -> str:
        states = {
            "current": self.tr("current"),
            "superseded": self.tr("superseded by a later run"),
            "cancelled": self.tr("cancelled"),
            "failed": self.tr("failed"),
            "running": self.tr("running"),
        }
        return states.get(state or "", state or "")

    def _extraction(self, detail: dict[str, Any]) -> list[tuple[str, Any]]:
        run, event = detail["run"] or {}, detail["ledger_event"]
        rows: list[tuple[str, Any]] = [
            (
                self.tr("Extractor"),
                self.tr("{0} version {1}").format(detail["extractor"], detail["extractor_version"]),
            ),
            (self.tr("Extracted at"), self._times(detail["extracted_at"])),
            (self.tr("Run"), f"{run.get('id')} ({self._state(run.get('state'))}, {run.get('examiner')})"),
        ]
        if event is None:
            rows.append((self.tr("Ledger event"), self.tr("none recorded")))
        else:
            rows += [
                (self.tr("Ledger event"), f"#{event['seq']} {event['action']} - {event['examiner']}"),
                (self.tr("Recorded at"), self._times(event["ts_utc"])),
                (self.tr("Event hash"), event["hash"]),
            ]
        return rows


class WarningsDialog(QDialog):
    """The sources the current extraction could not read, and why."""

    def __init__(self, warnings: list[dict[str, Any]], zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sources that could not be read"))
        self.resize(900, 360)
        self.table = QTableWidget(len(warnings), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Source"), self.tr("Why"), self.tr("Recorded at")])
        self.table.verticalHeader().hide()
        for row, warning in enumerate(warnings):
            for column, value in enumerate(
                (warning["path"], warning["message"], local_text(warning["created_at"], zone))
            ):
                item = QTableWidgetItem(value or "")
                item.setToolTip(value or "")
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
