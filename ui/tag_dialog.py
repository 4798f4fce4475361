"""Tag or bookmark the selected files with a note; each tag is a ledger event (app.browse.tagging)."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from app.browse.tagging import BOOKMARK, tag_file
from app.cases.session import CaseSession
from ui.errors import describe, show_error
from ui.operations import CaseContext

SUGGESTED = (BOOKMARK, "IPTV", "notable", "credentials", "playlist", "customer")


class TagDialog(QDialog):
    def __init__(
        self, case: CaseContext, file_ids: list[int], known: list[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._case, self._file_ids = case, file_ids
        self.tagged = 0
        self.setWindowTitle(self.tr("Tag files"))
        self.tag = QComboBox(editable=True)
        self.tag.addItems(list(dict.fromkeys([*SUGGESTED, *known])))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Why this file matters (kept in the ledger and the report)"))
        self.note.setFixedHeight(90)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._apply)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("{0} file(s) selected").format(len(file_ids))))
        form.addRow(self.tr("Tag"), self.tag)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(buttons)

    def _apply(self) -> None:
        tag, note = self.tag.currentText(), self.note.toPlainText().strip()

        def work(session: CaseSession) -> None:
            for file_id in self._file_ids[self.tagged :]:  # after a failure, OK again goes on from there
                tag_file(session, file_id, tag, note)
                self.tagged += 1

        try:
            self._case.write_now(work, "tag")  # one transaction and one ledger event per file; views follow
        except Exception as error:  # noqa: BLE001
            show_error(self, self.tr("Tag not recorded"), describe(error))
            return
        self.accept()
