"""The start: choose or create an examiner profile and unlock it, then open or create a case."""

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.cases.identity import (
    Examiner,
    IdentityError,
    create_examiner,
    imitated,
    normalise_name,
    profile_store,
    unlock_examiner,
)
from app.cases.session import CaseSession, create_case, open_case
from app.cases.settings import load_settings, save_settings
from ui.errors import describe, show_error


class _DialogPassphrase:
    """app.cases.identity's PassphraseSource, answered from the dialog's fields."""

    def __init__(self, passphrase: str, repeat: str) -> None:
        self._passphrase, self._repeat = passphrase, repeat

    def passphrase(self, examiner: str, creating: bool) -> str:
        if creating and self._passphrase != self._repeat:
            raise IdentityError("the two passphrases differ")
        return self._passphrase


def remember_case(folder: Path) -> None:
    settings = load_settings()
    recent = [str(folder.resolve())] + [p for p in settings.recent_cases if p != str(folder.resolve())]
    save_settings(replace(settings, recent_cases=tuple(recent[:10])))


class StartDialog(QDialog):
    def __init__(
        self, examiner: Examiner | None = None, parent: QWidget | None = None, case_folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.case_folder = case_folder  # `haechi CASE_DIR`: after unlocking, this case opens
        self.setWindowTitle(self.tr("Haechi - start"))
        self.setMinimumWidth(560)
        self.examiner: Examiner | None = examiner
        self.session: CaseSession | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._examiner_page())
        self.pages.addWidget(self._case_page())
        self.pages.currentChanged.connect(self._fit)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Haechi</h2>Forensic evidence manager with a signed custody ledger"))
        layout.addWidget(title)
        if case_folder is not None:
            opening = QLabel(self.tr("Opening the case in {0}").format(case_folder))
            opening.setObjectName("openingCase")
            opening.setWordWrap(True)
            layout.addWidget(opening)
        layout.addWidget(self.pages)
        self._fit(0)
        if examiner is not None:
            self._show_cases()

    def _fit(self, current: int) -> None:
        """Size the dialog to the page shown, not to the largest page."""
        for index in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            page = self.pages.widget(index)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.adjustSize()

    # examiner -----------------------------------------------------------------------------------
    def _examiner_page(self) -> QWidget:
        page = QGroupBox(self.tr("Examiner"))
        self.name = QComboBox(editable=True)
        self.name.addItems(profile_store().names())
        self.name.setPlaceholderText(self.tr("Your name"))
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat_label = QLabel(self.tr("Repeat passphrase"))
        self.profile_note = QLabel()
        self.profile_note.setWordWrap(True)
        self.unlock = QPushButton(self.tr("Unlock"))
        self.unlock.setDefault(True)
        self.unlock.clicked.connect(self._unlock)
        self.name.currentTextChanged.connect(self._name_changed)
        self.passphrase.returnPressed.connect(self._unlock)
        form = QFormLayout(page)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow(self.profile_note)
        hint = QLabel(
            self.tr(
                "Every action you take in a case is signed with your examiner key and recorded "
                "in the case's custody ledger."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        form.addRow(hint)
        form.addRow(self.unlock)
        self._name_changed(self.name.currentText())
        return page

    def _name_changed(self, name: str) -> None:
        new = bool(name.strip()) and not profile_store().exists(name.strip())
        self.repeat.setVisible(new)
        self.repeat_label.setVisible(new)
        self.profile_note.setText(
            self.tr(
                "No profile named {0} on this workstation: a new signing key will be made, "
                "protected by this passphrase (at least 8 characters)."
            ).format(name.strip())
            if new
            else ""
        )
        self.unlock.setText(self.tr("Create profile and unlock") if new else self.tr("Unlock"))

    def _unlock(self) -> None:
        source = _DialogPassphrase(self.passphrase.text(), self.repeat.text())
        try:
            name = self.name.currentText().strip()
            if not name:
                raise ValueError(self.tr("Enter the examiner's name."))
            if profile_store().exists(name):
                self.examiner, _ = unlock_examiner(name, source)
            else:
                self.examiner = create_examiner(self._valid_new_name(name), source)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            show_error(self, self.tr("Cannot unlock"), describe(error))
            return
        self.passphrase.clear()
        self.repeat.clear()
        if self.case_folder is not None:
            self._open(self.case_folder)  # a case that cannot open: the case page, to choose another
            if self.session is not None:
                return
        self._show_cases()

    def _valid_new_name(self, name: str) -> str:
        """The name in its stored form, or ValueError in the examiner's language."""
        try:
            name = normalise_name(name)
        except IdentityError:
            raise ValueError(
                self.tr(
                    "The name contains an invisible or control character, or two spaces in a row. "
                    "Type it again."
                )
            ) from None
        twin = imitated(name, profile_store().names())
        if twin is not None:
            raise ValueError(
                self.tr(
                    "The name {0} looks like {1}, who already has a profile here. Choose another name."
                ).format(name, twin)
            )
        return name

    # case ---------------------------------------------------------------------------------------
    def _case_page(self) -> QWidget:
        page = QWidget()
        recent_box = QGroupBox(self.tr("Recent cases"))
        self.recent = QListWidget()
        self.recent.itemDoubleClicked.connect(lambda item: self._open(Path(item.text())))
        open_recent = QPushButton(self.tr("Open selected"))
        open_recent.clicked.connect(self._open_selected)
        open_folder = QPushButton(self.tr("Open case folder…"))
        open_folder.clicked.connect(self._choose_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(open_recent)
        buttons.addWidget(open_folder)
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent)
        recent_layout.addLayout(buttons)
        new_box = QGroupBox(self.tr("New case"))
        self.folder = QLineEdit(placeholderText=self.tr("Folder for the new case"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._choose_new_folder)
        where = QHBoxLayout()
        where.addWidget(self.folder)
        where.addWidget(browse)
        self.number = QLineEdit(placeholderText="2026-001")
        self.case_title = QLineEdit()
        self.agency = QLineEdit()
        create = QPushButton(self.tr("Create case"))
        create.clicked.connect(self._create)
        form = QFormLayout(new_box)
        form.addRow(self.tr("Folder"), where)
        form.addRow(self.tr("Case number"), self.number)
        form.addRow(self.tr("Title"), self.case_title)
        form.addRow(self.tr("Agency"), self.agency)
        form.addRow(create)
        self.who = QLabel()
        layout = QVBoxLayout(page)
        layout.addWidget(self.who)
        layout.addWidget(recent_box)
        layout.addWidget(new_box)
        return page

    def _show_cases(self) -> None:
        assert self.examiner is not None
        self.who.setText(
            self.tr("Examiner: <b>{0}</b> (key {1})").format(self.examiner.name, self.examiner.fingerprint)
        )
        self.recent.clear()
        self.recent.addItems([p for p in load_settings().recent_cases if (Path(p) / "case.sqlite").exists()])
        if self.recent.count():
            self.recent.setCurrentRow(0)
        self.pages.setCurrentIndex(1)

    def _open_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self._open(Path(item.text()))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open case folder"))
        if folder:
            self._open(Path(folder))

    def _choose_new_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the new case"))
        if folder:
            self.folder.setText(folder)

    def _open(self, folder: Path) -> None:
        assert self.examiner is not None
        try:
            self.session = open_case(folder, self.examiner)
        except Exception as error:  # noqa: BLE001
            show_error(self, self.tr("Cannot open the case"), describe(error))
            return
        remember_case(folder)
        self.accept()

    def _create(self) -> None:
        assert self.examiner is not None
        try:
            if not (
                self.folder.text().strip() and self.number.text().strip() and self.case_title.text().strip()
            ):
                raise ValueError(self.tr("A new case needs a folder, a number and a title."))
            folder = Path(self.folder.text().strip())
            self.session = create_case(
                folder,
                self.number.text().strip(),
                self.case_title.text().strip(),
                self.agency.text().strip(),
                self.examiner,
            )
        except Exception as error:  # noqa: BLE001
            show_error(self, self.tr("Cannot create the case"), describe(error))
            return
        remember_case(folder)
        self.accept()
