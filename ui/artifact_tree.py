"""The Artifacts tab's left side: each evidence item with its row count, and under it every artifact
type found with its count, titled in the interface's language, the most telling types first."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.artifacts.browse import EvidenceArtifacts
from app.artifacts.extract import TYPE_LABELS
from app.artifacts.labels import type_title
from ui.artifact_model import type_label

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1  # (evidence_id, artifact type or None)
Scope = tuple[int, str | None]
_TYPE_ORDER = {kind: n for n, kind in enumerate(TYPE_LABELS)}  # most telling first: credentials


class ArtifactTypeTree(QTreeWidget):
    scope_changed = Signal(object)  # the chosen Scope, or None when the case has no evidence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Artifact type"), self.tr("Rows")])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(lambda current, _: self._chosen(current))

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        self.scope_changed.emit(None if item is None else item.data(0, SCOPE_ROLE))

    def fill(self, overview: list[EvidenceArtifacts]) -> None:
        """Show these counts, keeping the chosen scope when it is still there (else the first
        evidence item's most telling type); scope_changed follows either way."""
        chosen = self.scope()
        self.blockSignals(True)
        self.clear()
        for item in overview:
            self.addTopLevelItem(self._evidence_item(item))
        self.expandAll()
        self.blockSignals(False)
        found = self._item_for(chosen) if chosen else None
        top = self.topLevelItem(0)
        if found is None and top is not None:
            found = top.child(0) or top
        if found is None:
            self._chosen(None)
        else:
            self.setCurrentItem(found)

    def _evidence_item(self, item: EvidenceArtifacts) -> QTreeWidgetItem:
        node = QTreeWidgetItem([f"E{item.evidence_id} {item.label}", f"{sum(item.counts.values()):,}"])
        node.setData(0, SCOPE_ROLE, (item.evidence_id, None))
        node.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        if not item.counts:
            node.setToolTip(0, self.tr("No artifacts yet: use Extract artifacts…"))
        for kind in sorted(item.counts, key=lambda kind: _TYPE_ORDER.get(kind, len(_TYPE_ORDER))):
            child = QTreeWidgetItem([type_label(kind), f"{item.counts[kind]:,}"])
            child.setToolTip(0, f"{type_title(kind, 'ko')}\n{type_title(kind, 'en')}\n{kind}")
            child.setData(0, SCOPE_ROLE, (item.evidence_id, kind))
            child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            node.addChild(child)
        return node

    def _item_for(self, scope: Scope) -> QTreeWidgetItem | None:
        items = (self.topLevelItem(n) for n in range(self.topLevelItemCount()))
        for item in (i for i in items if i is not None):
            candidates = [item, *(item.child(n) for n in range(item.childCount()))]
            found = next((c for c in candidates if c is not None and c.data(0, SCOPE_ROLE) == scope), None)
            if found is not None:
                return found
        return None

    def scope(self) -> Scope | None:
        item = self.currentItem()
        return None if item is None else item.data(0, SCOPE_ROLE)

    def select(self, evidence_id: int, artifact_type: str | None) -> bool:
        """Choose an evidence item (type None) or one of its types; False when it is not shown."""
        item = self._item_for((evidence_id, artifact_type))
        if item is not None:
            self.setCurrentItem(item)
        return item is not None
