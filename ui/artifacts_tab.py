"""The Artifacts tab: IPTV credentials, playlists, Kodi, packages, device identity, panels... found
in the case. Left, each evidence item with its artifact types and counts; right, the chosen type's
rows (lazy, sorted and filtered in SQL) and the selected row whole. Extract (in the background, with
Cancel) and export (CSV / JSON lines) go through app/, each a ledger event."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.artifacts.browse import (
    ArtifactQuery,
    artifact_count,
    artifact_detail,
    artifact_overview,
    current_warnings,
    export_artifacts,
    field_names,
)
from app.artifacts.extract import ArtifactRunSummary, run_artifacts
from app.cases.session import CaseSession
from app.evidence.importer import ImportOutcome
from ui.artifact_details import ArtifactDetails, WarningsDialog
from ui.artifact_model import ArtifactTableModel
from ui.artifact_tree import ArtifactTypeTree, Scope
from ui.errors import show_error
from ui.host import ExtensionTab, TabHost
from ui.operations import CaseContext, CaseOp, OpRun
from ui.panes import browsing_panes
from ui.runner import RunPanel, extraction_use

_BANNER = "background:#fff4ce;color:#5c4400;border:1px solid #e0c060;padding:4px 8px;text-align:left"


class ArtifactsTab(QWidget):
    def __init__(self, case: CaseContext, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.session = case.session  # the GUI thread's reads
        self.zone = zone
        self.extraction: int | None = None  # the evidence item being extracted from
        self.queued: list[int] = []  # evidence items to extract after the running one
        self.last_run: ArtifactRunSummary | None = None
        self.last_export: dict[str, Any] | None = None
        self._warnings: list[dict[str, Any]] = []
        self._closed = False  # the window closed: its case connection is gone
        self._build()
        self.refresh()
        case.changed.connect(self._case_changed)
        case.closing.connect(self.stop)

    # layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.tree = ArtifactTypeTree()
        self.tree.scope_changed.connect(self._scope_chosen)
        self.model = ArtifactTableModel(self.session.db.conn, self.zone, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setDefaultSectionSize(150)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_row(current))
        self.details = ArtifactDetails(self.zone)
        self.filter = QLineEdit(placeholderText=self.tr("Filter: any value or source path contains…"))
        self.filter.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _: self._debounce.start())
        self.count = QLabel()
        self.warnings_banner = QPushButton()
        self.warnings_banner.setObjectName("artifactWarnings")
        self.warnings_banner.setStyleSheet(_BANNER)
        self.warnings_banner.clicked.connect(self.show_warnings)
        self.extract_button = QPushButton(self.tr("Extract artifacts…"))
        self.extract_button.clicked.connect(self.extract_selected)
        self.export_button = QPushButton(self.tr("Export shown…"))
        self.export_button.setToolTip(self.tr("The shown type (or all types) of the chosen evidence item"))
        self.export_button.clicked.connect(lambda: self.ask_export(whole_case=False))
        export_all = QPushButton(self.tr("Export all…"))
        export_all.setToolTip(self.tr("Every artifact of every evidence item"))
        export_all.clicked.connect(lambda: self.ask_export(whole_case=True))
        self.panel = RunPanel()
        self.panel.row.setContentsMargins(0, 0, 0, 0)  # inside the tab's own margins
        self.panel.cancel.clicked.connect(self.queued.clear)
        self.status = QLabel()
        self.status.setObjectName("artifactStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout(export_all)

    def _layout(self, export_all: QPushButton) -> None:
        bar = QHBoxLayout()
        for button in (self.extract_button, self.export_button, export_all):
            bar.addWidget(button)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.count)
        rows: list[QWidget] = [self.warnings_banner, self.table]
        split = browsing_panes(self.tree, rows, self.details, [380, 420], [340, 1140])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.panel)
        layout.addWidget(self.status)

    # the evidence items and their types -------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the counts (after an import or an extraction), keeping the chosen type."""
        self.tree.fill(artifact_overview(self.session.db))

    def scope(self) -> Scope | None:
        return self.tree.scope()

    def _scope_chosen(self, scope: Scope | None) -> None:
        evidence_id, kind = scope if scope else (-1, None)
        query = ArtifactQuery(evidence_id, kind, self.filter.text())
        fields = field_names(self.session.db.conn, kind, evidence_id) if kind else None
        self.model.set_query(query, fields)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._fit_columns()
        self._count()
        self._show_warnings_banner(evidence_id)
        self.details.show_detail(None)

    # rows ---------------------------------------------------------------------------------------
    def _fit_columns(self) -> None:
        """Columns as wide as the first page needs, within reason (tooltips hold long values)."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 70), 320))

    def apply_filter(self) -> None:
        query = self.model.query
        self.model.set_query(
            ArtifactQuery(
                query.evidence_id, query.artifact_type, self.filter.text(), query.sort, query.descending
            )
        )
        self._count()
        self.details.show_detail(None)

    def _count(self) -> None:
        total = artifact_count(self.session.db.conn, self.model.query)
        self.count.setText(self.tr("{0} rows ({1} loaded)").format(f"{total:,}", f"{self.model.loaded():,}"))

    def _show_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.details.show_detail(None)
            return
        row = self.model.row_at(index.row())
        self.details.show_detail(artifact_detail(self.session.db.conn, row.id))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def show_artifact(self, evidence_id: int, artifact_type: str, artifact_id: int) -> bool:
        """Choose the row's evidence item and type, unfiltered, and select the row (pages are fetched up
        to it); False when it is not among the current rows."""
        self._debounce.stop()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        if not self.tree.select(evidence_id, artifact_type):
            return False
        self._scope_chosen((evidence_id, artifact_type))
        row, top = 0, QModelIndex()
        while row < self.model.loaded() or self.model.canFetchMore(top):
            if row >= self.model.loaded():
                self.model.fetchMore(top)
                continue
            if self.model.row_at(row).id == artifact_id:
                self.select_row(row)
                return True
            row += 1
        return False

    # warnings -----------------------------------------------------------------------------------
    def _show_warnings_banner(self, evidence_id: int) -> None:
        self._warnings = current_warnings(self.session.db, evidence_id) if evidence_id > 0 else []
        count = len(self._warnings)
        self.warnings_banner.setVisible(count > 0)
        self.warnings_banner.setText(
            self.tr(
                "⚠ {0} sources could not be read in the last extraction of this evidence item - show"
            ).format(count)
        )

    def show_warnings(self) -> None:
        dialog = WarningsDialog(self._warnings, self.zone, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # extraction ---------------------------------------------------------------------------------
    def extract_selected(self) -> None:
        """Extract from the chosen evidence item; asks which one when none is chosen."""
        scope = self.scope()
        if scope is not None:
            self.extract(scope[0])
            return
        items = artifact_overview(self.session.db)
        if not items:
            show_error(self, self.tr("No evidence"), self.tr("Add an evidence image first."))
            return
        names = [f"E{item.evidence_id} {item.label}" for item in items]
        name, ok = QInputDialog.getItem(
            self, self.tr("Extract artifacts"), self.tr("Evidence item:"), names, 0, False
        )
        if ok:
            self.extract(items[names.index(name)].evidence_id)

    def extract(self, evidence_id: int) -> None:
        """Run the extractors over one evidence item in the background (queued behind a running one)."""
        if self.extraction is not None:
            if evidence_id != self.extraction and evidence_id not in self.queued:
                self.queued.append(evidence_id)
            return
        evidence = self.session.catalogue.evidence(evidence_id)
        if evidence is None:
            show_error(
                self,
                self.tr("Extract artifacts"),
                self.tr("No evidence {0} in this case.").format(evidence_id),
            )
            return

        def work(session: CaseSession, run: OpRun) -> ArtifactRunSummary:
            def report(done: int, total: int, path: str) -> None:
                run.report((done, total, path), final=done == total)

            return run_artifacts(session, evidence_id, report, lambda: run.cancelled)

        # the run records itself in the ledger: extracted, cancelled or failed
        op = CaseOp(self, self.case, work, writes=True, command="artifacts run")
        op.success(self._extracted).failure(self._extraction_failed).ended(self._extraction_ended)
        self.extraction = evidence_id
        self.extract_button.setEnabled(False)
        self.status.clear()
        self.panel.run(op, extraction_use(f"E{evidence_id} {evidence['label'] or ''}"))

    def cancel_extraction(self) -> None:
        self.queued.clear()
        self.panel.cancel_op()

    def stop(self) -> None:
        """The case closes: cancel a running extraction (recorded as cancelled) and wait for it; the
        views stop asking the case (its connection closes with the window)."""
        self.queued.clear()
        self.panel.wait()
        self._closed = True
        self._debounce.stop()
        for view in (self.tree, self.table.selectionModel()):
            view.blockSignals(True)

    def _extracted(self, summary: ArtifactRunSummary) -> None:
        self.last_run = summary
        if summary.state == "current":
            text = self.tr(
                "E{0}: {1} rows from {2} sources (run {3}); {4} sources could not be read."
            ).format(
                summary.evidence_id,
                f"{summary.rows:,}",
                summary.sources,
                summary.run_id,
                len(summary.warnings),
            )
        else:
            text = self.tr("E{0}: extraction cancelled; the previous results stay shown.").format(
                summary.evidence_id
            )
        self.status.setText(text)

    def _extraction_failed(self, message: str) -> None:
        self.status.setText(self.tr("Extraction failed (recorded in the ledger): {0}").format(message))

    def _extraction_ended(self) -> None:
        self.extraction = None
        if self._closed:
            return
        self.extract_button.setEnabled(True)
        if self.queued:
            self.extract(self.queued.pop(0))

    def _case_changed(self, result: object) -> None:
        """Re-read the counts; after an import, as `haechi evidence add` does, extract from a completely
        imported item."""
        if self._closed:
            return
        self.refresh()
        outcome = result if isinstance(result, ImportOutcome) else None
        if outcome is not None and outcome.status == "complete" and outcome.evidence_id is not None:
            self.extract(outcome.evidence_id)

    # export -------------------------------------------------------------------------------------
    def _export_scope(self, whole_case: bool) -> tuple[int | None, str | None]:
        scope = self.scope()
        return (None, None) if whole_case or scope is None else scope

    def ask_export(self, whole_case: bool) -> None:
        evidence_id, kind = self._export_scope(whole_case)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        parts = ["artifacts", f"E{evidence_id}" if evidence_id else "all", kind or "all-types", stamp]
        suggested = self.session.db.folder / "exports" / ("-".join(parts) + ".csv")
        csv_filter, jsonl_filter = self.tr("CSV (*.csv)"), self.tr("JSON lines (*.jsonl)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export artifacts"), str(suggested), f"{csv_filter};;{jsonl_filter}"
        )
        if path:
            fmt = "jsonl" if chosen == jsonl_filter or path.endswith(".jsonl") else "csv"
            self.export_to(Path(path), fmt, whole_case)

    def export_to(self, path: Path, fmt: str, whole_case: bool = False) -> None:
        """Write the shown type (or everything) in the background; the export is a ledger event."""
        evidence_id, kind = self._export_scope(whole_case)

        def work(session: CaseSession, _: OpRun) -> dict[str, Any]:
            return export_artifacts(session, path, fmt, kind, evidence_id)

        self.status.setText(self.tr("Exporting to {0}…").format(path))
        op = CaseOp(self, self.case, work, writes=True, command="artifacts export")
        op.success(self._exported).failure(self._export_failed).start()

    def _exported(self, details: dict[str, Any]) -> None:
        self.last_export = details
        if self._closed:
            return
        self.status.setText(
            self.tr("Exported {0} rows to {1} (SHA-256 {2}); recorded in the ledger.").format(
                f"{details['rows']:,}", details["file"], details["sha256"]
            )
        )

    def _export_failed(self, message: str) -> None:
        self.status.setText("")
        show_error(self, self.tr("Export failed"), message)


def artifacts_tab(host: TabHost) -> ExtensionTab:
    """The tab factory for ui/extensions.py, with the Analysis menu's "Extract artifacts…"."""
    tab = ArtifactsTab(host.case, host.zone)

    def reveal(file_id: int) -> None:
        if not host.show_file(file_id):
            host.show_status(
                QCoreApplication.translate("ArtifactsTab", "The source file is not in the catalogue.")
            )

    def extract() -> None:
        host.show_tab(tab)
        tab.extract_selected()

    tab.details.source_requested.connect(reveal)
    title = QCoreApplication.translate("ArtifactsTab", "Artifacts")
    extract_title = QCoreApplication.translate("extensions", "Extract artifacts…")
    return ExtensionTab(title, tab, [(extract_title, extract)])
