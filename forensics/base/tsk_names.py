"""Readable names for TSK's enumerations."""

import pytsk3


def _names(prefix: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for attribute in dir(pytsk3):
        if attribute.startswith(prefix) and not attribute.endswith(("_ENUM", "_DETECT", "_STR_MAX")):
            value = getattr(pytsk3, attribute)
            table.setdefault(int(value), attribute[len(prefix) :].lower())
    return table


_FS_TYPES = _names("TSK_FS_TYPE_")
_VS_TYPES = _names("TSK_VS_TYPE_")
_META_LETTER = {
    0: "-",
    1: "r",
    2: "d",
    3: "p",
    4: "c",
    5: "b",
    6: "l",
    7: "s",
    8: "h",
    9: "w",
    10: "v",
    11: "V",
}
_NAME_LETTER = {
    0: "-",
    1: "p",
    2: "c",
    3: "d",
    4: "b",
    5: "r",
    6: "l",
    7: "h",
    8: "s",
    9: "w",
    10: "v",
    11: "V",
}


def fs_type_name(value: int) -> str:
    return _FS_TYPES.get(int(value), f"unknown-{int(value)}")


def vs_type_name(value: int) -> str:
    return _VS_TYPES.get(int(value), f"unknown-{int(value)}")


def meta_type_letter(value: int | None) -> str:
    """fls's letters: r regular, d directory, l link, v virtual, V virtual directory, ..."""
    return "-" if value is None else _META_LETTER.get(int(value), "-")


def name_type_letter(value: int | None) -> str:
    return "-" if value is None else _NAME_LETTER.get(int(value), "-")
