"""What an extension tab may ask of the window it sits in (a Protocol, so tabs never import the window)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from ui.operations import CaseContext


class TabHost(Protocol):
    """The main window as a tab sees it: the open case, the zone times are shown in, and three hooks."""

    @property
    def case(self) -> CaseContext: ...

    @property
    def zone(self) -> ZoneInfo: ...

    def show_file(self, file_id: int) -> bool:
        """Select a catalogued file in the Files tab; False when the catalogue has no such file."""
        ...

    def show_status(self, message: str) -> None:
        """A passing message in the status bar."""
        ...

    def show_tab(self, widget: QWidget) -> None:
        """Bring one of the window's tabs to the front."""
        ...


@dataclass(frozen=True)
class ExtensionTab:
    """A tab made by an extension, with its entries for the window's Analysis menu (translated titles)."""

    title: str
    widget: QWidget
    actions: list[tuple[str, Callable[[], None]]] = field(default_factory=list)
