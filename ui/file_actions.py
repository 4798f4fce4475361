"""What the examiner does with selected files: tag, untag, export; and writing the case report. Each
writes through the CaseContext (the views follow its `changed` signal); the export runs as a CaseOp."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from app.browse.files import tag_names
from app.browse.tagging import untag
from app.cases.session import CaseSession
from app.exports.files import ExportResult, export_files
from ui.errors import describe, show_error
from ui.operations import CaseContext, CaseOp, OpRun
from ui.report_dialog import ReportDialog
from ui.tag_dialog import TagDialog


class FileActions(QObject):
    """The Tag, Export and Report actions of a window; `selection()` gives the selected files' ids and
    `status(message, milliseconds)` shows a passing message (0: until the next one)."""

    def __init__(
        self,
        window: QWidget,
        case: CaseContext,
        selection: Callable[[], list[int]],
        status: Callable[[str, int], None],
    ) -> None:
        super().__init__(window)
        self._window, self._case, self._selected, self._status = window, case, selection, status
        self.last_export: ExportResult | None = None
        self.tag_action = self._action(self.tr("Tag / bookmark…"), self.tag_selected, "Ctrl+B")
        self.export_action = self._action(self.tr("Export selected files…"), self.export_selected, "Ctrl+E")
        self.report_action = self._action(self.tr("Write report…"), self.write_report, "Ctrl+R")

    def _action(self, text: str, slot: Callable[[], None], shortcut: str) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())
        action.setShortcut(QKeySequence(shortcut))
        return action

    def _selection(self) -> list[int]:
        ids = self._selected()
        if not ids:
            self._status(self.tr("Select one or more files first."), 6000)
        return ids

    def tag_selected(self) -> None:
        ids = self._selection()
        if not ids:
            return
        dialog = TagDialog(self._case, ids, tag_names(self._case.session.db.conn), self._window)
        if dialog.exec() == TagDialog.DialogCode.Accepted:
            self._status(self.tr("{0} file(s) tagged").format(dialog.tagged), 6000)

    def untag(self, tag_id: int) -> None:
        """Remove a tag (asked from the details pane); the removal is a ledger event, the tag row stays."""
        answer = QMessageBox.question(
            self._window,
            self.tr("Remove tag"),
            self.tr("Remove this tag? The removal is recorded in the ledger."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_tag(tag_id)

    def remove_tag(self, tag_id: int) -> None:
        try:
            self._case.write_now(lambda session: untag(session, tag_id), "untag")
        except Exception as error:  # noqa: BLE001
            show_error(self._window, self.tr("Tag not removed"), describe(error))

    def export_selected(self) -> None:
        """Copy the selected files out of the evidence in the background."""
        ids = self._selection()
        if not ids:
            return
        self.export_action.setEnabled(False)
        self._status(self.tr("Exporting {0} file(s)…").format(len(ids)), 0)

        def work(session: CaseSession, _: OpRun) -> ExportResult:
            return export_files(session, ids)

        op = CaseOp(self._window, self._case, work, writes=True, command="export files")
        op.success(self._exported).failure(self._export_failed).start()

    def _exported(self, result: ExportResult) -> None:
        self.export_action.setEnabled(True)
        text = self.tr("{0} file(s) exported to {1}\nExport log: {2}").format(
            len(result.exported), result.folder, result.log.name
        )
        mismatched = [row for row in result.exported if not row["matches_catalogue"]]
        if result.failed or mismatched:
            text += "\n" + self.tr("{0} could not be read, {1} differ from the catalogued hash").format(
                len(result.failed), len(mismatched)
            )
        self.last_export = result
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Export finished"),
            text,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("exportBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._status("", 0)

    def _export_failed(self, message: str) -> None:
        self.export_action.setEnabled(True)
        self._status("", 0)
        show_error(self._window, self.tr("Export failed"), message)

    def write_report(self) -> None:
        ReportDialog(self._case, self._window).exec()
