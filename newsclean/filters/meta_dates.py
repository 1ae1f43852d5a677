"""Publication dates: find a date-time in a header line and render it as ISO 8601.

Helpers of :mod:`newsclean.filters.meta` (ARTIFACTS.md §7). Everything here works on text that
went through :func:`fold`, a length-preserving copy of the input in which fullwidth ASCII
(``２０１２`` ``：``), the ideographic space and the traditional forms of header labels
(``時間`` ``來源`` ``編輯`` …) are folded to one form. Offsets found in the folded copy are valid
in the original, so values are always sliced from the original text (its script is kept).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regex compiled on its first use (call the result to get it), then kept.

    For patterns that most texts never reach (behind a cheap test for a word they need): a
    class of Han characters costs ~0.7 ms to compile (the compiler loops over its 21k code
    points), paid by every worker process at import when compiled there (issue 7)."""
    return cache(lambda: re.compile(pattern, flags))


#: Traditional characters of header labels and their simplified forms (one to one, so folding
#: keeps every offset). Only used for matching; values are cut from the original text.
_TRAD = "時間來編輯責記轉載發佈於訊報導點擊閱讀瀏覽號權網電圖資譯攝題標關鍵詞員聯繫佈稱說週機構單樓貼簡檔"
_SIMP = "时间来编辑责记转载发布于讯报导点击阅读浏览号权网电图资译摄题标关键词员联系布称说周机构单楼贴简档"


def _build_fold_table() -> dict[int, int]:
    """Fullwidth ASCII -> ASCII, ideographic space -> space, traditional label characters -> simplified."""
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = 0x20
    table.update({ord(t): ord(s) for t, s in zip(_TRAD, _SIMP, strict=True)})
    # brackets of bylines: 〔〕【】［］ all read as ( ) for matching
    table.update({ord(c): ord("(") for c in "〔【［"})
    table.update({ord(c): ord(")") for c in "〕】］"})
    return table


_FOLD = _build_fold_table()


@cache
def _fold_list() -> list[int]:
    """The fold table as a list indexed by code point (BMP): str.translate looks a list up
    about twice as fast as a dict; characters past its end raise IndexError and stay as they are."""
    table = list(range(0x10000))
    for cp, to in _FOLD.items():
        table[cp] = to
    return table


#: Any character that :func:`fold` changes.
FOLDABLE_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")
#: Each foldable character and what it becomes (no target is itself foldable, so one
#: str.replace per character gives the same result as str.translate).
_FOLD_STR = {chr(cp): chr(to) for cp, to in _FOLD.items()}
#: After this many distinct foldable characters, one str.translate of the rest is cheaper.
_MAX_REPLACES = 48


def fold(text: str) -> str:
    """A same-length copy of ``text`` for matching: fullwidth -> ASCII, traditional labels -> simplified.

    Speed (issue 7): ``str.translate`` costs ~25 ns a character (a table lookup per character);
    a text holds only a few distinct foldable characters (``，（）：`` …), so replacing each of
    them with one ``str.replace`` (memchr speed), found by a search that resumes where the last
    one was, is 1.5-5x faster; a text with many distinct ones falls back to ``translate``.

    >>> fold("時間：２０１２年６月１２日")
    '时间:2012年6月12日'
    >>> len(fold("〔記者林曉雲／台北報導〕")) == len("〔記者林曉雲／台北報導〕")
    True
    """
    m = FOLDABLE_RE.search(text)
    replaced = 0
    while m is not None:
        if replaced == _MAX_REPLACES:
            return text.translate(_fold_list())
        ch = m.group()
        text = text.replace(ch, _FOLD_STR[ch])
        replaced += 1
        m = FOLDABLE_RE.search(text, m.start())  # everything before it is folded already
    return text


#: A full date (year, month, day) with an optional time, in the forms news pages print:
#: 2018-08-27 10:02:56, 2005-5-7 21:23:57, 2019/05/06, 2019.05.06, 2021年3月5日 09:30,
#: 2005年3月11日12:12, 2022-02-14 03:01. Years 1900-2099 only, so counts and codes do not match.
DATETIME_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*"
    r"(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.])"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?)"
    r"(?:[\sT,]*(?:-\s*)?(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{2})(?!\d)(?:\s*[:分]\s*(?P<S>\d{2})(?!\d))?)?"
)

