"""Normalisation: CJK punctuation, character width, Unicode form, invisible characters, paragraphs.

The ``normalize`` filter runs after script conversion and before metadata parsing and boilerplate
removal, so that their patterns see one form of punctuation and spacing. It undoes the content
farm's ASCII punctuation between Chinese characters (ARTIFACTS.md §1: ``沈陽:咬定項目``,
``太大了!”``) and the layout noise of crawled dumps (``&nbsp;`` turned into U+00A0, ``\\r\\n``,
``　　`` indentation, zero-width characters, runs of blank lines).

Steps, in order. Speed (issue 7): each step sits behind a cheap test (one character-class search
gates steps 1-4; substring tests, which run at memchr speed, gate steps 6-9), punctuation runs are
found with :meth:`str.find` rather than a regex scan (~10 ns a character), and when the run keeps
no audit the edits are counted in bulk (``subn`` and length differences, :func:`_strip_lines`)
instead of one Python callback per match; with an audit every edit is logged with its offset:

1. line breaks: ``\\r\\n``, ``\\r``, U+2028, U+2029 -> ``\\n`` (kind ``newline``);
2. invisible characters removed: C0 controls except ``\\n`` and ``\\t``, DEL, C1 controls, and
   zero-width U+200B-U+200D, U+2060, U+FEFF (kind ``control``). Tabs are kept inside a line
   (tables, dictionary lists) and removed at either end like any other indentation;
3. no-break and typographic spaces (U+00A0, U+2000-U+200A, U+202F, U+205F) -> space (``space``);
4. fullwidth digits and Latin letters -> ASCII (``２０１２年`` -> ``2012年``, kind ``width``),
   and with them ``％`` -> ``%`` and ``．`` -> ``.`` between ASCII letters or digits
   (``３．５％`` -> ``3.5%``; ``史蒂夫．賈伯斯`` keeps its ``．``), unless ``config.keep_width``.
   Other fullwidth punctuation is never folded: it is the Chinese form;
5. NFC (kind ``nfc``), except that CJK compatibility ideographs (U+F900-U+FAFF, U+2F800-U+2FA1F)
   are left as they are: NFC would swap them for their unified twins, which changes a
   character the author (or a name register) chose (STYLE.md measured ftfy's NFC doing it);
6. ASCII parentheses -> ``（）`` when what they enclose holds a Han character (``縣(區)``,
   ``(記者 金曉玲)``); parentheses around purely non-Han content stay ASCII even beside Chinese
   (``(iPhone)``, ``(WHO)``, ``(2023)``, ``(a)``), as Chinese typesetting usually prints them
   (kind ``punct``);
7. ASCII ``, : ; ? !`` -> ``，：；？！`` in a Chinese context (kind ``punct``): a run of them
   directly after a Han character or a CJK punctuation mark (also across a closing quote that
   follows one: ``“重”?``), or directly before one when the run does not follow a Latin letter
   (``是5,而`` converts; ``Yahoo!奇摩``, ``iPhone,但`` stay). An opening quote after the run is not
   a Chinese context by itself (``5,“`` stays): deciding by the character behind it would make
   the result depend on runs not yet converted, and the rule must be idempotent. ASCII contexts never change:
   ``1,000``, ``10:02``, ``2024-01-13 10:02:56``, URLs, e-mail addresses, ``Hello, world!``;
8. trailing whitespace removed (kind ``space``); leading whitespace (``　　``, spaces, tabs)
   removed unless ``config.keep_indent`` (kind ``indent``);
9. runs of blank lines collapse to one blank line; leading and trailing blank lines go
   (kind ``blank-lines``). Lines are never joined: one paragraph stays one line.

The result is idempotent: ``normalize_text(normalize_text(x)) == normalize_text(x)`` (tested
with hypothesis on arbitrary text and on the Taiwan dev articles).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from operator import is_not
from typing import TYPE_CHECKING

from newsclean.audit import sub_logged

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig

# Character classes (strings, to build the patterns below).
#: Han characters: Extension A, URO, compatibility ideographs, and the supplementary planes.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: CJK punctuation: CJK symbols (、。〈〉《》「」『』【】〔〕…), fullwidth punctuation (！（），：；？…,
#: but not fullwidth digits and letters), the ellipsis … and the dash —.
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2026\u2014"

#: Any character that steps 1-4 act on (a line break other than \n, an invisible character, an odd
#: space, a fullwidth digit or letter): one search gates four substitutions, and where it finds
#: one, one findall tells which of them have anything to do (see _ODD_KINDS).
ODD_CHAR_GATE_RE = re.compile(
    "[\r\u2028\u2029\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff"
    "\u00a0\u2000-\u200a\u202f\u205f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]"
)
#: Line breaks other than ``\n``: CRLF, lone CR (old Mac dumps), Unicode line/paragraph separators.
NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029]")
#: Invisible characters: C0 controls but \t and \n, DEL, C1 controls (cp1252 mojibake leftovers),
#: zero-width space/joiners, word joiner, BOM/zero-width no-break space.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]+")
#: Spaces that look like a space but are not U+0020: no-break (from &nbsp;), en/em/thin spaces,
#: narrow no-break, medium mathematical space.
ODD_SPACE_RE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
#: CJK compatibility ideographs, which NFC would replace by unified ideographs (kept as they are).
COMPAT_IDEOGRAPH_RE = re.compile(r"([\uf900-\ufaff\U0002f800-\U0002fa1f])")
#: A run of fullwidth digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ).
FULLWIDTH_ALNUM_RE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
#: Fullwidth digit/letter -> ASCII (the fullwidth block sits 0xFEE0 above ASCII). Read-only.
_HALFWIDTH = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for cp in range(*r)}
#: Fullwidth percent sign: always folded (with the width step): ``５０％`` -> ``50%``.
FULLWIDTH_PERCENT_RE = re.compile("％+")
#: Fullwidth full stop between ASCII letters or digits (after width folding): ``３．５`` ->
#: ``3.5``, ``www．abc．com``. Elsewhere ``．`` stays: Taiwan prints it as a name separator
#: (``史蒂夫．賈伯斯``) and as a list or decimal mark between Chinese characters.
FULLWIDTH_STOP_RE = re.compile(r"．(?<=[0-9A-Za-z]．)(?=[0-9A-Za-z])")  # ． first: scanned for in C
#: An innermost pair of ASCII parentheses on one line whose content holds a Han character.
HAN_PARENS_RE = re.compile(rf"\(([^()\n]*[{_HAN}][^()\n]*)\)")
#: A run of ASCII , : ; ? ! (converted only in a Chinese context, see :func:`_in_cjk_context`).
#: Searching for the run first and testing its neighbours afterwards is ~10x faster than
#: lookbehinds tried at every position (33 MB/s measured on the seeds).
ASCII_PUNCT_RUN_RE = re.compile(r"[,:;?!]+")


def _class_bounds(ranges: str) -> list[str]:
    """The intervals of a regex class body made of ``a-b`` ranges and single characters, as a
    sorted list of boundaries: each interval's first character, then the one after its last."""
    spans, i = [], 0
    while i < len(ranges):
        if ranges[i + 1 : i + 2] == "-":
            spans.append((ranges[i], ranges[i + 2]))
            i += 3
        else:
            spans.append((ranges[i], ranges[i]))
            i += 1
    return [bound for lo, hi in sorted(spans) for bound in (lo, chr(ord(hi) + 1))]


