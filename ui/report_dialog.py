"""Writing the case report (PDF, Korean or English) through app.report.issue_report, in a pool thread,
with page progress, cancel, and a preview of the first page (rendered by poppler's pdftoppm)."""

import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.cases.session import CaseSession
from app.cases.settings import load_settings
from app.report import ReportOutcome, ReportRequest, issue_report
from ui.errors import show_error
from ui.i18n import LANGUAGES
from ui.operations import CaseContext, CaseOp, OpRun


def _first_page(pdf: Path) -> bytes:
    """PNG of the report's first page, small; empty when pdftoppm is missing or fails."""
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        done = subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
            capture_output=True,
            check=False,
        )
        picture = stem.with_suffix(".png")
        return picture.read_bytes() if done.returncode == 0 and picture.exists() else b""


class _Pages:
    """app.report's PageListener: each finished page goes to the op's progress reporter."""

    def __init__(self, run: OpRun) -> None:
        self._run = run

    def page_done(self, page: int) -> None:
        self._run.report(page)


class ReportDialog(QDialog):
    def __init__(self, case: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case = case
        self._op: CaseOp[tuple[ReportOutcome, bytes]] | None = None
        number = str(case.session.db.info().get("number", "case"))
        self.outcome: ReportOutcome | None = None
        self.setWindowTitle(self.tr("Write report"))
        self.setMinimumWidth(560)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(load_settings().language), 0))
        self.appendix = QComboBox()
        self.appendix.addItem(self.tr("No file list"), "none")
        self.appendix.addItem(self.tr("File list in the PDF"), "pdf")
        self.appendix.addItem(self.tr("File list as CSV beside the PDF"), "csv")
        self.exclude_known = QCheckBox(self.tr("Leave files of known hash sets out of the file list"))
        self.exclude_known.setEnabled(False)
        self.appendix.currentIndexChanged.connect(
            lambda _: self.exclude_known.setEnabled(self.appendix.currentData() != "none")
        )
        safe_number = "".join(c if c.isalnum() or c in "-_" else "_" for c in number)
        self.out = QLineEdit(str(case.folder / f"report-{safe_number}.pdf"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.out)
        where.addWidget(browse)
        self.status = QLabel(self.tr("A copy is kept in the case's reports folder; its SHA-256 is recorded."))
        self.status.setWordWrap(True)
        self.preview = QLabel()
        self.write = QPushButton(self.tr("Write PDF"))
        self.write.setDefault(True)
        self.write.clicked.connect(self.start)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self._cancel_or_close)
        self.open_pdf = QPushButton(self.tr("Open PDF"))
        self.open_pdf.setEnabled(False)
        self.open_pdf.clicked.connect(self._open)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.open_pdf, self.write, self.cancel):
            buttons.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Appendix"), self.appendix)
        form.addRow("", self.exclude_known)
        form.addRow(self.tr("Write to"), where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)

    def _page(self, page: int) -> None:
        self.status.setText(self.tr("writing page {0}…").format(page))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Write report"), self.out.text(), "PDF (*.pdf)")
        if name:
            self.out.setText(name)

    def start(self) -> None:
        """Write the report; an existing file is replaced only when the examiner says so (an issued
        report may be there): the question is asked without blocking, the writing starts on Yes."""
        out = Path(self.out.text().strip())
        if not out.exists():
            self._write(out)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Replace the file?"),
            self.tr("{0} already exists. Replace it with the new report?").format(out),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("overwriteBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self._answered(answer, out))
        box.open()

    def _answered(self, answer: int, out: Path) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self._write(out)
        else:
            self.status.setText(self.tr("Not written: choose another file name or replace the file."))

    def _write(self, out: Path) -> None:
        appendix = self.appendix.currentData()
        exclude = appendix != "none" and self.exclude_known.isChecked()
        request = ReportRequest(out, self.language.currentData(), appendix, exclude)
        self.write.setEnabled(False)
        self.status.setText(self.tr("writing…"))

        def work(session: CaseSession, run: OpRun) -> tuple[ReportOutcome, bytes]:
            outcome = issue_report(session, request, _Pages(run), run.cancel)
            return outcome, _first_page(outcome.out)

        self._op = CaseOp(self, self._case, work, writes=True, command="report")
        self._op.progress(self._page).success(self._written).failure(self._failed).start()

    def _written(self, result: tuple[ReportOutcome, bytes]) -> None:
        self.outcome, picture = result
        self._op = None
        self.write.setEnabled(True)
        self.open_pdf.setEnabled(True)
        self.cancel.setText(self.tr("Close"))
        done = self.outcome
        values: list[object] = [done.report_id, done.pages, done.out, done.sha256]
        if done.event_seq is None:  # a case on read-only media: nothing kept or recorded in it
            text = self.tr(
                "Report {0}: {1} pages written to {2}\nSHA-256 {3}; read-only case: not recorded in it"
            )
        else:
            text = self.tr("Report {0}: {1} pages written to {2}\nSHA-256 {3} recorded as ledger event {4}")
            values.append(done.event_seq)
        text = text.format(*values)
        self.status.setText(text)
        pixmap = QPixmap()
        if picture and pixmap.loadFromData(picture):
            self.preview.setPixmap(pixmap)

    def _failed(self, message: str) -> None:
        self._op = None
        self.write.setEnabled(True)
        self.status.setText("")
        show_error(self, self.tr("Report not written"), message)

    def _cancel_or_close(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self.status.setText(self.tr("cancelling…"))
        else:
            self.accept()

    def _open(self) -> None:
        if self.outcome is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.out)))
