"""Rows of chosen tables from a MySQL/MariaDB dump (mysqldump, phpMyAdmin): CREATE TABLE gives the
column names, INSERT statements the values. Nothing is executed; the text is only tokenised."""

import json
import re
from collections.abc import Iterator
from typing import Any

STATEMENT_PIECE = re.compile(
    r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|--[^\n]*|/\*.*?\*/|;|[^'\"`;/-]+|[/-]", re.DOTALL
)
CREATE = re.compile(
    r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?\s*\((.*)\)", re.IGNORECASE | re.DOTALL
)
INSERT = re.compile(
    r"^\s*(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO\s+`?(\w+)`?\s*(\([^)]*\))?\s*VALUES\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
COLUMN_NAME = re.compile(r"^\s*[`\"]?(\w+)[`\"]?")
NOT_COLUMNS = ("PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX", "FULLTEXT", "FOREIGN", "CHECK", "SPATIAL")
VALUE = re.compile(
    r"\s*(?:(NULL)|'((?:[^'\\]|\\.|'')*)'|(_binary\s*'(?:[^'\\]|\\.|'')*')|(0x[0-9A-Fa-f]+)|"
    r"(-?[\d.]+(?:[eE][-+]?\d+)?)|(\w+))\s*",
    re.IGNORECASE | re.DOTALL,
)
ESCAPES = {"0": "\0", "n": "\n", "r": "\r", "t": "\t", "b": "\b", "Z": "\x1a", "\\": "\\", "'": "'", '"': '"'}
ESCAPE = re.compile(r"\\(.)|''", re.DOTALL)


def statements(text: str) -> Iterator[str]:
    """Statements of an SQL script, split at semicolons outside quotes; comments dropped."""
    current: list[str] = []
    for piece in STATEMENT_PIECE.findall(text):
        if piece == ";":
            yield "".join(current)
            current = []
        elif not piece.startswith(("--", "/*")) or piece.startswith("/*!"):
            current.append(piece if not piece.startswith("/*") else " ")
    if "".join(current).strip():
        yield "".join(current)


def _unescape(text: str) -> str:
    return ESCAPE.sub(lambda m: "'" if m.group(0) == "''" else ESCAPES.get(m.group(1), m.group(1)), text)


def _hex_text(literal: str) -> str:
    """A 0x… literal as text (MySQL dumps write binary strings this way)."""
    digits = literal[2:]
    return bytes.fromhex(digits if len(digits) % 2 == 0 else "0" + digits).decode("utf-8", "replace")


def _value(match: re.Match[str]) -> Any:
    null, quoted, binary, hexa, number, word = match.groups()
    if null:
        return None
    if quoted is not None:
        return _unescape(quoted)
    if binary is not None:
        return _unescape(binary.split("'", 1)[1][:-1])
    if hexa:
        return _hex_text(hexa)
    if number:
        return int(number) if re.fullmatch(r"-?\d+", number) else number
    return word


def value_tuples(values: str) -> Iterator[list[Any]]:
    """The tuples of `(…),(…)` as lists of Python values."""
    position = 0
    length = len(values)
    while position < length:
        start = values.find("(", position)
        if start < 0:
            return
        position = start + 1
        row: list[Any] = []
        while True:
            match = VALUE.match(values, position)
            if not match or match.end() == position:
                raise ValueError(f"cannot read a value at character {position} of an INSERT")
            row.append(_value(match))
            position = match.end()
            if position >= length:
                raise ValueError("INSERT ends inside a row (truncated)")
            if values[position] == ",":
                position += 1
                continue
            if values[position] == ")":
                position += 1
                break
            raise ValueError(f"unexpected {values[position]!r} at character {position} of an INSERT")
        yield row


FAST_TOKEN = re.compile(
    r"_binary\s*'((?:[^'\\]|\\.|'')*)'|'((?:[^'\\]|\\.|'')*)'|(0x[0-9A-Fa-f]+)|\b(NULL)\b|([()])",
    re.IGNORECASE | re.DOTALL,
)


def _as_json(match: re.Match[str]) -> str:
    binary, quoted, hexa, null, paren = match.groups()
    if paren:
        return "[" if paren == "(" else "]"
    if null:
        return "null"
    if hexa:
        return json.dumps(_hex_text(hexa))
    return json.dumps(_unescape(binary if binary is not None else quoted))


def fast_value_tuples(values: str) -> list[list[Any]] | None:
    """The common case in C speed: `(…),(…)` rewritten as JSON arrays (decimals kept as text).
    None when the text is not that simple (a function call, a clause after VALUES, a truncation):
    the careful tokenizer then reads it and says where it stops."""
    try:
        rows = json.loads("[" + FAST_TOKEN.sub(_as_json, values.strip()) + "]", parse_float=str)
    except ValueError:
        return None
    if not all(isinstance(row, list) for row in rows):
        return None
    return rows


def table_rows(text: str, tables: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row as column -> value) for every inserted row of the wanted tables."""
    columns: dict[str, list[str]] = {}
    for statement in statements(text):
        head = statement.lstrip()[:12].upper()
        if head.startswith("CREATE"):
            created = CREATE.match(statement)
            if created and created.group(1).lower() in tables:
                columns[created.group(1).lower()] = _create_columns(created.group(2))
        elif head.startswith(("INSERT", "REPLACE")):
            inserted = INSERT.match(statement)
            if not inserted or inserted.group(1).lower() not in tables:
                continue
            table = inserted.group(1).lower()
            names = _column_list(inserted.group(2)) or columns.get(table, [])
            for row in fast_value_tuples(inserted.group(3)) or value_tuples(inserted.group(3)):
                keys = names if len(names) == len(row) else [f"col{i}" for i in range(len(row))]
                yield table, dict(zip(keys, row, strict=True))


def _column_list(text: str | None) -> list[str]:
    if not text:
        return []
    return [name.strip().strip('`"').lower() for name in text.strip("()").split(",")]


def _create_columns(body: str) -> list[str]:
    """Column names of a CREATE TABLE body: its top-level comma-separated items, keys left out."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(body[start:index])
            start = index + 1
    items.append(body[start:])
    names = []
    for item in items:
        match = COLUMN_NAME.match(item)
        if match and match.group(1).upper() not in NOT_COLUMNS:
            names.append(match.group(1).lower())
    return names
