"""An Amlogic unifykey store written by the tests from its documented layout (DOMAIN.md, "Amlogic device
keys"): two 256 KiB copies (AMLNORMAL head, TLV head, TLV key objects) and the two checksum records.

Independent of forensics/artifacts/keystore.py on purpose: the reader is checked against the layout.
"""

import hashlib
import struct

COPY = 0x40000
AREA = 0x80400  # copy 1 at +0, copy 2 at +0x40000, records at +0x80000 and +0x80200
UNIFY_KEYS: dict[str, bytes] = {
    "mac": b"00:1A:79:12:34:56",
    "mac_bt": b"00:1A:79:12:34:57",
    "mac_wifi": b"00:1A:79:12:34:58",  # "mac_wifi" is 8 bytes: no NUL follows it once padded
    "usid": b"X96MAX2026A0001",  # "usid" is 4 bytes: the same
    "deviceid": b"AMLX96-7788",
    "hdcp": bytes(range(0xF0, 0x100)),  # binary: shown as hex
}
SECURE, OTP, ENCRYPTED = 0x1, 0x2, 0x100
ATTRIBUTES = {"hdcp": SECURE | ENCRYPTED}


def _item(tag: int, value: bytes) -> bytes:
    return struct.pack("<II", tag, len(value)) + value + b"\x00" * (-len(value) % 4)


def _u32(tag: int, value: int) -> bytes:
    return _item(tag, struct.pack("<I", value))


def key_object(name: str, data: bytes, attribute: int = 0, digest: bytes | None = None) -> bytes:
    body = b"".join(
        [
            _u32(4, len(name)),
            _item(5, name.encode()),
            _u32(6, len(data)),
            _item(7, data),
            _item(10, hashlib.sha256(data).digest() if digest is None else digest),
            _u32(8, 0xA00000BF),
            _u32(9, attribute),
        ]
    )
    return _item(3, body)


def store_copy(keys: dict[str, bytes], wrong_key_hash: str | None = None) -> bytes:
    """One 256 KiB copy: head with its two SHA-256, TLV head at 0x200, key objects from 0x400."""
    copy = bytearray(COPY)
    objects = b"".join(
        key_object(name, data, ATTRIBUTES.get(name, 0), b"\x00" * 32 if name == wrong_key_hash else None)
        for name, data in keys.items()
    )
    block_size = COPY - 0x400
    copy[0x200 : 0x200 + 32] = _item(1, _u32(2, block_size) + _u32(11, COPY))
    copy[0x400 : 0x400 + len(objects)] = objects
    head = struct.pack("<16s7I", b"AMLNORMAL", 2, 0, len(keys), 1, 3, 0, 0)
    copy[0:44] = head
    copy[44:76] = hashlib.sha256(head).digest()
    copy[76:108] = hashlib.sha256(bytes(copy[0x200:COPY])).digest()
    return bytes(copy)


def checksum_record(copy: bytes, stamp: int = 0x1234) -> bytes:
    total = sum(struct.unpack(f"<{len(copy) // 4}I", copy)) & 0xFFFF_FFFF_FFFF_FFFF
    return struct.pack("<QII", total, stamp, 9).ljust(512, b"\x00")


def key_area(first: bytes, second: bytes | None = None) -> bytes:
    """Both copies (the second the same as the first unless given) and a checksum record for each."""
    second = first if second is None else second
    return first + second + checksum_record(first) + checksum_record(second)


def encrypted_copy() -> bytes:
    """An AMLSECURITY copy: the secure monitor's ciphertext, which no offline reader can turn into keys."""
    copy = bytearray(hashlib.sha256(b"ciphertext").digest() * (COPY // 32))
    copy[0:16] = b"AMLSECURITY".ljust(16, b"\x00")
    return bytes(copy)
