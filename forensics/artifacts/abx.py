"""Android Binary XML ("ABX", Android 12+): packages.xml, WifiConfigStore.xml and other system files.

The format (frameworks BinaryXmlSerializer): magic "ABX\\0", then events. Each event is one byte:
the low nibble is the XmlPullParser token, the high nibble the data type. Strings are modified UTF-8
with a big-endian u16 length; "interned" strings are a u16 index into a table built while reading,
0xFFFF meaning a new string follows. Numbers are big-endian.
"""

import base64
import struct
import xml.etree.ElementTree as ET

ABX_MAGIC = b"ABX\x00"

# tokens (low nibble)
START_DOCUMENT, END_DOCUMENT, START_TAG, END_TAG, TEXT = 0, 1, 2, 3, 4
CDSECT, ENTITY_REF, IGNORABLE_WHITESPACE, PROCESSING_INSTRUCTION, COMMENT, DOCDECL = 5, 6, 7, 8, 9, 10
ATTRIBUTE = 15
# data types (high nibble)
TYPE_NULL, TYPE_STRING, TYPE_STRING_INTERNED = 1, 2, 3
TYPE_BYTES_HEX, TYPE_BYTES_BASE64, TYPE_INT, TYPE_INT_HEX = 4, 5, 6, 7
TYPE_LONG, TYPE_LONG_HEX, TYPE_FLOAT, TYPE_DOUBLE = 8, 9, 10, 11
TYPE_BOOLEAN_TRUE, TYPE_BOOLEAN_FALSE = 12, 13
_NEW_STRING = 0xFFFF


class AbxError(ValueError):
    """The data is not well-formed ABX (truncated, unknown event)."""


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.interned: list[str] = []

    def take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise AbxError(f"truncated at byte {self.pos} (wanted {count} more)")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def u16(self) -> int:
        value: int = struct.unpack(">H", self.take(2))[0]
        return value

    def utf(self) -> str:
        return _modified_utf8(self.take(self.u16()))

    def interned_utf(self) -> str:
        index = self.u16()
        if index == _NEW_STRING:
            text = self.utf()
            self.interned.append(text)
            return text
        if index >= len(self.interned):
            raise AbxError(f"interned string {index} not defined (byte {self.pos})")
        return self.interned[index]

    def value(self, data_type: int) -> str:
        """An attribute or text value, rendered as Android's own XML would write it."""
        if data_type == TYPE_NULL:
            return ""
        if data_type == TYPE_STRING:
            return self.utf()
        if data_type == TYPE_STRING_INTERNED:
            return self.interned_utf()
        if data_type in (TYPE_BYTES_HEX, TYPE_BYTES_BASE64):
            raw = self.take(self.u16())
            return raw.hex() if data_type == TYPE_BYTES_HEX else base64.b64encode(raw).decode()
        return self._number(data_type)

    def _number(self, data_type: int) -> str:
        if data_type in (TYPE_INT, TYPE_INT_HEX):
            number = struct.unpack(">i", self.take(4))[0]
            return f"{number & 0xFFFFFFFF:x}" if data_type == TYPE_INT_HEX else str(number)
        if data_type in (TYPE_LONG, TYPE_LONG_HEX):
            number = struct.unpack(">q", self.take(8))[0]
            return f"{number & 0xFFFFFFFFFFFFFFFF:x}" if data_type == TYPE_LONG_HEX else str(number)
        if data_type == TYPE_FLOAT:
            return repr(struct.unpack(">f", self.take(4))[0])
        if data_type == TYPE_DOUBLE:
            return repr(struct.unpack(">d", self.take(8))[0])
        if data_type == TYPE_BOOLEAN_TRUE:
            return "true"
        if data_type == TYPE_BOOLEAN_FALSE:
            return "false"
        raise AbxError(f"unknown data type {data_type} at byte {self.pos - 1}")


def _modified_utf8(raw: bytes) -> str:
    """Java's modified UTF-8: NUL as C0 80, supplementary characters as surrogate pairs."""
    return (
        raw.replace(b"\xc0\x80", b"\x00")
        .decode("utf-8", errors="surrogatepass")
        .encode("utf-16", errors="surrogatepass")
        .decode("utf-16", errors="replace")
    )


def abx_to_element(data: bytes) -> ET.Element:
    """Decode an ABX document into an ElementTree root element."""
    if not data.startswith(ABX_MAGIC):
        raise AbxError("not ABX (magic 'ABX\\0' missing)")
    reader = _Reader(data)
    reader.pos = len(ABX_MAGIC)
    root: ET.Element | None = None
    stack: list[ET.Element] = []
    while reader.pos < len(data):
        event = reader.take(1)[0]
        token, data_type = event & 0x0F, event >> 4
        if token == START_TAG:
            element = ET.Element(reader.interned_utf())
            if stack:
                stack[-1].append(element)
            elif root is None:
                root = element
            stack.append(element)
        elif token == ATTRIBUTE:
            name = reader.interned_utf()
            value = reader.value(data_type)
            if not stack:
                raise AbxError(f"attribute {name!r} outside a tag")
            stack[-1].set(name, value)
        elif token == END_TAG:
            reader.interned_utf()
            if not stack:
                raise AbxError("end tag without a start tag")
            stack.pop()
        elif token in (START_DOCUMENT, END_DOCUMENT):
            continue
        elif token in (
            TEXT,
            CDSECT,
            ENTITY_REF,
            IGNORABLE_WHITESPACE,
            COMMENT,
            PROCESSING_INSTRUCTION,
            DOCDECL,
        ):
            text = reader.value(data_type)
            if stack and token in (TEXT, CDSECT, ENTITY_REF):
                _append_text(stack[-1], text)
        else:
            raise AbxError(f"unknown token {token} at byte {reader.pos - 1}")
    if root is None:
        raise AbxError("no element in the document")
    if stack:
        raise AbxError(f"document ends inside <{stack[-1].tag}> (truncated)")
    return root


def _append_text(element: ET.Element, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
