"""The custody ledger: every event with local time and zone, examiner, action; verify; record steps."""

import json
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.cases.session import CaseSession
from app.common.timeview import local_text
from app.custody.ledger import Event, Verdict, ledger_events, verify_case_ledger
from ui.operations import CaseContext, CaseOp, OpRun

Index = QModelIndex | QPersistentModelIndex


class LedgerModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._events: list[Event] = []
        self._titles = [
            self.tr("#"),
            self.tr("Local time"),
            self.tr("UTC"),
            self.tr("Examiner"),
            self.tr("Action"),
            self.tr("Evidence"),
            self.tr("Details"),
        ]

    def load(self, session: CaseSession) -> None:
        self.beginResetModel()
        self._events = ledger_events(session)
        self.endResetModel()

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._titles)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._events)):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            details = json.dumps(event.details, ensure_ascii=False, sort_keys=True, indent=1)[:4000]
            return f"{event.action}\n{details}\nhash {event.hash}\nrecorded in zone {event.tz}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            event.seq,
            local_text(event.ts_utc, self._zone),
            event.ts_utc,
            event.examiner,
            event.action,
            "" if event.evidence_id is None else f"E{event.evidence_id}",
            json.dumps(event.details, ensure_ascii=False, sort_keys=True)[:300],
        )
        return values[index.column()]


class LedgerTab(QWidget):
    """Follows the case: every writing operation's end re-reads the events."""

    record_requested = Signal()

    def __init__(self, case: CaseContext, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case = case
        self.model = LedgerModel(zone, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)  # one line per event; the tooltip holds the whole of it
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.verdict = QLabel(self.tr("The ledger has not been verified in this session."))
        self.verdict.setObjectName("ledgerVerdict")
        self.verdict.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("Verify ledger"))
        self.verify_button.clicked.connect(self.verify)
        record = QPushButton(self.tr("Record custody event…"))
        record.clicked.connect(self.record_requested)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addWidget(record)
        bar.addWidget(refresh)
        bar.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.refresh()
        case.changed.connect(self._case_changed)

    def _case_changed(self, _result: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self._case.closed:
            return
        self.model.load(self._case.session)
        self.view.scrollToBottom()

    def verify(self) -> None:
        """Recompute the chain and every signature in the background (a read-only op)."""
        self.verify_button.setEnabled(False)
        self.verdict.setText(self.tr("Verifying…"))
        self.verdict.setStyleSheet("")

        def work(session: CaseSession, _: OpRun) -> Verdict:
            return verify_case_ledger(session)

        CaseOp(self, self._case, work, writes=False).success(self._show_verdict).failure(
            self._show_failure
        ).start()

    def _show_verdict(self, verdict: Verdict) -> None:
        self.verify_button.setEnabled(True)
        if verdict.intact:
            text = self.tr("LEDGER INTACT: {0} events, every hash and signature checks. Head {1}").format(
                verdict.events, verdict.head
            )
            style = "background:#1e7d32;color:white;font-weight:bold;padding:6px"
        else:
            where = (
                self.tr("event {0}").format(verdict.failed_seq)
                if verdict.failed_seq
                else self.tr("the ledger")
            )
            text = self.tr("LEDGER FAILS at {0}: {1}").format(where, verdict.reason)
            style = "background:#b3261e;color:white;font-weight:bold;padding:6px"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(style)
        self.refresh()

    def _show_failure(self, message: str) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.setText(self.tr("The ledger could not be verified: {0}").format(message))
        self.verdict.setStyleSheet("background:#b3261e;color:white;padding:6px")
