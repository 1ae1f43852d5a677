"""Classic mojibake: text decoded with the wrong codec, repaired span by span.

Damage (ARTIFACTS.md §3):

- 古文码, UTF-8 read as GBK: `鎴戜滑` -> `我们` (encode gb18030, decode UTF-8);
- 拼音码, GBK read as latin-1: `ÎÒÃÇ` -> `我们` (encode latin-1, decode gb18030);
- UTF-8 read as cp1252/latin-1: `æˆ‘ä»¬` -> `我们` (ftfy, only on lines holding such characters,
  with CJK-safe settings: its defaults turn ，（）：“”！ into ASCII);
- Big5 read as GBK and GBK read as Big5: runs of rare characters (re-encode, score both).

Why safe: a span is replaced only when the re-read decodes strictly and comes out clearly more
Chinese-like (share of common characters, character model score). Genuine text either fails the
strict decode or loses the comparison: `café`, `naïve`, `Müller`, `5°C`, `©` hold a single
latin-1 letter in a word and are left alone, as are genuine simplified and traditional sentences
and kana. Unrepairable damage (锟斤拷, U+FFFD) is not handled here but in
:mod:`newsclean.filters.repair`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from newsclean import charfreq
from newsclean.charsets import HAN_RE, big5_level1, common_han, common_share, gb2312_level1

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog

#: Two or more latin-1 letters/symbols in a row: GBK bytes read as latin-1 (`ÎÒÃÇ`). GBK lead
#: bytes are >= 0x81; a trail byte may be ASCII 0x40-0x7E (`ß@` is 這), so one such character
#: may sit between two latin-1 ones.
LATIN1_RUN_RE = re.compile(r"[\u0080-\u00ff](?:[\x40-\x7e]?[\u0080-\u00ff])+")

#: A latin-1/cp1252 character next to another one: the cheap gate before ftfy (UTF-8 read as
#: cp1252 gives `æˆ‘`, `ä»¬`: pairs of such characters). cp1252 adds € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
#: ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
CP1252_PAIR_RE = re.compile(
    r"[\u0080-\u00ff][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    r"\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

#: A run of CJK characters (no ASCII, no space): the unit re-read by the GBK/UTF-8/Big5 repairs.
CJK_RUN_RE = re.compile(r"[^\x00-\x7f\s\u3000]{2,}")

#: Least gain in mean character score for a re-read to count as clearly better.
MIN_MEAN_GAIN = 3.0


def _rare_han(text: str) -> bool:
    """True when ``text`` holds a Han character outside the common sets (cheap: set difference)."""
    return any(HAN_RE.match(c) for c in set(text) - common_han())


def _rare_re(text: str) -> re.Pattern[str] | None:
    """A pattern for the rare Han characters of ``text`` (None when there are none)."""
    rare = [c for c in set(text) - common_han() if HAN_RE.match(c)]
    return re.compile("[" + re.escape("".join(rare)) + "]") if rare else None


def _better(old: str, new: str, table: frozenset[str] | None = None) -> bool:
    """``new`` is clearly more Chinese-like than ``old``."""
    if not new or "\ufffd" in new or any("\ue000" <= c <= "\uf8ff" for c in new):
        return False
    if charsets_han(new) == 0:
        return False
    share = common_share(new, table)
    if share < 0.95:
        return False
    if charsets_han(old) and share <= common_share(old, table):
        return False
    return charfreq.mean_score(new) >= charfreq.mean_score(old) + MIN_MEAN_GAIN


def charsets_han(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(HAN_RE.findall(text))


def _reread(encode: str, decode: str) -> Callable[[str], str | None]:
    def fn(s: str) -> str | None:
        try:
            return s.encode(encode).decode(decode)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None

    return fn


#: Re-reads tried on a run of CJK characters with rare characters in it, and the table used to
#: judge the result (GB for simplified results, Big5 for traditional ones).
_CJK_REREADS: tuple[tuple[str, Callable[[str], str | None], str], ...] = (
    ("utf8-as-gbk", _reread("gb18030", "utf-8"), "common"),
    ("big5-as-gbk", _reread("gbk", "cp950"), "big5"),
    ("gbk-as-big5", _reread("cp950", "gbk"), "gb"),
)


def _table(name: str) -> frozenset[str]:
    if name == "big5":
        return big5_level1()
    if name == "gb":
        return gb2312_level1()
    return common_han()


def _fix_cjk_run(run: str) -> tuple[str, str] | None:
    """Best re-read of one CJK run, ``(new, kind)``, or None."""
    if common_share(run) >= 0.9:  # mostly common characters: genuine text
        return None
    for kind, fn, table in _CJK_REREADS:
        new = fn(run)
        if new is not None and new != run and _better(run, new, _table(table)):
            return new, kind
    return None


@cache
def _ftfy_config() -> object:
    import ftfy  # heavy: imported on first use only

    # CJK-safe: width folding and quote uncurling turn ，（）：“”！ into ASCII; NFC swaps
    # compatibility ideographs; HTML is strip-html's job; line breaks and controls are left as is.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _ftfy_line(line: str) -> str:
    import ftfy

    return ftfy.fix_text(line, config=_ftfy_config())  # type: ignore[arg-type]


def _log_diff(log: ChangeLog | None, kind: str, old: str, new: str, offset: int) -> None:
    """Log the changed middle of ``old`` -> ``new`` (common prefix and suffix trimmed)."""
    if log is None or old == new:
        return
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    log.add(kind, old[p : len(old) - q], new[p : len(new) - q], offset + p)


def repair_mojibake(text: str, log: ChangeLog | None = None) -> str:
    """Repair spans of text decoded with the wrong codec (ARTIFACTS.md §3).

    >>> repair_mojibake("鎴戜滑鐨勬柊")
    '我们的新'
    >>> repair_mojibake("ÎÒÃÇµÄÐÂÎÅ")
    '我们的新闻'
    >>> repair_mojibake("æˆ‘ä»¬çš„æ–°é—»")
    '我们的新闻'
    >>> repair_mojibake("Müller 在 café 喝咖啡，5°C。")
    'Müller 在 café 喝咖啡，5°C。'
    """
    # UTF-8 read as cp1252/latin-1: ftfy, line by line, only where the gate matches
    if CP1252_PAIR_RE.search(text):
        lines = text.splitlines(keepends=True)
        pos = 0
        out = []
        for line in lines:
            new = line
            if CP1252_PAIR_RE.search(line):
                fixed = _ftfy_line(line)
                if fixed != line and charsets_han(fixed) > charsets_han(line):
                    new = fixed
                    _log_diff(log, "mojibake-utf8-as-cp1252", line, new, pos)
            out.append(new)
            pos += len(line)
        text = "".join(out)
    # 拼音码: GBK read as latin-1
    if LATIN1_RUN_RE.search(text):

        def _latin1(m: re.Match[str]) -> str:
            run = m.group(0)
            try:
                new = run.encode("latin-1").decode("gb18030")
            except UnicodeDecodeError:
                return run
            return new if _better(run, new) else run

        text = _sub(LATIN1_RUN_RE, _latin1, text, log, "mojibake-gbk-as-latin1")
    # 古文码 and Big5/GBK swaps: runs with rare characters in them
    rare_re = _rare_re(text)
    if rare_re is not None:
        fixes: list[tuple[int, int, str, str]] = []
        for m in CJK_RUN_RE.finditer(text):
            # mojibake runs are full of rare characters; one or two is a name or a term
            if len(rare_re.findall(m.group(0))) < 2:
                continue
            found = _fix_cjk_run(m.group(0))
            if found is not None:
                fixes.append((m.start(), m.end(), found[0], found[1]))
        for s, e, new, kind in reversed(fixes):
            if log is not None:
                log.add(f"mojibake-{kind}", text[s:e], new, s)
            text = text[:s] + new + text[e:]
    return text


def _sub(
    pattern: re.Pattern[str], fn: Callable[[re.Match[str]], str], text: str, log: ChangeLog | None, kind: str
) -> str:
    from newsclean.audit import sub_logged

    return sub_logged(pattern, fn, text, log, kind)
