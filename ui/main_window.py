"""The main window: evidence tree, lazy file table with filters, details and content views, custody
ledger; add evidence in the background, tag, export, report. Every action goes through app/."""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.browse.details import evidence_summary, file_details
from app.browse.files import FileFilter, FilterError, file_count, mime_types, tag_names
from app.browse.tree import TreeNode, evidence_nodes
from app.cases.session import CaseSession
from app.cases.settings import load_settings
from app.custody.steps import custody_record, exhibits
from app.evidence.importer import ImportOutcome, ImportRequest
from app.hashsets.matching import hit_counts
from ui import extensions
from ui.content_worker import ContentWorker
from ui.custody_dialog import CustodyDialog
from ui.details_pane import DetailsPane
from ui.errors import show_error
from ui.file_actions import FileActions
from ui.file_model import VISIBLE, FileTableModel
from ui.filter_bar import FilterBar
from ui.import_wizard import ImportWizard
from ui.ledger_tab import LedgerTab
from ui.operations import CaseContext, CaseOp, OpRun
from ui.panes import browsing_panes
from ui.runner import RunPanel, import_use, import_work, outcome_text
from ui.settings_dialog import SettingsDialog
from ui.tree_model import EvidenceTreeModel

WINDOW_SIZE = QSize(1500, 920)


def fitted_size(available: QRect) -> QSize:
    """The window's first size: 1500x920, or what the screen has room for beside the window frame
    (a 1366x768 laptop offers about 1366x728 above its taskbar; 8 px of frame and 36 of title bar)."""
    return QSize(
        min(WINDOW_SIZE.width(), available.width() - 8), min(WINDOW_SIZE.height(), available.height() - 36)
    )


def place_on_screen(window: QWidget) -> None:
    """Size `window` to its screen's free area and put it at that area's top left."""
    screen = window.screen()
    if screen is None:
        window.resize(WINDOW_SIZE)
        return
    available = screen.availableGeometry()
    window.resize(fitted_size(available))
    window.move(available.topLeft())


