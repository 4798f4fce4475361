"""Where later features plug into the main window, listed in one explicit place.

Each entry makes one tab from the open case (hash sets, Android TV-box artifacts...): add a line to
TABS with a function (session, parent) -> (title, widget). The main window also has an "Analysis" menu
whose actions come from ACTIONS: (title, function(main_window)).
"""

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.cases.session import CaseSession
from ui.artifacts_tab import artifacts_tab, extract_action

TabFactory = Callable[[CaseSession, QWidget], tuple[str, QWidget]]
TABS: list[TabFactory] = [artifacts_tab]
# titles are translated when the menu is built (context "extensions")
ACTIONS: list[tuple[str, Callable[[QWidget], None]]] = [
    (str(QT_TRANSLATE_NOOP("extensions", "Extract artifacts…")), extract_action),
]
