"""Where later features plug into the main window, listed in one explicit place.

Each entry of TABS makes one tab from a ui.host.TabHost (the window, seen through a small protocol):
a function (host) -> ExtensionTab, whose actions also appear in the window's "Analysis" menu.
"""

from collections.abc import Callable

from ui.artifacts_tab import artifacts_tab
from ui.carving_tab import carving_tab
from ui.host import ExtensionTab, TabHost
from ui.links_tab import links_tab

TabFactory = Callable[[TabHost], ExtensionTab]
TABS: list[TabFactory] = [artifacts_tab, carving_tab, links_tab]
