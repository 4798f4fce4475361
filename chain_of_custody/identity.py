"""Examiner identities: an Ed25519 key pair per examiner, the private half under a passphrase (scrypt)."""

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from chain_of_custody.errors import IdentityError
from chain_of_custody.names import imitated, normalise_name

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
    protection: dict[str, Any]  # how the private key is encrypted (see KEY_PROTECTION in docs/ledger.md)
    created_at: str
    path: Path

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def kdf(self) -> str:
        return str(self.protection.get("kdf", "pbkdf2"))


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


# scrypt with N=2**17, r=8, p=1 (128 MiB) took 0.42 s on the 2-core reference machine
# (docs/ledger.md "Keys"); 2**16 took 0.19 s and 2**18 0.80 s.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1


def _scrypt_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _protect(key: Ed25519PrivateKey, passphrase: str, n: int) -> dict[str, Any]:
    """The private key encrypted with AES-256-GCM under a key derived by scrypt from the passphrase."""
    salt, nonce = os.urandom(16), os.urandom(12)
    public = key.public_key().public_bytes(_RAW, _RAW_PUBLIC)
    secret = key.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    sealed = AESGCM(_scrypt_key(passphrase, salt, n, SCRYPT_R, SCRYPT_P)).encrypt(nonce, secret, public)
    return {
        "kdf": "scrypt",
        "n": n,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": salt.hex(),
        "cipher": "AES-256-GCM",
        "nonce": nonce.hex(),
        "ciphertext": sealed.hex(),
    }


def _unprotect(profile: ExaminerProfile, passphrase: str) -> Ed25519PrivateKey:
    wrong = IdentityError(f"wrong passphrase for examiner '{profile.name}'")
    box = profile.protection
    if profile.kdf == "pbkdf2":  # profiles made before scrypt: PKCS#8 PEM, PBKDF2 with 2,048 rounds
        try:
            key = serialization.load_pem_private_key(str(box["pem"]).encode("ascii"), passphrase.encode())
        except (ValueError, TypeError):
            raise wrong from None
        if not isinstance(key, Ed25519PrivateKey):
            raise IdentityError(f"examiner profile {profile.path} does not hold an Ed25519 key")
        return key
    if profile.kdf != "scrypt" or box.get("cipher") != "AES-256-GCM":
        raise IdentityError(f"examiner profile {profile.path}: unknown key protection {profile.kdf}")
    try:
        n, r, p = int(box["n"]), int(box["r"]), int(box["p"])
        derived = _scrypt_key(passphrase, bytes.fromhex(box["salt"]), n, r, p)
        secret = AESGCM(derived).decrypt(
            bytes.fromhex(box["nonce"]), bytes.fromhex(box["ciphertext"]), bytes.fromhex(profile.public_key)
        )
    except InvalidTag:
        raise wrong from None
    except (KeyError, ValueError, TypeError) as error:
        raise IdentityError(f"examiner profile {profile.path} is damaged ({error})") from error
    return Ed25519PrivateKey.from_private_bytes(secret)


class ProfileStore:
    """Examiner profiles in a folder (normally the user's config folder).

    `scrypt_n` is the work factor of keys this store writes; tests pass a small one to stay fast.
    """

    def __init__(self, folder: Path, scrypt_n: int = SCRYPT_N) -> None:
        self.folder = folder
        self.scrypt_n = scrypt_n

    def _path(self, name: str) -> Path:
        return self.folder / f"{_slug(name)}.json"

    def exists(self, name: str) -> bool:
        return self._path(name).exists()

    def names(self) -> list[str]:
        return (
            sorted(self.load(p.stem).name for p in self.folder.glob("*.json")) if self.folder.exists() else []
        )

    def create(self, name: str, passphrase: str) -> ExaminerProfile:
        name = normalise_name(name)
        if len(passphrase) < 8:
            raise IdentityError("the passphrase must have at least 8 characters")
        if self.exists(name):
            raise IdentityError(f"examiner '{name}' already has a profile on this workstation")
        twin = imitated(name, self.names())
        if twin is not None:
            raise IdentityError(f"examiner name '{name}' looks like '{twin}', who has a profile here")
        key = Ed25519PrivateKey.generate()
        self._write(name, key, passphrase, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        return self.load(name)

    def _write(self, name: str, key: Ed25519PrivateKey, passphrase: str, created_at: str) -> None:
        document = {
            "format": 2,
            "name": name,
            "public_key": key.public_key().public_bytes(_RAW, _RAW_PUBLIC).hex(),
            "key_protection": _protect(key, passphrase, self.scrypt_n),
            "created_at": created_at,
        }
        path = self._path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)

    def load(self, name: str) -> ExaminerProfile:
        path = self._path(name)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if "key_protection" in document:
                protection = dict(document["key_protection"])
            else:
                protection = {"kdf": "pbkdf2", "pem": document["encrypted_private_key"]}
            return ExaminerProfile(
                document["name"], document["public_key"], protection, document["created_at"], path
            )
        except FileNotFoundError:
            raise IdentityError(f"no examiner profile named '{name}' on this workstation") from None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise IdentityError(f"examiner profile {path} is damaged ({error})") from error

    def unlock(self, name: str, passphrase: str) -> Examiner:
        """The unlocked examiner; a key under the older protection (PBKDF2) is re-encrypted now (scrypt)."""
        profile = self.load(name)
        key = _unprotect(profile, passphrase)
        public = key.public_key().public_bytes(_RAW, _RAW_PUBLIC).hex()
        if public != profile.public_key:
            raise IdentityError(f"examiner profile {profile.path}: private and public keys differ")
        if profile.kdf != "scrypt":
            self._write(profile.name, key, passphrase, profile.created_at)
        return Examiner(profile.name, public, key)


PUBLIC_KEY_HEADER = "Haechi examiner public key"


def public_key_text(profile: ExaminerProfile) -> str:
    """The file an examiner gives the lab (`haechi examiner export-public`), read by `--trust`."""
    return (
        f"{PUBLIC_KEY_HEADER}\nexaminer: {profile.name}\npublic key: {profile.public_key}\n"
        f"fingerprint: {profile.fingerprint}\n"
    )


def read_public_key(text: str, source: str) -> str:
    """The public key in a file written by `public_key_text` (or a bare 64-digit hex key)."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip()
    key_hex = fields.get("public key", text.strip() if ":" not in text else "").lower()
    if not re.fullmatch(r"[0-9a-f]{64}", key_hex):
        raise IdentityError(f"{source} holds no Ed25519 public key (64 hex digits after 'public key:')")
    if "fingerprint" in fields and fields["fingerprint"].upper() != fingerprint(key_hex):
        raise IdentityError(f"{source}: the fingerprint does not belong to the public key")
    return key_hex
