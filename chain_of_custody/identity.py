"""Examiner identities: an Ed25519 key pair per examiner, the private half under a passphrase."""

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from chain_of_custody.errors import IdentityError

_RAW = serialization.Encoding.Raw
_RAW_PUBLIC = serialization.PublicFormat.Raw


def fingerprint(public_key_hex: str) -> str:
    """A short, printable fingerprint of a public key: 8 groups of 4 hex digits of its SHA-256."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest().upper()[:32]
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def verify_signature(public_key_hex: str, message: bytes, signature_hex: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class ExaminerProfile:
    """What a workstation keeps of an examiner (the private key stays encrypted)."""

    name: str
    public_key: str
    encrypted_private_key: str
    created_at: str
    path: Path

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Examiner:
    """An unlocked examiner: can sign ledger events."""

    name: str
    public_key: str
    _private: Ed25519PrivateKey

    def sign(self, message: bytes) -> str:
        return self._private.sign(message).hex()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def _slug(name: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "_", name.strip(), flags=re.UNICODE).strip("._")
    if not cleaned:
        raise IdentityError(f"'{name}' cannot be used as an examiner name")
    return cleaned


class ProfileStore:
    """Examiner profiles in a folder (normally the user's config folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / f"{_slug(name)}.json"

    def exists(self, name: str) -> bool:
        return self._path(name).exists()

    def names(self) -> list[str]:
        return (
            sorted(self.load(p.stem).name for p in self.folder.glob("*.json")) if self.folder.exists() else []
        )

    def create(self, name: str, passphrase: str) -> ExaminerProfile:
        if not name.strip():
            raise IdentityError("an examiner needs a name")
        if len(passphrase) < 8:
            raise IdentityError("the passphrase must have at least 8 characters")
        if self.exists(name):
            raise IdentityError(f"examiner '{name}' already has a profile on this workstation")
        key = Ed25519PrivateKey.generate()
        encrypted = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
        ).decode("ascii")
        document = {
            "name": name.strip(),
            "public_key": key.public_key().public_bytes(_RAW, _RAW_PUBLIC).hex(),
            "encrypted_private_key": encrypted,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        path = self._path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
        temporary.replace(path)
        return self.load(name)

    def load(self, name: str) -> ExaminerProfile:
        path = self._path(name)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            return ExaminerProfile(
                document["name"],
                document["public_key"],
                document["encrypted_private_key"],
                document["created_at"],
                path,
            )
        except FileNotFoundError:
            raise IdentityError(f"no examiner profile named '{name}' on this workstation") from None
        except (OSError, ValueError, KeyError) as error:
            raise IdentityError(f"examiner profile {path} is damaged ({error})") from error

    def unlock(self, name: str, passphrase: str) -> Examiner:
        profile = self.load(name)
        try:
            key = serialization.load_pem_private_key(
                profile.encrypted_private_key.encode("ascii"), passphrase.encode("utf-8")
            )
        except (ValueError, TypeError):
            raise IdentityError(f"wrong passphrase for examiner '{profile.name}'") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise IdentityError(f"examiner profile {profile.path} does not hold an Ed25519 key")
        public = key.public_key().public_bytes(_RAW, _RAW_PUBLIC).hex()
        if public != profile.public_key:
            raise IdentityError(f"examiner profile {profile.path}: private and public keys differ")
        return Examiner(profile.name, public, key)
