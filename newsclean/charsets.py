"""Character tables shared by the filters and the decoder, derived from the codecs themselves.

No data file is needed: GB2312 level 1 (the 3,755 most common simplified characters) and Big5
level 1 (the 5,401 common traditional characters) are read off Python's codecs once, on first
use. In genuine Chinese news ~99.6% of Han characters fall in one of these sets; in mojibake
and garble the share collapses (ARTIFACTS.md §2, §4). That share is the "Chinese-likeness"
score used to accept a repair or choose a decoding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

#: A Han character (CJK Unified Ideographs, Extension A, compatibility ideographs).
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _decode_rows(codec: str, rows: range, trails: list[int]) -> frozenset[str]:
    chars = set()
    for hi in rows:
        for lo in trails:
            try:
                chars.add(bytes((hi, lo)).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@cache
def gb2312_level1() -> frozenset[str]:
    """The 3,755 GB2312 level-1 characters (rows 0xB0-0xD7)."""
    return _decode_rows("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))


@cache
def big5_level1() -> frozenset[str]:
    """The 5,401 Big5 level-1 ("common") characters (0xA440-0xC67E)."""
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    chars = _decode_rows("big5", range(0xA4, 0xC7), trails)
    # 0xC67F-0xC6FE are level-2 characters in the same lead-byte row
    extra = _decode_rows("big5", range(0xC6, 0xC7), [t for t in trails if t > 0x7E])
    return chars - extra


@cache
def common_han() -> frozenset[str]:
    """Han characters common in either script (union of the two level-1 sets)."""
    return gb2312_level1() | big5_level1()


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(HAN_RE.findall(text))


def common_share(text: str, table: frozenset[str] | None = None) -> float:
    """Share of Han characters in ``text`` that are in ``table`` (default: :func:`common_han`).

    Returns 1.0 for text without Han characters (nothing looks wrong).

    >>> common_share("我们的新闻")
    1.0
    >>> common_share("皩禹樌覀兦") < 0.5
    True
    """
    table = common_han() if table is None else table
    han = HAN_RE.findall(text)
    if not han:
        return 1.0
    return sum(1 for c in han if c in table) / len(han)


@cache
def rare_han_re() -> re.Pattern[str]:
    """One character class: the Han characters (:data:`HAN_RE`) outside :func:`common_han`.

    Searching or counting with it takes one regex call where a per-character loop over the
    text (``c not in common_han()``) took one Python step per character.
    """
    common = common_han()
    ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    return re.compile("[" + class_body(c for lo, hi in ranges for c in range(lo, hi + 1) if chr(c) not in common) + "]")


def class_body(codepoints: Iterable[int]) -> str:
    """A regex character class body for ``codepoints`` in ascending order: runs as ranges.

    Characters outside ASCII that are not white space are written as themselves, not as
    ``\\uXXXX`` escapes: the classes of rare Han characters hold thousands of ranges, and
    Python's regex parser reads a literal character about four times faster than an escape
    (rare_han_re: 14 -> 6 ms to compile, paid once per process and per worker). Anything that
    could mean something in a class (``] \\ ^ -``, ASCII, white space) stays escaped.
    """
    parts = []
    start = prev = -2
    for c in [*codepoints, -2]:
        if c == prev + 1:
            prev = c
            continue
        if start >= 0:
            parts.append(_class_char(start) if start == prev else f"{_class_char(start)}-{_class_char(prev)}")
        start = prev = c
    return "".join(parts)


def _class_char(c: int) -> str:
    ch = chr(c)
    if c < 0x80 or ch.isspace() or 0xD800 <= c <= 0xDFFF:
        return f"\\u{c:04x}" if c <= 0xFFFF else f"\\U{c:08x}"
    return ch
