"""Workstation settings: language, time zone (default Asia/Seoul), laboratory name and address."""

from dataclasses import replace
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.cases.settings import Settings, load_settings, save_settings
from ui.errors import show_error
from ui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(480)
        current = load_settings()
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current.language), 0))
        self.zone = QComboBox(editable=True)
        self.zone.addItems(sorted(available_timezones()))
        self.zone.setCurrentText(current.timezone)
        self.lab_name = QLineEdit(current.lab_name)
        self.lab_address = QPlainTextEdit(current.lab_address)
        self.lab_address.setFixedHeight(70)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Laboratory name"), self.lab_name)
        form.addRow(self.tr("Laboratory address"), self.lab_address)
        form.addRow(buttons)
        self.saved: Settings | None = None

    def _save(self) -> None:
        zone = self.zone.currentText().strip()
        try:
            ZoneInfo(zone)
        except (ValueError, KeyError, OSError):
            show_error(self, self.tr("Settings not saved"), self.tr("Unknown time zone: {0}").format(zone))
            return
        self.saved = replace(
            load_settings(),
            language=self.language.currentData(),
            timezone=zone,
            lab_name=self.lab_name.text().strip(),
            lab_address=self.lab_address.toPlainText().strip(),
        )
        save_settings(self.saved)
        self.accept()
