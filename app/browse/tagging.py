"""Tagging and bookmarking catalogued files: each change is a signed ledger event."""

from app.cases.session import CaseSession
from chain_of_custody.commitments import commit
from chain_of_custody.tags import BOOKMARK, TagRow, Tags

__all__ = ["BOOKMARK", "TagRow", "tag_file", "untag"]


def _file_reference(session: CaseSession, file_id: int) -> dict[str, object]:
    row = session.db.conn.execute(
        "SELECT volume_idx, path, inode, sha256 FROM files WHERE id = ?", (file_id,)
    ).fetchone()
    if row is None:
        return {"file_id": file_id}
    volume, path, inode, sha256 = row
    return {"file_id": file_id, "volume": volume, "path": path, "inode": inode, "sha256": sha256}


def tag_file(session: CaseSession, file_id: int, tag: str, note: str = "") -> TagRow:
    """Tag one file (a bookmark is the tag 'bookmark'); the tag and its ledger event in one transaction."""
    with session.db.transaction():
        row = Tags(session.db.conn).add(file_id, tag, note, session.examiner.name)
        session.db.ledger.append(
            session.examiner,
            session.tz,
            "file_tagged",
            row.evidence_id,
            {
                "tag_id": row.id,
                "tag": row.tag,
                "note": note,
                **_file_reference(session, file_id),
                "commitments": [commit(session.db.conn, "tags")],
            },
        )
    return row


def untag(session: CaseSession, tag_id: int) -> TagRow:
    with session.db.transaction():
        row = Tags(session.db.conn).remove(tag_id, session.examiner.name)
        session.db.ledger.append(
            session.examiner,
            session.tz,
            "file_untagged",
            row.evidence_id,
            {
                "tag_id": row.id,
                "tag": row.tag,
                **_file_reference(session, row.file_id),
                "commitments": [commit(session.db.conn, "tags")],
            },
        )
    return row
