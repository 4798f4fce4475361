"""Examiner names: one normal form, no invisible characters, no look-alikes of another examiner."""

import re
import unicodedata
from collections.abc import Iterable

from chain_of_custody.errors import IdentityError

# Characters that render as nothing or reorder text: format (Cf: zero-width, bidi controls, soft
# hyphen), control, private use, unassigned, surrogates, line and paragraph separators.
_HIDDEN_CATEGORIES = {"Cf", "Cc", "Co", "Cn", "Cs", "Zl", "Zp"}
# Blank letters that are not Cf: Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}

# Letters from other scripts that print like Latin ones (Cyrillic, Greek, IPA), and digits or
# symbols that print like letters; i, l and 1 are one letter (I and l look alike in many fonts).
# Folded before comparing names, never stored.
_LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "һ": "h", "і": "l", "ј": "j", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
        "ԝ": "w", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ɡ": "g", "ɑ": "a", "ı": "l", "ȷ": "j",
        "0": "o", "1": "l", "|": "l", "i": "l", "5": "s", "$": "s", "@": "a",
    }
)  # fmt: skip


def normalise_name(name: str) -> str:
    """The stored form of a name (NFKC, single spaces), or IdentityError saying what is wrong."""
    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        raise IdentityError("an examiner needs a name")
    for char in text:
        category = unicodedata.category(char)
        if category in _HIDDEN_CATEGORIES or char in _BLANK_LETTERS or (char.isspace() and char != " "):
            raise IdentityError(
                f"examiner name {name!r} contains an invisible or control character "
                f"U+{ord(char):04X} ({unicodedata.name(char, category)}); type the name again"
            )
    if "  " in text:
        raise IdentityError(f"examiner name {name!r} has two spaces in a row")
    if len(text) > 100:
        raise IdentityError("an examiner name has at most 100 characters")
    return text


def skeleton(name: str) -> str:
    """What a name looks like: case, accents, look-alike letters and separators folded away."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(_LOOK_ALIKES).replace("rn", "m")
    return re.sub(r"[\W_]+", "", text)


def imitated(name: str, known: Iterable[str]) -> str | None:
    """The known name that `name` imitates (looks the same but is not the same text), if any."""
    mine = skeleton(name)
    for other in known:
        if other != name and skeleton(other) == mine:
            return other
    return None