#: Dates with the year last. Day first, as RFI and European portals print them (06/02/2022 - 13:48),
#: unless the clock has AM/PM, the American convention, or the first number cannot be a day
#: (9/17/2004 5:54:13 AM, 7/5/2005 9:23:57 PM: month first).
DMY_RE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])"
    r"(?:[\s,]*(?:-\s*)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ampm>[AP]M))?)?"
)

#: A bare year-month or year, the whole string (``2003-5``, ``1996年6月``, ``2018``): for labels.
_PARTIAL_RE = re.compile(r"\s*(?P<y>(?:19|20)\d\d)(?:\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*月?)?\s*")


def _iso(y: str, m: str, d: str, hh: str | None, mm: str | None, ss: str | None, pm: bool = False) -> str | None:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        return None
    out = day.isoformat()
    if hh is not None and mm is not None:
        h = int(hh) + (12 if pm and int(hh) < 12 else 0)
        if h > 23 or int(mm) > 59 or (ss is not None and int(ss) > 59):
            return out
        out += f"T{h:02d}:{mm}" + (f":{ss}" if ss is not None else "")
    return out


def find_datetime(folded: str, pos: int = 0, endpos: int | None = None) -> tuple[str, int, int] | None:
    """The first valid date in ``folded[pos:endpos]`` as ``(iso, start, end)``, or None.

    ``folded`` must come from :func:`fold`.

    >>> find_datetime("时间:2023-03-21来源:未知")
    ('2023-03-21', 3, 13)
    >>> find_datetime("共签约项目38个，总投资141.7亿元") is None
    True
    >>> find_datetime("9/17/2004 5:54:13 AM")[0], find_datetime("06/02/2022 - 13:48")[0]
    ('2004-09-17T05:54:13', '2022-02-06T13:48')
    """
    end = len(folded) if endpos is None else endpos
    best: tuple[str, int, int] | None = None
    for m in DATETIME_RE.finditer(folded, pos, end):
        iso = _iso(m["y"], m["m"] or m["m2"], m["d"] or m["d2"], m["H"], m["M"], m["S"])
        if iso:
            best = (iso, m.start(), m.end())
            break
    for m in DMY_RE.finditer(folded, pos, end):
        if best is not None and m.start() > best[1]:
            break
        d, mo = m["d"], m["m"]
        if m["ampm"] is not None or int(mo) > 12:  # 9/17/2004 5:54:13 AM: the US order, month first
            d, mo = mo, d
        iso = _iso(m["y"], mo, d, m["H"], m["M"], m["S"], pm=m["ampm"] == "PM")
        if iso:
            return (iso, m.start(), m.end())
    return best


def parse_published(s: str) -> str | None:
    """Parse a printed publication time into ISO 8601, keeping the precision given.

    Finds the first date in ``s`` (labels and other text around it are ignored). A string that
    is only a year or a year and month (``2003-5``) gives ``2003-05``. Returns None when there
    is no valid date (``2024-13-45`` is not one).

    >>> parse_published("2018-08-27 10:02:56")
    '2018-08-27T10:02:56'
    >>> parse_published("2021年3月5日 09:30")
    '2021-03-05T09:30'
    >>> parse_published("發佈時間：２０１２年６月１２日")
    '2012-06-12'
    >>> parse_published("2019.05.06"), parse_published("2005-5-7 21:23:57")
    ('2019-05-06', '2005-05-07T21:23:57')
    >>> parse_published("共签约项目38个") is None
    True
    """
    folded = fold(s)
    found = find_datetime(folded)
    if found:
        return found[0]
    m = _PARTIAL_RE.fullmatch(folded)
    if m:
        if m["m"] is None:
            return m["y"]
        if 1 <= int(m["m"]) <= 12:
            return f"{m['y']}-{int(m['m']):02d}"
    return None
