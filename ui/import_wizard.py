"""Add evidence: a wizard for the image and its seizure details, producing an app ImportRequest."""

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.evidence.importer import ImportRequest

IMAGE_FILTER = "Images (*.dd *.raw *.img *.bin *.001 *.aa *.E01 *.e01 *.Ex01 *.simg *.iso);;All files (*)"


class _ImagePage(QWizardPage):
    def __init__(self, exhibits: list[str]) -> None:
        super().__init__()
        self.setTitle(self.tr("Evidence image"))
        self.setSubTitle(
            self.tr(
                "Choose the image. For a split or E01 image choose its first segment "
                "(.001, .aa, .E01): the other segments are found beside it."
            )
        )
        self.image = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.image)
        row.addWidget(browse)
        self.label = QLineEdit(placeholderText=self.tr("e.g. TV box eMMC"))
        self.exhibit = QComboBox(editable=True)  # the exhibits in custody, or a number typed in
        self.exhibit.addItems(exhibits)
        self.exhibit.setCurrentIndex(-1)  # none chosen: the placeholder shows
        self.exhibit.setPlaceholderText(self.tr("exhibit number, if recorded in custody"))
        self.skip_orphans = QCheckBox(self.tr("Skip the orphan file search on FAT (faster, finds less)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Image file"), row)
        form.addRow(self.tr("Label"), self.label)
        form.addRow(self.tr("Exhibit"), self.exhibit)
        form.addRow(self.skip_orphans)
        self.registerField("image*", self.image)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Evidence image"), "", IMAGE_FILTER)
        if name:
            self.image.setText(name)
            if not self.label.text():
                self.label.setText(Path(name).stem)

    def validatePage(self) -> bool:  # noqa: N802
        exists = Path(self.image.text().strip()).is_file()
        if not exists:
            self.setSubTitle(self.tr("That file does not exist. Choose the image file."))
        return exists


class _SeizurePage(QWizardPage):
    def __init__(self, records: dict[str, dict[str, str]]) -> None:
        super().__init__()
        self._records = records
        self.setTitle(self.tr("Seizure details"))
        self.setSubTitle(
            self.tr("Recorded with the evidence in the custody ledger. Leave empty what is unknown.")
        )
        self.seized_from = QLineEdit(placeholderText=self.tr("person or place"))
        self.known_time = QCheckBox(self.tr("Known"))
        self.seized_at = QDateTimeEdit(QDateTime.currentDateTime(), calendarPopup=True)
        self.seized_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.seized_at.setEnabled(False)
        self.known_time.toggled.connect(self.seized_at.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.known_time)
        when.addWidget(self.seized_at, 1)
        self.seal = QLineEdit(placeholderText=self.tr("seal number"))
        form = QFormLayout(self)
        form.addRow(self.tr("Seized from"), self.seized_from)
        form.addRow(self.tr("Seized at (local time)"), when)
        form.addRow(self.tr("Seal"), self.seal)
        self.linked = QLabel()
        self.linked.setWordWrap(True)
        form.addRow(self.linked)
        form.addRow(QLabel(self.tr("The import runs in the background; you can keep browsing.")))

    def initializePage(self) -> None:  # noqa: N802
        """An exhibit in custody: seized from, at and seal come from its record, not typed again."""
        wizard = self.wizard()
        exhibit = wizard.image_page.exhibit.currentText().strip() if isinstance(wizard, ImportWizard) else ""
        record = self._records.get(exhibit)
        for line in (self.seized_from, self.seal):
            line.setReadOnly(False)
        self.known_time.setEnabled(True)
        if record is None:
            self.linked.setText(
                self.tr("No exhibit chosen: this image is not linked to a custody record.")
                if not exhibit
                else self.tr("Exhibit {0} is not in custody: record its seizure or receipt first.").format(
                    exhibit
                )
            )
            return
        for line, key in ((self.seized_from, "seized_from"), (self.seal, "seal")):
            if record.get(key):
                line.setText(record[key])
                line.setReadOnly(True)
        if record.get("seized_at"):
            moment = datetime.fromisoformat(record["seized_at"].replace("Z", "+00:00"))
            self.seized_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
            self.known_time.setChecked(True)
            self.known_time.setEnabled(False)
            self.seized_at.setEnabled(False)
        self.linked.setText(
            self.tr(
                "Taken from the custody record of exhibit {0}; to change it, record a custody event."
            ).format(exhibit)
        )


class ImportWizard(QWizard):
    def __init__(
        self, parent: QWidget | None = None, records: dict[str, dict[str, str]] | None = None
    ) -> None:
        """`records`: the custody record of each exhibit in custody (app.custody.steps.custody_record)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add evidence"))
        self.setMinimumWidth(620)
        records = records or {}
        self.image_page, self.seizure_page = _ImagePage(sorted(records)), _SeizurePage(records)
        self.addPage(self.image_page)
        self.addPage(self.seizure_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))

    def request(self, fat_tz: str) -> ImportRequest:
        image, seizure = self.image_page, self.seizure_page
        seized_at = None
        if seizure.known_time.isChecked():
            moment = datetime.fromtimestamp(seizure.seized_at.dateTime().toSecsSinceEpoch(), UTC)
            seized_at = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return ImportRequest(
            Path(image.image.text().strip()),
            label=image.label.text().strip() or None,
            seized_from=seizure.seized_from.text().strip() or None,
            seized_at=seized_at,
            seal=seizure.seal.text().strip() or None,
            fat_orphans=not image.skip_orphans.isChecked(),
            fat_tz=fat_tz,
            exhibit=image.exhibit.currentText().strip() or None,
        )
