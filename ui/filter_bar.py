"""The filter bar above the file table: every control becomes a field of app.browse.files.FileFilter."""

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.browse.files import FileFilter, local_day_bounds, local_today

MIME_FAMILIES = ("image/", "video/", "audio/", "text/", "application/")


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self.text = QLineEdit(placeholderText=self.tr("Name or path contains…"), clearButtonEnabled=True)
        self.hash = QLineEdit(placeholderText=self.tr("MD5 / SHA-1 / SHA-256"), clearButtonEnabled=True)
        self.deleted = QCheckBox(self.tr("Deleted only"))
        self.mismatch = QCheckBox(self.tr("Extension mismatch"))
        self.mime = QComboBox()
        self.tag = QComboBox()
        self.hash_set = QComboBox()
        for title, value in (
            (self.tr("Any hash-set result"), ""),
            (self.tr("Notable (hash set)"), "notable"),
            (self.tr("Known (hash set)"), "known"),
            (self.tr("Hide known files"), "unknown"),
        ):
            self.hash_set.addItem(title, value)
        self.date_field = QComboBox()
        for key, title in (
            ("mtime", self.tr("Modified")),
            ("atime", self.tr("Accessed")),
            ("ctime", self.tr("Changed")),
            ("crtime", self.tr("Created")),
        ):
            self.date_field.addItem(title, key)
        self.use_dates = QCheckBox(self.tr("Between"))
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        day = local_today(zone)  # the examiner's today, not the workstation's or UTC's
        today = QDate(day.year, day.month, day.day)
        self.date_from.setDate(today.addYears(-1))
        self.date_to.setDate(today)
        self.set_choices([], [])
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.changed)
        for line in (self.text, self.hash):
            line.textChanged.connect(lambda _: self._debounce.start())
        for box in (self.deleted, self.mismatch, self.use_dates):
            box.toggled.connect(lambda _: self.changed.emit())
        for combo in (self.mime, self.tag, self.hash_set, self.date_field):
            combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_changed)
        self._layout()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.changed.emit()

    def _layout(self) -> None:
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.text, 3)
        first.addWidget(self.hash, 2)
        first.addWidget(self.mime, 1)
        first.addWidget(self.tag, 1)
        second.addWidget(self.deleted)
        second.addWidget(self.mismatch)
        second.addWidget(self.hash_set)
        second.addStretch(1)
        second.addWidget(self.date_field)
        second.addWidget(self.use_dates)
        second.addWidget(self.date_from)
        second.addWidget(self.date_to)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    def set_choices(self, mimes: list[str], tags: list[str]) -> None:
        """Fill the type and tag lists from the case (kept selection when still present)."""
        for combo, everything, values in (
            (self.mime, self.tr("All types"), [*MIME_FAMILIES, *mimes]),
            (self.tag, self.tr("Any tag or none"), tags),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value in values:
                combo.addItem(value + ("*" if value.endswith("/") else ""), value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def apply(self, base: FileFilter) -> FileFilter:
        """`base` (evidence, volume, folder, hash set, sort) with this bar's filters."""
        dated = self.use_dates.isChecked()
        first, last = (
            date(d.year(), d.month(), d.day()) for d in (self.date_from.date(), self.date_to.date())
        )
        since, until = local_day_bounds(first, last, self._zone)
        return replace(
            base,
            deleted_only=self.deleted.isChecked(),
            mime=self.mime.currentData() or "",
            ext_mismatch=self.mismatch.isChecked(),
            hash_value=self.hash.text(),
            text=self.text.text(),
            date_field=self.date_field.currentData(),
            date_from=since if dated else None,
            date_to=until if dated else None,
            tag=self.tag.currentData() or None,
            hash_set=self.hash_set.currentData() or base.hash_set,
        )

    def searching(self) -> bool:
        """Text, hash, type, tag or dates given: search the whole case, not only the chosen folder."""
        return bool(
            self.hash_set.currentData()
            or self.text.text().strip()
            or self.hash.text().strip()
            or self.mime.currentData()
            or self.tag.currentData()
            or self.use_dates.isChecked()
        )
