"""The evidence tree, one level at a time: evidence item -> volume (file system) -> folders; a volume's
carved files sit in its "$CarvedFiles" folder; media without volumes show theirs under the evidence item."""

import sqlite3
from dataclasses import dataclass

from app.browse.files import DIRECTORY_TYPES
from app.carving.unallocated import WHOLE_MEDIA
from app.common.progress import human_bytes
from chain_of_custody.carved import CARVED_FOLDER

CARVED_PATH = f"/{CARVED_FOLDER}"

_DIRECTORY = f"(meta_type IN {DIRECTORY_TYPES!r} OR name_type IN {DIRECTORY_TYPES!r})"


@dataclass(frozen=True)
class TreeNode:
    """One node: which files it shows (evidence, volume, folder) and how it is labelled."""

    kind: str  # evidence | volume | folder (the $CarvedFiles folder too) | hits (case-wide, per set)
    label: str
    evidence_id: int | None  # None: the case-wide hash-set hits nodes
    volume_idx: int | None = None
    folder: str | None = None
    deleted: bool = False
    hash_set: str | None = None  # a hits node of one set; None with kind hits: every set
    count: int = 0  # a hits node: the files it shows


def evidence_nodes(conn: sqlite3.Connection) -> list[TreeNode]:
    rows = conn.execute("SELECT id, label, import_state FROM evidence ORDER BY id")
    nodes = []
    for evidence_id, label, state in rows:
        suffix = "" if state == "complete" else f" [{state}]"
        nodes.append(TreeNode("evidence", f"E{evidence_id} {label}{suffix}", int(evidence_id)))
    return nodes


def volume_nodes(conn: sqlite3.Connection, evidence_id: int) -> list[TreeNode]:
    rows = conn.execute(
        "SELECT idx, description, fs_type, length, fs_error FROM volumes WHERE evidence_id = ? ORDER BY idx",
        (evidence_id,),
    )
    nodes = []
    for idx, description, fs_type, length, fs_error in rows:
        fs = fs_type or ("no file system" if fs_error else "-")
        label = f"V{idx} {fs} {human_bytes(length or 0)} - {description or ''}"
        nodes.append(TreeNode("volume", label, evidence_id, int(idx), "/"))
    if conn.execute(
        "SELECT 1 FROM files WHERE evidence_id = ? AND volume_idx = ? AND path = ? LIMIT 1",
        (evidence_id, WHOLE_MEDIA, CARVED_PATH),
    ).fetchone():
        nodes.append(_carved_node(evidence_id, WHOLE_MEDIA))
    return nodes


def _carved_node(evidence_id: int, volume_idx: int) -> TreeNode:
    return TreeNode("folder", f"{CARVED_FOLDER} (PhotoRec)", evidence_id, volume_idx, CARVED_PATH, True)


def folder_nodes(conn: sqlite3.Connection, parent: TreeNode) -> list[TreeNode]:
    """The sub-folders of a volume's root or of a folder (uses the parent_path index)."""
    evidence_id = int(parent.evidence_id or 0)  # a folder's parent is an evidence item's volume or folder
    rows = conn.execute(
        f"SELECT path, name, allocated FROM files WHERE evidence_id = ? AND volume_idx = ? "
        f"AND parent_path = ? AND stream IS NULL AND {_DIRECTORY} ORDER BY name COLLATE NOCASE",
        (evidence_id, parent.volume_idx, parent.folder or "/"),
    )
    return [
        _carved_node(evidence_id, parent.volume_idx or 0)
        if path == CARVED_PATH and parent.kind == "volume"
        else TreeNode("folder", name, evidence_id, parent.volume_idx, path, not allocated)
        for path, name, allocated in rows
    ]


def hits_node(conn: sqlite3.Connection) -> TreeNode:
    """The case-wide "Hash set hits" node (as Autopsy's): every file any hash set holds, of every item."""
    count = conn.execute("SELECT COUNT(DISTINCT file_id) FROM hash_hits").fetchone()[0]
    return TreeNode("hits", "", None, count=int(count))


def hit_set_nodes(conn: sqlite3.Connection) -> list[TreeNode]:
    """One node per hash set with hits in the case: notable sets first, then known, by name."""
    rows = conn.execute(
        "SELECT set_name, category, COUNT(DISTINCT file_id) FROM hash_hits GROUP BY set_name, category "
        "ORDER BY category = 'notable' DESC, set_name"
    )
    return [
        TreeNode("hits", str(category), None, hash_set=str(name), count=int(n)) for name, category, n in rows
    ]


def children(conn: sqlite3.Connection, node: TreeNode | None) -> list[TreeNode]:
    """The nodes under `node`; at the top, the evidence items, then (once there is evidence) the hits."""
    if node is None:
        items = evidence_nodes(conn)
        return [*items, hits_node(conn)] if items else items
    if node.kind == "hits":
        return hit_set_nodes(conn) if node.hash_set is None else []
    if node.kind == "evidence" and node.evidence_id is not None:
        return volume_nodes(conn, node.evidence_id)
    return folder_nodes(conn, node)
