"""Normalisation: CJK punctuation, character width, Unicode form, invisible characters, paragraphs.

The ``normalize`` filter runs after script conversion and before metadata parsing and boilerplate
removal, so that their patterns see one form of punctuation and spacing. It undoes the content
farm's ASCII punctuation between Chinese characters (ARTIFACTS.md §1: ``沈陽:咬定項目``,
``太大了!”``) and the layout noise of crawled dumps (``&nbsp;`` turned into U+00A0, ``\\r\\n``,
``　　`` indentation, zero-width characters, runs of blank lines).

Steps, in order (each is a compiled regex or :meth:`str.translate`, and each costs one failed
search on text that does not need it):

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
#: space, a fullwidth digit or letter): one search gates four substitutions.
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
FULLWIDTH_STOP_RE = re.compile(r"(?<=[0-9A-Za-z])．(?=[0-9A-Za-z])")
#: An innermost pair of ASCII parentheses on one line whose content holds a Han character.
HAN_PARENS_RE = re.compile(rf"\(([^()\n]*[{_HAN}][^()\n]*)\)")
#: A run of ASCII , : ; ? ! (converted only in a Chinese context, see :func:`_in_cjk_context`).
#: Searching for the run first and testing its neighbours afterwards is ~10x faster than
#: lookbehinds tried at every position (33 MB/s measured on the seeds).
ASCII_PUNCT_RUN_RE = re.compile(r"[,:;?!]+")
#: One Han character or CJK punctuation mark: the Chinese context of step 7.
CJK_CHAR_RE = re.compile(rf"[{_HAN}{_CJK_PUNCT}]")
#: ASCII punctuation -> fullwidth.
_FULLWIDTH_PUNCT = str.maketrans(",:;?!()", "，：；？！（）")
#: Whitespace at the end of a line (also a whole whitespace-only line).
TRAILING_SPACE_RE = re.compile(r"[ \t\u3000]+$", re.MULTILINE)
#: Indentation at the start of a line: spaces, tabs, ideographic spaces (``　　``).
INDENT_RE = re.compile(r"^[ \t\u3000]+", re.MULTILINE)
#: Two or more blank lines in a row (after trailing whitespace is gone).
BLANK_LINES_RE = re.compile(r"\n{3,}")


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
    if prev and CJK_CHAR_RE.match(prev):
        return True
    if (
        prev in ("\u201d", "\u2019")
        and start >= 2
        and (CJK_CHAR_RE.match(text, start - 2) or converted_end == start - 1)
    ):
        return True  # “重”?
    if prev.isascii() and prev.isalpha():  # Yahoo!奇摩, iPhone,但: a Latin word keeps its mark
        return False
    return CJK_CHAR_RE.match(text, end) is not None


def normalize_punct(text: str, log: ChangeLog | None = None) -> str:
    """ASCII ``, : ; ? ! ( )`` -> fullwidth in a Chinese context (steps 6 and 7 of the module docs).

    >>> normalize_punct("沈陽:咬定項目不放松,收獲太大了!”為何如此之“重”?縣(區)")
    '沈陽：咬定項目不放松，收獲太大了！”為何如此之“重”？縣（區）'
    >>> normalize_punct("Hello, world! 1,000 at 10:02 (iPhone) http://a.cn/?x=1")
    'Hello, world! 1,000 at 10:02 (iPhone) http://a.cn/?x=1'
    """
    if "(" in text:
        # Innermost pairs first; an outer pair qualifies once its inner pair is fullwidth.
        for _ in range(8):
            new = sub_logged(HAN_PARENS_RE, r"（\1）", text, log, "punct")
            if new == text:
                break
            text = new

    converted_end = -1  # runs are visited left to right; see _in_cjk_context

    def _punct(m: re.Match[str]) -> str:
        nonlocal converted_end
        run = m.group(0)
        if not _in_cjk_context(m.string, m.start(), m.end(), converted_end):
            return run
        converted_end = m.end()
        return run.translate(_FULLWIDTH_PUNCT)

    return sub_logged(ASCII_PUNCT_RUN_RE, _punct, text, log, "punct")


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
        text = sub_logged(NEWLINE_RE, "\n", text, log, "newline")
        text = sub_logged(CONTROL_RE, "", text, log, "control")
        text = sub_logged(ODD_SPACE_RE, " ", text, log, "space")
        if not keep_width:
            text = sub_logged(FULLWIDTH_ALNUM_RE, lambda m: m.group(0).translate(_HALFWIDTH), text, log, "width")
            if "％" in text:
                text = sub_logged(FULLWIDTH_PERCENT_RE, lambda m: "%" * len(m.group(0)), text, log, "width")
            if "．" in text:
                text = sub_logged(FULLWIDTH_STOP_RE, ".", text, log, "width")
    text = normalize_nfc(text, log)  # after width folding: Ａ + U+0301 composes only once it is A
    text = normalize_punct(text, log)
    if _layout_needs_work(text, keep_indent):
        text = sub_logged(TRAILING_SPACE_RE, "", text, log, "space")
        if not keep_indent:
            text = sub_logged(INDENT_RE, "", text, log, "indent")
        text = sub_logged(BLANK_LINES_RE, "\n\n", text, log, "blank-lines")
        text = _strip_edge_newlines(text, log)
    return text


#: Whitespace that may open or close a line.
_EDGE_SPACE = (" ", "\t", "\u3000")


def _layout_needs_work(text: str, keep_indent: bool) -> bool:
    """Cheap test (substring searches run at memchr speed) for steps 8 and 9."""
    if text[:1] in ("\n", *_EDGE_SPACE) or text[-1:] in ("\n", *_EDGE_SPACE):
        return True
    if "\n\n\n" in text or any(s + "\n" in text for s in _EDGE_SPACE):
        return True
    return not keep_indent and any("\n" + s in text for s in _EDGE_SPACE)


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
