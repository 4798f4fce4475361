"""What the examiner does with selected files: tag, export; and writing the case report."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from app.browse.files import mime_types, tag_names
from app.browse.tagging import untag
from app.cases.session import open_case
from app.exports.files import ExportResult, export_files
from ui.errors import describe, show_error
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
            self.after_tagging()
            window.statusBar().showMessage(self.tr("{0} file(s) tagged").format(dialog.tagged), 6000)

    def untag(self, tag_id: int) -> None:
        """Remove a tag (asked from the details pane); the removal is a ledger event, the tag row stays."""
        window = self._window
        answer = QMessageBox.question(
            window, self.tr("Remove tag"), self.tr("Remove this tag? The removal is recorded in the ledger.")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_tag(tag_id)

    def remove_tag(self, tag_id: int) -> None:
        window = self._window
        try:
            untag(window.session, tag_id)
        except Exception as error:  # noqa: BLE001
            show_error(window, self.tr("Tag not removed"), describe(error))
            return
        self.after_tagging()

    def after_tagging(self) -> None:
        """Show the changed tags: table rows, details pane, tag filter, ledger."""
        window = self._window
        conn = window.session.db.conn
        window.file_model.reload_loaded()
        window.filters.set_choices(mime_types(conn), tag_names(conn))
        window.ledger.refresh()
        window.show_current()

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
