"""One way to show errors: a warning box titled by what failed, one plain sentence, no traceback."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.cases.settings import config_dir
from app.common.errors import write_crash_log

# programming errors: the examiner gets a sentence, the log gets the traceback
_BUGS = (AttributeError, TypeError, KeyError, IndexError, AssertionError, NameError, RuntimeError)


def describe(error: BaseException) -> str:
    """The sentence the examiner reads for a failed action."""
    if not isinstance(error, _BUGS):
        if isinstance(error, OSError) and error.filename:
            return f"{error.strerror or error}: {error.filename}"
        return str(error) or type(error).__name__
    log = write_crash_log(error, config_dir())
    return QCoreApplication.translate("errors", "Internal error: {0} (details in {1})").format(error, log)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Window-modal, so the rest of the application keeps running behind it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
