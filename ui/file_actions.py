"""What the examiner does with selected files: tag, export; and writing the case report."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from app.browse import tag_names
from app.cases import open_case
from app.file_export import ExportResult, export_files
from ui.errors import show_error
from ui.tag_dialog import TagDialog
from ui.tasks import run_task

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class FileActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self._window = window

    def _selection(self) -> list[int]:
        ids = self._window.selected_file_ids()
        if not ids:
            self._window.statusBar().showMessage(self.tr("Select one or more files first."), 6000)
        return ids

    def tag_selected(self) -> None:
        ids = self._selection()
        if not ids:
            return
        window = self._window
        dialog = TagDialog(window.session, ids, tag_names(window.session.db.conn), window)
        if dialog.exec() == TagDialog.DialogCode.Accepted:
            window.file_model.reload_loaded()
            window.ledger.refresh()
            current = window.table.currentIndex()
            if current.isValid():
                window.select_row(current.row())
            window.statusBar().showMessage(self.tr("{0} file(s) tagged").format(dialog.tagged), 6000)

    def export_selected(self) -> None:
        """Copy the selected files out of the evidence in a pool thread (own case connection)."""
        ids = self._selection()
        if not ids:
            return
        window = self._window
        folder, examiner = window.folder, window.session.examiner
        window.export_action.setEnabled(False)
        window.statusBar().showMessage(self.tr("Exporting {0} file(s)…").format(len(ids)))

        def work() -> ExportResult:
            session = open_case(folder, examiner)
            try:
                return export_files(session, ids)
            finally:
                session.close()

        run_task(self._window, work, self._exported, self._export_failed)

    def _exported(self, result: ExportResult) -> None:
        window = self._window
        window.export_action.setEnabled(True)
        window.ledger.refresh()
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
            window,
        )
        box.setObjectName("exportBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        window.statusBar().clearMessage()

    def _export_failed(self, message: str) -> None:
        self._window.export_action.setEnabled(True)
        show_error(self._window, self.tr("Export failed"), message)

    def write_report(self) -> None:
        from ui.report_dialog import ReportDialog

        window = self._window
        number = window.session.db.info().get("number", "case")
        ReportDialog(window.folder, window.session.examiner, number, window).exec()
        window.ledger.refresh()
