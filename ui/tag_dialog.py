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

from app.browse.tagging import tag_file
from app.cases.session import CaseSession
from chain_of_custody.tags import BOOKMARK
from ui.errors import describe, show_error

SUGGESTED = (BOOKMARK, "IPTV", "notable", "credentials", "playlist", "customer")


class TagDialog(QDialog):
    def __init__(
        self, session: CaseSession, file_ids: list[int], known: list[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._session, self._file_ids = session, file_ids
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
        try:
            for file_id in self._file_ids[self.tagged :]:  # after a failure, OK again goes on from there
                tag_file(self._session, file_id, self.tag.currentText(), self.note.toPlainText().strip())
                self.tagged += 1
        except Exception as error:  # noqa: BLE001
            show_error(self, self.tr("Tag not recorded"), describe(error))
            return
        self.accept()
