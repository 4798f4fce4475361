"""`haechi verify`: hash the image again and compare with the hashes taken at acquisition."""

import json
from dataclasses import dataclass
from pathlib import Path

from app.cases.session import CaseSession
from app.custody.integrity import HASH_NAMES, acquisition_differences, signed_acquisition
from app.evidence.importer import Worker
from app.evidence.worker import run_media_hash
from chain_of_custody.ledger import verify_ledger
from forensics.containers.image import ImageSpec


@dataclass(frozen=True)
class VerifyResult:
    evidence_id: int
    result: str  # match | mismatch | record altered | ledger fails | unreadable | not imported
    message: str
    digests: dict[str, str]


def verify_evidence(session: CaseSession, evidence_id: int) -> VerifyResult:
    """Re-hash the image and compare with the hashes its verified import_finished event signed.

    The evidence table is not trusted: any difference between it and the signed event is a failure.
    """
    item = session.catalogue.evidence(evidence_id)
    if item is None:
        raise KeyError(f"no evidence {evidence_id} in this case")
    verdict = verify_ledger(session.db.conn)
    if not verdict.intact:
        where = f"event {verdict.failed_seq}" if verdict.failed_seq else "the ledger"
        reason = f"the custody ledger fails at {where} ({verdict.reason}): no signed hash to trust"
        return _record(session, evidence_id, "ledger fails", reason, {})
    signed = signed_acquisition(list(session.db.ledger.events()), evidence_id)
    if signed is None or not signed.hashes["sha256"]:
        return _record(session, evidence_id, "not imported", "the image was never fully hashed", {})
    altered = acquisition_differences(item, signed)
    spec = ImageSpec(item["format"], tuple(Path(p) for p in json.loads(item["segments"])))
    missing = [str(path) for path in spec.segments if not path.is_file()]
    if missing:
        return _record(session, evidence_id, "unreadable", f"image not found: {missing[0]}", {})
    actual, error = _hash_in_child(spec)
    if actual is None:
        return _record(session, evidence_id, "unreadable", error, {})
    differing = ", ".join(name for name in HASH_NAMES if signed.hashes[name] != actual[name])
    image = (
        f"{differing} differ from the acquisition hashes"
        if differing
        else f"all three hashes match the acquisition hashes (signed in event {signed.seq})"
    )
    if altered:
        return _record(
            session, evidence_id, "record altered", f"{'; '.join(altered)}; the image: {image}", actual
        )
    stored = {name: item[f"stored_{name}"] for name in ("md5", "sha1") if item[f"stored_{name}"]}
    betrayed = [name for name, value in stored.items() if actual[name] != value]
    if not differing and betrayed:  # unchanged since import, but not what was acquired
        message = f"{', '.join(betrayed)} stored in the image differ from its content (as at import)"
        return _record(session, evidence_id, "mismatch", message, actual)
    return _record(session, evidence_id, "mismatch" if differing else "match", image, actual)


def _record(
    session: CaseSession, evidence_id: int, result: str, message: str, digests: dict[str, str]
) -> VerifyResult:
    with session.db.transaction():
        session.catalogue.add_verification(evidence_id, digests, result)
        session.db.ledger.append(
            session.examiner,
            session.tz,
            "verified",
            evidence_id,
            {"result": result, "message": message, "hashes": digests},
        )
    return VerifyResult(evidence_id, result, message, digests)


def _hash_in_child(spec: ImageSpec) -> tuple[dict[str, str] | None, str]:
    """The image's hashes, computed in a child process (native code cannot crash this one)."""
    worker = Worker(run_media_hash, spec)
    try:
        while True:
            try:
                kind, *body = worker.conn.recv()
            except (EOFError, OSError):
                return None, f"the image hasher {worker.ending()}"
            if kind == "media_digests":
                return body[0], ""
            if kind == "media_error":
                return None, str(body[0])
    finally:
        worker.stop()
