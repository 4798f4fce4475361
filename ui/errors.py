"""One way to show errors: a warning box titled by what failed, one plain sentence, no traceback."""

import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.cases.settings import config_dir

# programming errors: the examiner gets a sentence, the log gets the traceback
_BUGS = (AttributeError, TypeError, KeyError, IndexError, AssertionError, NameError, RuntimeError)


def describe(error: BaseException) -> str:
    """The sentence the examiner reads for a failed action."""
    if not isinstance(error, _BUGS):
        if isinstance(error, OSError) and error.filename:
            return f"{error.strerror or error}: {error.filename}"
        return str(error) or type(error).__name__
    folder = config_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "last-error.txt"
    log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return QCoreApplication.translate("errors", "Internal error: {0} (details in {1})").format(error, log)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Window-modal, so the rest of the application keeps running behind it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
