"""The Links tab: identifiers shared between evidence items (MACs, accounts, hosts, serials, Android IDs),
each value with every place it was read; double-click a place to open its row in the Artifacts tab."""

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.artifacts.labels import field_label, type_title
from app.links.identifiers import KINDS
from app.links.index import Link, case_links
from ui.artifacts_tab import ArtifactsTab
from ui.errors import show_error
from ui.host import ExtensionTab, TabHost
from ui.i18n import current_language
from ui.operations import CaseContext, CaseOp

OCCURRENCE_ROLE = Qt.ItemDataRole.UserRole + 1  # (evidence_id, artifact type, artifact id) of a place


def kind_title(kind: str) -> str:
    titles = {
        "mac": QCoreApplication.translate("LinksTab", "MAC address"),
        "credential": QCoreApplication.translate("LinksTab", "Account (user name@server)"),
        "host": QCoreApplication.translate("LinksTab", "Server host"),
        "serial": QCoreApplication.translate("LinksTab", "Serial number"),
        "android_id": QCoreApplication.translate("LinksTab", "Android ID"),
    }
    return titles.get(kind, kind)


class LinksTab(QWidget):
    def __init__(self, case: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.links: list[Link] = []
        self.loading: CaseOp[list[Link]] | None = None
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in KINDS:
            self.kind.addItem(kind_title(kind), kind)
        self.across = QCheckBox(self.tr("Only values on two or more evidence items"))
        self.across.setChecked(True)
        self.count = QLabel()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [
                self.tr("Value / evidence item"),
                self.tr("Kind / found as"),
                self.tr("Source"),
                self.tr("Facts"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.open_artifact = lambda evidence_id, kind, artifact_id: False
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.across)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        self.across.toggled.connect(lambda _: self.refresh())
        case.changed.connect(lambda _: self.refresh())
        case.closing.connect(self.stop)
        self.refresh()

    def refresh(self) -> None:
        """Read the links again in the background (after an extraction, or another kind chosen)."""
        if self.case.closed:
            return
        kind, across = self.kind.currentData(), self.across.isChecked()
        self.count.setText(self.tr("Reading…"))
        op = CaseOp(self, self.case, lambda session, _: case_links(session.db, kind, across), writes=False)
        self.loading = op.success(self._fill).failure(self._failed).start()

    def stop(self) -> None:
        if self.loading is not None and self.loading.running:
            self.loading.wait(30)

    def _fill(self, links: list[Link]) -> None:
        self.links = links
        self.tree.clear()
        lang = current_language()
        for link in links:
            node = QTreeWidgetItem([link.value, kind_title(link.kind), "", ""])
            node.setToolTip(0, link.value)
            node.setText(3, self.tr("{0} evidence items").format(len(link.evidence_ids)))
            for o in link.occurrences:
                facts = ", ".join(f"{field_label(k, lang)}: {v}" for k, v in o.detail.items())
                child = QTreeWidgetItem(
                    [
                        self.tr("Evidence {0}").format(o.evidence_id),
                        type_title(o.type, lang),
                        o.path or "",
                        facts,
                    ]
                )
                child.setData(0, OCCURRENCE_ROLE, (o.evidence_id, o.type, o.artifact_id))
                child.setToolTip(2, o.path or "")
                node.addChild(child)
            self.tree.addTopLevelItem(node)
            node.setExpanded(len(link.evidence_ids) > 1)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.count.setText(self.tr("{0} values").format(len(links)))

    def _failed(self, message: str) -> None:
        self.count.setText("")
        show_error(self, self.tr("Links could not be read"), message)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        place: Any = item.data(0, OCCURRENCE_ROLE)
        if place is not None:
            self.open_artifact(*place)


def links_tab(host: TabHost) -> ExtensionTab:
    """The tab factory for ui/extensions.py: a double-click opens the row in the window's Artifacts tab."""
    tab = LinksTab(host.case)

    def open_artifact(evidence_id: int, artifact_type: str, artifact_id: int) -> bool:
        artifacts = tab.window().findChild(ArtifactsTab)
        if artifacts is not None and artifacts.show_artifact(evidence_id, artifact_type, artifact_id):
            host.show_tab(artifacts)
            return True
        host.show_status(
            QCoreApplication.translate("LinksTab", "That row is not among the current artifacts.")
        )
        return False

    tab.open_artifact = open_artifact
    title = QCoreApplication.translate("LinksTab", "Links")
    return ExtensionTab(title, tab)