#: The Han characters and CJK punctuation marks (the Chinese context of step 7), as interval
#: boundaries for :func:`_is_cjk`: a regex class of them took ~2 ms to compile (re's compiler
#: visits each of the ~27,000 BMP code points in its ranges in Python, twice), which every
#: process and -j worker paid, to test one character at a time.
_CJK_BOUNDS = _class_bounds(_HAN + _CJK_PUNCT)


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` (one character, or empty) is a Han character or a CJK punctuation mark: it
    falls inside an interval of :data:`_CJK_BOUNDS` exactly when an odd number of boundaries are
    at or below it (the intervals neither overlap nor touch; tested on every code point)."""
    return bisect_right(_CJK_BOUNDS, ch) % 2 == 1


#: ASCII punctuation -> fullwidth.
_FULLWIDTH_PUNCT = str.maketrans(",:;?!()", "，：；？！（）")
#: Whitespace at the end of a line (also a whole whitespace-only line).
TRAILING_SPACE_RE = re.compile(r"[ \t\u3000]+$", re.MULTILINE)
#: Indentation at the start of a line: spaces, tabs, ideographic spaces (``　　``).
INDENT_RE = re.compile(r"^[ \t\u3000]+", re.MULTILINE)
#: A line break with whitespace just before or just after it (a line that ends in whitespace, one
#: that is indented). The literal ``\n`` first lets the engine skip to line breaks and test only
#: their neighbours: 3x faster than the substring tests `` \n``, ``\n ``, ``\t\n``... it replaces.
_EDGE_BREAK_RE = re.compile(r"\n(?:(?<=[ \t\u3000]\n)|(?=[ \t\u3000]))")
#: The same for trailing whitespace only (``config.keep_indent``).
_TRAILING_BREAK_RE = re.compile(r"\n(?<=[ \t\u3000]\n)")
#: Two or more blank lines in a row (after trailing whitespace is gone). Spelled with a literal
#: prefix, which the engine scans for in C (``\n{3,}`` is tried at every line break, 8x slower).
BLANK_LINES_RE = re.compile(r"\n\n\n+")


def _sub(pattern: re.Pattern[str], repl: str, text: str, log: ChangeLog | None, kind: str, each: int = -1) -> str:
    """``pattern.sub(repl, text)`` with every match logged as one edit of kind ``kind``.

    ``repl`` is a constant string. When the log keeps no text (the usual run), the edits are
    counted in bulk from ``subn`` and the length change instead of one callback per match:
    ``each`` is the length of every match when it is fixed (a one-character class), else -1
    (the matched length is then recovered from the length change).
    """
    if log is None:
        return pattern.sub(repl, text)
    if log.keep:
        return log.sub(pattern, lambda m: repl, text, kind)
    new, n = pattern.subn(repl, text)
    if n:
        added = n * len(repl)
        log.add_counts(n, n * each if each >= 0 else len(text) - len(new) + added, added)
    return new


def _nfc_keeping_compat(line: str) -> str:
    """NFC of ``line``, except that CJK compatibility ideographs stay as they are."""
    parts = COMPAT_IDEOGRAPH_RE.split(line)  # odd indexes hold the compatibility ideographs
    return "".join(p if i % 2 else unicodedata.normalize("NFC", p) for i, p in enumerate(parts))


def normalize_nfc(text: str, log: ChangeLog | None = None) -> str:
    """NFC-normalise ``text`` line by line, leaving CJK compatibility ideographs alone.

    >>> normalize_nfc("Cafe\\u0301 咖啡") == "Caf\\u00e9 咖啡"
    True
    >>> normalize_nfc("\\uf900") == "\\uf900"  # 豈 (compatibility) is not swapped for U+8C48
    True
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    out, pos = [], 0
    for line in text.split("\n"):
        new = line if unicodedata.is_normalized("NFC", line) else _nfc_keeping_compat(line)
        if new != line and log is not None:
            log.add("nfc", line, new, pos)
        out.append(new)
        pos += len(line) + 1
    return "\n".join(out)


def _in_cjk_context(text: str, start: int, end: int, converted_end: int = -1) -> bool:
    """Whether the punctuation run ``text[start:end]`` stands in a Chinese context (step 7).

    ``converted_end`` is the end of the previous run converted in this pass: a run that follows
    it across a closing quote (``。:’:``) sees it as the fullwidth mark it is about to become.
    """
    prev = text[start - 1 : start]
    if _is_cjk(prev):
        return True
    if prev in ("\u201d", "\u2019") and start >= 2 and (_is_cjk(text[start - 2]) or converted_end == start - 1):
        return True  # “重”?
    if prev.isascii() and prev.isalpha():  # Yahoo!奇摩, iPhone,但: a Latin word keeps its mark
        return False
    return _is_cjk(text[end : end + 1])


def normalize_punct(text: str, log: ChangeLog | None = None) -> str:
    """ASCII ``, : ; ? ! ( )`` -> fullwidth in a Chinese context (steps 6 and 7 of the module docs).

    >>> normalize_punct("沈陽:咬定項目不放松,收獲太大了!”為何如此之“重”?縣(區)")
    '沈陽：咬定項目不放松，收獲太大了！”為何如此之“重”？縣（區）'
    >>> normalize_punct("Hello, world! 1,000 at 10:02 (iPhone) http://a.cn/?x=1")
    'Hello, world! 1,000 at 10:02 (iPhone) http://a.cn/?x=1'
    """
    if "(" in text and HAN_PARENS_RE.search(text):
        # Innermost pairs first; an outer pair qualifies once its inner pair is fullwidth.
        for _ in range(8):
            new = _fullwidth_han_parens(text, log)
            if new == text or "(" not in new:
                text = new
                break
            text = new
    # Runs are visited left to right (see _in_cjk_context); the text is rebuilt only when one
    # converts. The runs are found with str.find (memchr speed) rather than a regex scan, which
    # costs ~10 ns a character: most texts hold a few ASCII marks, in ASCII contexts (10:02, 1,000).
    pieces: list[str] = []
    pos = 0
    converted_end = -1
    keep = log is not None and log.keep
    count = chars = 0
    for start, end in _punct_runs(text):
        prev = text[start - 1] if start else ""
        # the common Chinese context first (a URO Han character before the run), then the common
        # ASCII context (10:02, 1,000, a URL): with ASCII (or nothing) on both sides, every test
        # of _in_cjk_context fails (no CJK character or closing quote either side), so skip the call
        if not "\u4e00" <= prev <= "\u9fff" and (
            (prev.isascii() and text[end : end + 1].isascii()) or not _in_cjk_context(text, start, end, converted_end)
        ):
            continue
        converted_end = end
        run = text[start:end]
        new = _FULLWIDTH_MARK[run] if end - start == 1 else run.translate(_FULLWIDTH_PUNCT)
        if keep:
            log.add("punct", run, new, start)  # type: ignore[union-attr]
        count += 1
        chars += end - start
        pieces.append(text[pos:start])
        pieces.append(new)
        pos = end
    if not pieces:
        return text
    if log is not None and not keep:
        log.add_counts(count, chars, chars)
    pieces.append(text[pos:])
    return "".join(pieces)


#: One ASCII mark -> its fullwidth form (a dict lookup beats translate on one character).
_FULLWIDTH_MARK = {c: c.translate(_FULLWIDTH_PUNCT) for c in ",:;?!"}
_PUNCT_MARKS = ",:;?!"


def _punct_runs(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`ASCII_PUNCT_RUN_RE` in ``text``, in order (found with str.find)."""
    found: list[int] = []
    for mark in _PUNCT_MARKS:
        i = text.find(mark)
        while i >= 0:
            found.append(i)
            i = text.find(mark, i + 1)
    if not found:
        return []
    found.sort()
    runs: list[tuple[int, int]] = []
    start = prev = found[0]
    for i in found[1:]:
        if i != prev + 1:
            runs.append((start, prev + 1))
            start = i
        prev = i
    runs.append((start, prev + 1))
    return runs


def _fullwidth_parens(m: re.Match[str]) -> str:
    return f"（{m.group(1)}）"


def _fullwidth_han_parens(text: str, log: ChangeLog | None) -> str:
    """One pass of ``HAN_PARENS_RE.sub(_fullwidth_parens, text)``, one edit per pair. Without an
    audit the pairs are rebuilt and counted from one re.split (the enclosed text at the odd
    indexes) instead of two Python callbacks per pair (ours and the log's)."""
    if log is not None and log.keep:
        return log.sub(HAN_PARENS_RE, _fullwidth_parens, text, "punct")
    parts = HAN_PARENS_RE.split(text)
    inner = parts[1::2]
    if not inner:
        return text
    parts[1::2] = [f"（{content}）" for content in inner]
    if log is not None:
        chars = sum(map(len, inner)) + 2 * len(inner)  # a pair's edit spans it, parentheses included
        log.add_counts(len(inner), chars, chars)
    return "".join(parts)


def normalize_text(text: str, config: CleanConfig | None = None, log: ChangeLog | None = None) -> str:
    """Normalise punctuation, width, Unicode form, invisible characters and paragraph layout.

    Damage: ARTIFACTS.md §1 (ASCII punctuation between Chinese characters) and §5 (``&nbsp;``
    leftovers), plus the layout of crawled dumps. Safe because every step is local and keyed
    on context (see the module docs for each rule); leaves alone ASCII contexts (numbers, times,
    URLs, English), fullwidth punctuation, compatibility ideographs, and the words themselves.

    >>> normalize_text("  “拜訪企業數比計劃超出一家,而且談得非常好,收獲太大了!”\\r\\n\\r\\n\\r\\n  １月９日")
    '“拜訪企業數比計劃超出一家，而且談得非常好，收獲太大了！”\\n\\n1月9日'
    >>> normalize_text("2018-08-27 10:02:56\\u00a0\\u00a0|\\u00a0\\u00a0來源:遼寧日報")
    '2018-08-27 10:02:56  |  來源：遼寧日報'
    >>> normalize_text("峰會尚未開幕，準備早已開始。")  # clean text is returned as it is
    '峰會尚未開幕，準備早已開始。'
    """
    keep_width = config.keep_width if config is not None else False
    keep_indent = config.keep_indent if config is not None else False
    if ODD_CHAR_GATE_RE.search(text):  # steps 1-4 in one search; most clean text skips them
        # Each step runs only when the text holds a character it acts on: none of the steps
        # creates a character a later one acts on (they write \n, nothing, a space, ASCII).
        odd = set(ODD_CHAR_GATE_RE.findall(text))
        if not odd.isdisjoint(_ODD_KINDS["newline"]):
            text = _sub(NEWLINE_RE, "\n", text, log, "newline")
        if not odd.isdisjoint(_ODD_KINDS["control"]):  # \r is one, but the newline step took them all
            text = _sub(CONTROL_RE, "", text, log, "control")
        if not odd.isdisjoint(_ODD_KINDS["space"]):
            text = _sub(ODD_SPACE_RE, " ", text, log, "space", each=1)
        if not keep_width:
            if not odd.isdisjoint(_ODD_KINDS["width"]):
                text = _fold_width(text, log)
            if "％" in odd:
                text = sub_logged(FULLWIDTH_PERCENT_RE, lambda m: "%" * len(m.group(0)), text, log, "width")
            if "．" in odd:
                text = _sub(FULLWIDTH_STOP_RE, ".", text, log, "width", each=1)
    text = normalize_nfc(text, log)  # after width folding: Ａ + U+0301 composes only once it is A
    text = normalize_punct(text, log)
    return _normalize_layout(text, keep_indent, log)


def _chars(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


#: The characters of ODD_CHAR_GATE_RE that each of steps 1-4 acts on (the class of its pattern).
_ODD_KINDS = {
    "newline": frozenset("\r\u2028\u2029"),
    "control": _chars((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0x200B, 0x200D), (0x2060, 0x2060), (0xFEFF, 0xFEFF)),
    "space": _chars((0xA0, 0xA0), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F)),
    "width": _chars((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)),
}


def _halfwidth(m: re.Match[str]) -> str:
    return m.group(0).translate(_HALFWIDTH)


#: FULLWIDTH_ALNUM_RE as a capturing group: re.split then returns the runs at the odd indexes.
_FULLWIDTH_ALNUM_SPLIT_RE = re.compile(f"({FULLWIDTH_ALNUM_RE.pattern})")


def _fold_width(text: str, log: ChangeLog | None) -> str:
    """Fullwidth digits and letters -> ASCII (step 4), one edit per run. Without an audit the runs
    are folded and counted from one re.split instead of one Python callback per run."""
    if log is not None and log.keep:
        return log.sub(FULLWIDTH_ALNUM_RE, _halfwidth, text, "width")
    parts = _FULLWIDTH_ALNUM_SPLIT_RE.split(text)
    if len(parts) == 1:
        return text
    runs = parts[1::2]
    parts[1::2] = [run.translate(_HALFWIDTH) for run in runs]
    if log is not None:
        chars = sum(map(len, runs))
        log.add_counts(len(runs), chars, chars)
    return "".join(parts)


#: Whitespace that may open or close a line.
_EDGE_SPACE = (" ", "\t", "\u3000")


def _normalize_layout(text: str, keep_indent: bool, log: ChangeLog | None) -> str:
    """Steps 8 and 9, each behind a cheap test: most texts need one or none."""
    # Whitespace at either end of the text, or beside a line break: one-character tests first
    # (memchr speed), then one search that stops only at line breaks (see _EDGE_BREAK_RE).
    if (" " in text or "\t" in text or "\u3000" in text) and (
        text[-1:] in _EDGE_SPACE
        or (not keep_indent and text[:1] in _EDGE_SPACE)
        or (_TRAILING_BREAK_RE if keep_indent else _EDGE_BREAK_RE).search(text)
    ):
        if log is not None and log.keep:  # the audit gets every edit with its offset
            text = log.sub(TRAILING_SPACE_RE, _empty, text, "space")
            if not keep_indent:
                text = log.sub(INDENT_RE, _empty, text, "indent")
        else:
            text = _strip_lines(text, keep_indent, log)
    if "\n\n\n" in text:
        text = _sub(BLANK_LINES_RE, "\n\n", text, log, "blank-lines")
    if text[:1] == "\n" or text[-1:] == "\n":
        text = _strip_edge_newlines(text, log)
    return text


def _empty(m: re.Match[str]) -> str:
    return ""


_EDGE_CHARS = "".join(_EDGE_SPACE)


def _strip_lines(text: str, keep_indent: bool, log: ChangeLog | None) -> str:
    """Trailing whitespace and (unless ``keep_indent``) indentation off every line, counted as
    :data:`TRAILING_SPACE_RE` and :data:`INDENT_RE` would count them (one edit per line end and
    per line start; a whitespace-only line is one trailing edit). str.rstrip and str.lstrip work
    at C speed and return the very same object when there is nothing to strip, so the edits are
    counted at C speed too: a line whose rstrip is a new object had trailing whitespace, one
    whose lstrip (after the rstrip) is a new object had indentation before some text (the lstrip
    of a whitespace-only line's empty rest is that same empty string)."""
    lines = text.split("\n")
    trimmed = [line.rstrip(_EDGE_CHARS) for line in lines]
    count = sum(map(is_not, lines, trimmed))
    new = trimmed
    if not keep_indent:
        new = [line.lstrip(_EDGE_CHARS) for line in trimmed]
        count += sum(map(is_not, trimmed, new))
    if not count:
        return text  # nothing stripped: the same object, as the substring gate used to leave it
    if log is not None:
        log.add_counts(count, len(text) - (sum(map(len, new)) + len(new) - 1), 0)
    return "\n".join(new)


def _strip_edge_newlines(text: str, log: ChangeLog | None) -> str:
    """Remove blank lines at the very start and end (plain string ops: a ``\\n+\\Z`` regex is slow)."""
    head = len(text) - len(text.lstrip("\n"))
    body = text[head:].rstrip("\n")
    if log is not None:
        if head:
            log.add("blank-lines", text[:head], "", 0)
        if head + len(body) < len(text):
            log.add("blank-lines", text[head + len(body) :], "", head + len(body))
    return body
