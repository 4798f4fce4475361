"""Neutralising evidence text for whoever reads an output: CSV, terminal, JSON, XML, bodyfile, file names."""

import json
import re
import unicodedata
from typing import Any

# Bidirectional controls reorder what is shown ("gpj.exe" shown as "exe.jpg"): Unicode TR9 explicit
# formatting characters plus the Arabic letter mark.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def dangerous(char: str) -> bool:
    """A character that moves the cursor, changes a terminal, reorders text or ends a line: C0 and C1
    controls, DEL, bidi controls, line and paragraph separators, lone surrogates (undecodable bytes)."""
    return char in BIDI or unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs")


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROLS = r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_VISIBLE = re.compile(rf"[\\\x00-\x1f{_CONTROLS}\ud800-\udfff]")


def terminal(text: Any) -> str:
    """Text safe to print on one terminal line: every dangerous character as a visible escape (\\n, \\t,
    \\x1b, \\u202e) and a backslash doubled, so the escapes are unambiguous and the name recoverable."""
    return _VISIBLE.sub(lambda match: _escape(match.group()), str(text))


def csv_cell(value: Any) -> Any:
    """A cell no spreadsheet runs as a formula. A text starting with = + - @ TAB CR, or with a single
    quote, gets one single quote in front; to recover the raw value, drop a leading quote."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, CSV_QUOTE)):
        return CSV_QUOTE + value
    return value


def csv_row(values: Any) -> list[Any]:
    return [csv_cell(value) for value in values]


_JSON_UNSAFE = re.compile(f"[{_CONTROLS}]")


def json_text(value: Any, **options: Any) -> str:
    """json.dumps (UTF-8, not ASCII-only) with DEL, C1, bidi controls and line separators written as
    \\u escapes. Only string contents can hold them, so the decoded value is exactly the original."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _xml_allowed(code: int) -> bool:
    """XML 1.0 section 2.2 Char production."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def xml_needs_escape(text: str) -> bool:
    return any(not _xml_allowed(ord(char)) for char in text)


def xml_text(text: Any) -> tuple[str, bool]:
    """Element text for XML 1.0 and whether it had to be escaped. Markup characters become entities;
    TAB, LF, CR, C1 and bidi controls character references (parsers give them back exactly). Characters
    XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are written as
    \\xNN / \\uNNNN with backslashes doubled; the caller marks such an element (escaped="backslash")."""
    raw = str(text)
    escaped = xml_needs_escape(raw)
    parts: list[str] = []
    for char in raw:
        code = ord(char)
        if not _xml_allowed(code):
            parts.append(_escape(char))
        elif escaped and char == "\\":
            parts.append("\\\\")
        elif char in '&<>"':
            parts.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[char])
        elif code in (0x9, 0xA, 0xD) or dangerous(char):
            parts.append(f"&#x{code:X};")
        else:
            parts.append(char)
    return "".join(parts), escaped


def bodyfile_field(text: Any) -> str:
    """A bodyfile name: the terminal escapes (mactime prints it) plus '|' as \\x7c, since mactime splits
    every line on '|' and has no escape of its own."""
    return terminal(text).replace("|", "\\x7c")


NAME_BYTES = 200  # of 255 on ext4/NTFS: room for "~ID" and the writer's temporary prefix and suffix
_NAME_UNSAFE = re.compile(r'[<>:"|?*\\/]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def file_name(name: str, limit: int = NAME_BYTES) -> str:
    """One path component safe to create on Linux, macOS and Windows: no separator, no '..', no control,
    bidi or reserved character (each becomes '_'), no trailing dot or space, no reserved device name,
    at most `limit` UTF-8 bytes (the extension kept). The original name goes in the export log."""
    cleaned = "".join("_" if dangerous(char) else char for char in name)
    cleaned = _NAME_UNSAFE.sub("_", cleaned).strip(" ")
    if not cleaned.strip("."):  # "", ".", "..": kept visible, but never a folder reference
        cleaned = "_" + cleaned
    elif cleaned.endswith("."):  # Windows drops a trailing dot: "a." and "a" would collide
        cleaned = cleaned.rstrip(".") + "_"
    if _WINDOWS_RESERVED.match(cleaned):
        cleaned = "_" + cleaned
    return shorten(cleaned, limit)


def shorten(name: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, never cutting a character, keeping a short extension."""
    if len(name.encode()) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension.encode()) > 16:
        stem, extension = name, ""
    tail = f".{extension}" if extension else ""
    budget = limit - len(tail.encode())
    cut = stem.encode()[:budget].decode(errors="ignore")
    return cut + tail