class MainWindow(QMainWindow):
    """The window over one open case; it is a ui.host.TabHost for the extension tabs."""

    language_changed = Signal()
    other_case_requested = Signal()

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self._case = CaseContext(session, self)
        self._zone = ZoneInfo(load_settings().zone().key)
        self.last_import: ImportOutcome | None = None
        self.keep_session = False  # True when the window is rebuilt (language switch) around the session
        self._scope = FileFilter()
        self._count_generation = 0
        self._evidence_read: list[str] = []  # the evidence items (with their state) at the last full read
        info = session.db.info()
        self.setWindowTitle(
            self.tr("Haechi - case {0}: {1}").format(info.get("number", "?"), info.get("title", ""))
        )
        self.worker = ContentWorker(self._case, self)
        self.actions_ = FileActions(self, self._case, self.selected_file_ids, self.statusBar().showMessage)
        self.export_action = self.actions_.export_action
        self._build()
        self._menus()
        self.refresh_case()
        self._case.changed.connect(self._case_changed)
        QTimer.singleShot(1500, self, self._warm_readers)  # once the window is up

    # what a tab may ask (ui.host.TabHost) ------------------------------------------------------
    @property
    def case(self) -> CaseContext:
        return self._case

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @property
    def session(self) -> CaseSession:
        """The GUI thread's session (the browsing views read through it)."""
        return self._case.session

    @property
    def folder(self) -> Path:
        return self._case.folder

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    # layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        conn = self.session.db.conn
        self.tree_model = EvidenceTreeModel(conn, self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.expanded.connect(self.tree_model.expand_node)
        self.tree.selectionModel().currentChanged.connect(lambda current, _: self._scope_changed(current))
        self.file_model = FileTableModel(conn, self.zone, self)
        self.table = QTableView()
        self.table.setModel(self.file_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.file_model.sort)
        for key, width in (
            ("name", 220),
            ("path", 260),
            ("size", 80),
            ("mime", 130),
            ("state", 80),
            ("tags", 110),
            ("hash_hits", 140),
        ):
            self.table.setColumnWidth(VISIBLE.index(key), width)
        for key in ("mtime", "atime", "ctime", "crtime"):
            self.table.setColumnWidth(VISIBLE.index(key), 170)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_row(current))
        self.table.doubleClicked.connect(lambda _: self.actions_.tag_selected())
        self.filters = FilterBar(self.zone)
        self.filters.changed.connect(self.apply_filters)
        self.details = DetailsPane(self.worker, self.zone)
        self.details.untag_requested.connect(self.actions_.untag)
        self.empty_hint = QPushButton(self.tr("This case holds no evidence yet. Add an evidence image…"))
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setStyleSheet("padding:14px;font-size:15px")
        self.empty_hint.clicked.connect(self.add_evidence)
        rows: list[QWidget] = [self.empty_hint, self.filters, self.table]
        files = browsing_panes(self.tree, rows, self.details, [640, 280], [300, 1200])
        self.ledger = LedgerTab(self._case, self.zone)
        self.ledger.record_requested.connect(self.record_custody)
        self.tabs = QTabWidget()
        self.tabs.addTab(files, self.tr("Files"))
        self.tabs.addTab(self.ledger, self.tr("Custody ledger"))
        self.extension_actions: list[tuple[str, Callable[[], None]]] = []
        for factory in extensions.TABS:
            tab = factory(self)
            self.tabs.addTab(tab.widget, tab.title)
            self.extension_actions += tab.actions
        self.import_panel = RunPanel()
        self.import_panel.progressed.connect(self.tree_model.add_new_evidence)  # browsable while it runs
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        layout.addWidget(self.import_panel)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        examiner = self.session.examiner
        self.statusBar().showMessage(
            self.tr("Examiner {0} (key {1}) - times in {2}").format(
                examiner.name, examiner.fingerprint, self.zone.key
            )
        )

    def _action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _menus(self) -> None:
        self.add_evidence_action = self._action(self.tr("Add evidence…"), self.add_evidence, "Ctrl+I")
        self.tag_action = self.actions_.tag_action
        self.report_action = self.actions_.report_action
        self.verify_action = self._action(self.tr("Verify ledger"), self.verify_ledger)
        self.custody_action = self._action(self.tr("Record custody event…"), self.record_custody)
        self.settings_action = self._action(self.tr("Settings…"), self.open_settings)
        quit_action = self._action(self.tr("Quit"), self.close, "Ctrl+Q")
        other_case = self._action(self.tr("Open another case…"), self.other_case_requested.emit, "Ctrl+O")
        bar = self.menuBar()
        case = bar.addMenu(self.tr("&Case"))
        for action in (
            self.add_evidence_action,
            self.export_action,
            self.report_action,
            self.settings_action,
        ):
            case.addAction(action)
        case.addSeparator()
        case.addAction(other_case)
        case.addAction(quit_action)
        files = bar.addMenu(self.tr("&Files"))
        files.addAction(self.tag_action)
        files.addAction(self.export_action)
        custody = bar.addMenu(self.tr("C&ustody"))
        custody.addAction(self.verify_action)
        custody.addAction(self.custody_action)
        analysis = bar.addMenu(self.tr("&Analysis"))
        for title, run in self.extension_actions:
            analysis.addAction(self._action(title, lambda _=False, run=run: run()))
        if not self.extension_actions:
            placeholder = analysis.addAction(
                self.tr("Hash sets and TV-box artifacts appear here when installed")
            )
            placeholder.setEnabled(False)
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.add_evidence_action,
            self.tag_action,
            self.export_action,
            self.verify_action,
            self.custody_action,
            self.report_action,
            self.settings_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    # browsing -----------------------------------------------------------------------------------
    def refresh_case(self) -> None:
        """Re-read the whole case: tree, type and tag lists, table (from the first page)."""
        self._evidence_read = [node.label for node in evidence_nodes(self.session.db.conn)]
        self.tree_model.reload()
        self.empty_hint.setVisible(self.tree_model.rowCount() == 0)
        self.filters.set_choices(mime_types(self.session.db.conn), tag_names(self.session.db.conn))
        self.apply_filters()

    def _case_changed(self, _result: object) -> None:
        """A writing operation ended. New or changed evidence items (an import) re-read everything;
        otherwise (a tag, an export, a custody step) the shown rows and details are re-read in place,
        so the selection stays."""
        if self._case.closed:
            return
        if self._evidence_read != [node.label for node in evidence_nodes(self.session.db.conn)]:
            self.refresh_case()
            self._warm_readers()
            return
        self.filters.set_choices(mime_types(self.session.db.conn), tag_names(self.session.db.conn))
        self.file_model.reload_loaded()
        self.show_current()

    def _warm_readers(self) -> None:
        """Start the reader processes of (up to four) evidence items before the examiner asks."""
        if not self.isVisible():
            return
        self.worker.warm_up([int(node.evidence_id or 0) for node in evidence_nodes(self.session.db.conn)][:4])

    def _scope_changed(self, index: QModelIndex) -> None:
        node = self.tree_model.node(index)
        if node is None:
            return
        folder = node.folder if node.kind == "folder" else ("/" if node.kind == "volume" else None)
        if node.kind == "hits":  # case-wide: every evidence item's files in any set, or in this one
            self._scope = FileFilter(hash_set="" if node.hash_set else "any", set_name=node.hash_set)
        else:
            self._scope = FileFilter(evidence_id=node.evidence_id, volume_idx=node.volume_idx, folder=folder)
        self.apply_filters()
        if node.kind == "evidence" and node.evidence_id is not None:
            self.details.show_evidence(
                evidence_summary(self.session.db.conn, node.evidence_id, self.session.db)
            )

    def apply_filters(self) -> None:
        current = self.file_model.file_filter
        flt = self.filters.apply(replace(self._scope, sort=current.sort, descending=current.descending))
        if self.filters.searching() or self.filters.deleted.isChecked() or self.filters.mismatch.isChecked():
            flt = replace(flt, folder=None)  # search below the chosen node, not only in it
        if self.filters.hash_set.currentData():
            flt = replace(flt, evidence_id=None, volume_idx=None)  # hash-set results: the whole case
        try:
            self.file_model.set_filter(flt)
        except FilterError as error:
            self.statusBar().showMessage(str(error), 8000)
            return
        self._count(flt)
        self.details.show_file(None)

    def _count(self, flt: FileFilter) -> None:
        """Count the selection in a pool thread (a text search over a million paths takes a moment)."""
        self._count_generation += 1
        generation = self._count_generation
        self.count_label.setText(self.tr("counting…"))

        def work(session: CaseSession, _: OpRun) -> tuple[int, int]:
            return generation, file_count(session.db.conn, flt)

        CaseOp(self, self._case, work, writes=False).success(self._show_count).failure(
            self.count_label.setText
        ).start()

    def _show_count(self, result: tuple[int, int]) -> None:
        generation, total = result
        if generation == self._count_generation:
            loaded = self.file_model.loaded()
            self.count_label.setText(self.tr("Files: {0} ({1} loaded)").format(f"{total:,}", f"{loaded:,}"))

    def _show_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.details.show_file(None)
            return
        self.details.show_file(file_details(self.session.db.conn, self.file_model.file_id(index.row())))

    def show_current(self) -> None:
        self._show_row(self.table.currentIndex())

    def selected_file_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.file_model.file_id(row) for row in rows]

    def select_row(self, row: int) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.file_model.index(row, 0), flags)

    def show_file(self, file_id: int) -> bool:
        """Select one catalogued file in the Files tab: filters cleared, its folder chosen in the tree.
        False when the catalogue has no such file."""
        details = file_details(self.session.db.conn, file_id)
        if details is None:
            return False
        self._clear_filters()
        self.tree.setCurrentIndex(self._tree_folder(details.file))
        self.apply_filters()
        self.tabs.setCurrentIndex(0)
        model, start = self.file_model, 0
        while (
            row := next((r for r in range(start, model.rowCount()) if model.file_id(r) == file_id), None)
        ) is None:
            if not model.canFetchMore(QModelIndex()):
                return False
            start = model.rowCount()
            model.fetchMore(QModelIndex())  # the folder's next page
        self.select_row(row)
        self.table.scrollTo(model.index(row, 0))
        return True

    def _clear_filters(self) -> None:
        bar = self.filters
        for widget in (
            bar.text,
            bar.hash,
            bar.deleted,
            bar.mismatch,
            bar.use_dates,
            bar.mime,
            bar.tag,
            bar.hash_set,
        ):
            widget.blockSignals(True)  # one query afterwards, not one per widget
            if isinstance(widget, QLineEdit):
                widget.clear()
            elif isinstance(widget, QCheckBox):
                widget.setChecked(False)
            else:
                widget.setCurrentIndex(0)
            widget.blockSignals(False)

    def _tree_folder(self, file: dict[str, object]) -> QModelIndex:
        """The tree's node of a file's folder; the evidence item, volume and folders on the way are opened."""
        parts = [part for part in str(file["parent_path"]).split("/") if part]
        evidence_id, volume_idx = file["evidence_id"], file["volume_idx"]
        steps = [(evidence_id, None, None), (evidence_id, volume_idx, "/")]
        steps += [(evidence_id, volume_idx, "/" + "/".join(parts[: n + 1])) for n in range(len(parts))]
        index = QModelIndex()
        for step in steps:
            if index.isValid():
                self.tree_model.expand_node(index)
                self.tree.expand(index)
            children = (
                self.tree_model.index(row, 0, index) for row in range(self.tree_model.rowCount(index))
            )
            found = next(
                (child for child in children if _node_key(self.tree_model.node(child)) == step), None
            )
            if found is None:
                break
            index = found
        return index

    # import -------------------------------------------------------------------------------------
    def add_evidence(self) -> None:
        if self.import_panel.running:
            show_error(self, self.tr("Import running"), self.tr("Wait for the running import to finish."))
            return
        db = self.session.db
        records = {name: custody_record(db, name) or {} for name in exhibits(db)}
        wizard = ImportWizard(self, records)
        if wizard.exec() != ImportWizard.DialogCode.Accepted:
            return
        self.start_import(wizard.request(load_settings().timezone))

    def start_import(self, request: ImportRequest) -> None:
        """Import in the background; the panel shows it, the views follow once it ends."""
        name = request.image.name
        op = CaseOp(self, self._case, import_work(request), writes=True, command="evidence add")
        op.success(lambda outcome: self._import_done(outcome, name)).failure(self._import_failed)
        self.import_panel.run(op, import_use(name))

    def hits_summary(self, evidence_id: int | None) -> str:
        """How many of an imported item's files the hash sets hold (the line the import summary ends with)."""
        if evidence_id is None:
            return ""
        counts = hit_counts(self.session.db, evidence_id)
        return self.tr("Hash-set hits: {0} notable, {1} known files").format(
            f"{counts.get('notable', 0):,}", f"{counts.get('known', 0):,}"
        )

    def _import_done(self, outcome: ImportOutcome, name: str) -> None:
        self.last_import = outcome
        text = "\n".join(
            line for line in (outcome_text(outcome, name), self.hits_summary(outcome.evidence_id)) if line
        )
        if outcome.status == "complete" and outcome.stored_hash_check != "mismatch":
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Import complete"),
                text,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        else:
            show_error(self, self.tr("Import {0}").format(outcome.status), text)

    def _import_failed(self, message: str) -> None:
        show_error(self, self.tr("Import failed"), message)

    # custody, settings --------------------------------------------------------------------------
    def verify_ledger(self) -> None:
        self.tabs.setCurrentWidget(self.ledger)
        self.ledger.verify()

    def record_custody(self) -> None:
        dialog = CustodyDialog(self.session, self)
        accepted = dialog.exec() == CustodyDialog.DialogCode.Accepted
        if dialog.refusals and not (accepted and dialog.recorded is not None):
            self._case.announce(None)  # the refusals were recorded: the ledger tab shows them
        if accepted and dialog.recorded is not None:
            self._case.announce(dialog.recorded)  # written in the dialog through the window's session
            self.statusBar().showMessage(
                self.tr("Recorded custody event {0}").format(dialog.recorded.seq), 8000
            )

    def open_settings(self) -> None:
        before = load_settings()
        dialog = SettingsDialog(self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted or dialog.saved is None:
            return
        if (dialog.saved.language, dialog.saved.timezone) != (before.language, before.timezone):
            if self.import_panel.running:
                self.statusBar().showMessage(
                    self.tr("The new language and zone apply after the import."), 8000
                )
                return
            self.language_changed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.import_panel.running:
            answer = QMessageBox.question(
                self,
                self.tr("Import running"),
                self.tr(
                    "Cancel the running import and close? What was read is kept; "
                    "adding the same image again resumes it."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.import_panel.wait()
        self._case.close(keep_session=self.keep_session)  # the tabs stop their running operations first
        self.worker.stop()
        event.accept()


def _node_key(node: TreeNode | None) -> tuple[object, ...] | None:
    return None if node is None else (node.evidence_id, node.volume_idx, node.folder)
