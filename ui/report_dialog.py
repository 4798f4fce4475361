"""Writing the case report (PDF) in Korean or English, through the report use case when installed."""

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget


class ReportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Write report"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The report builder is not installed in this version.")))
