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
from functools import cache, lru_cache, partial
from itertools import accumulate
from typing import TYPE_CHECKING

from newsclean import charfreq
from newsclean.charsets import HAN_RE, common_han, common_share, rare_han_re

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog

#: Two or more latin-1 letters/symbols in a row: GBK bytes read as latin-1 (`ÎÒÃÇ`). GBK lead
#: bytes are >= 0x81; a trail byte may be ASCII 0x40-0x7E (`ß@` is 這), so one such character
#: may sit between two latin-1 ones.
LATIN1_RUN_RE = re.compile(r"[\u0080-\u00ff](?:[\x40-\x7e]?[\u0080-\u00ff])+")

#: The runs re-read one by one when a whole stretch does not decode: split at U+00A0 as at a
#: space, since normalize turns one into the other and the repair must decide the same on both.
LATIN1_PIECE_RE = re.compile(r"[\u0080-\u009f\u00a1-\u00ff](?:[\x40-\x7e]?[\u0080-\u009f\u00a1-\u00ff])+")

#: A stretch of one line in latin-1 (ASCII included) with two latin-1 letters in a row in it:
#: a whole paragraph of GBK read as latin-1 is re-read at once (its punctuation `£¬` and
#: ideographic spaces `¡¡` included).
LATIN1_SEG_RE = re.compile(r"[^\n\u0100-\U0010ffff]*" + LATIN1_RUN_RE.pattern + r"[^\n\u0100-\U0010ffff]*")


def _latin1_run(m: re.Match[str]) -> str:
    run = m.group(0)
    try:
        new = run.encode("latin-1").decode("gb18030")
    except UnicodeDecodeError:
        return run
    return new if _better(run, new) else run


#: Windows-1252 characters outside latin-1: next to a latin-1 stretch they mean UTF-8 read as
#: cp1252 (`æˆ‘`), which ftfy repairs, not GBK read as latin-1.
_CP1252_EXTRA = frozenset(
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019"
    "\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)


def _latin1_segment(m: re.Match[str]) -> str:
    seg = m.group(0)
    text = m.string
    if (m.start() and text[m.start() - 1] in _CP1252_EXTRA) or (m.end() < len(text) and text[m.end()] in _CP1252_EXTRA):
        return seg
    try:
        seg.encode("latin-1").decode("utf-8")
        return seg  # UTF-8 read as latin-1: ftfy's job
    except UnicodeDecodeError:
        pass
    try:
        new = seg.encode("latin-1").decode("gb18030")
    except UnicodeDecodeError:
        new = ""
    if new and _accept(seg, new, lax=True):
        return new
    if "\xa0" in seg:  # as normalize will leave it (U+00A0 -> space): decide the same on both
        try:
            new = seg.replace("\xa0", " ").encode("latin-1").decode("gb18030")
        except UnicodeDecodeError:
            new = ""
        if new and _accept(seg, new, lax=True):
            return new
    return LATIN1_PIECE_RE.sub(_latin1_run, seg)


#: A latin-1/cp1252 character next to another one: the cheap gate before ftfy (UTF-8 read as
#: cp1252 gives `æˆ‘`, `ä»¬`: pairs of such characters). cp1252 adds € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
#: ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
CP1252_PAIR_RE = re.compile(
    r"[\u0080-\u00ff][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    r"\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

#: Least gain in mean character score for a re-read to count as clearly better.
MIN_MEAN_GAIN = 3.0


def _rare_han(text: str) -> bool:
    """True when ``text`` holds a Han character outside the common sets (one regex search)."""
    return rare_han_re().search(text) is not None


def _common_share(text: str) -> float:
    """:func:`newsclean.charsets.common_share` with its default table, the same number: the Han
    characters counted with one regex call each (common = all Han minus the rare ones), not one
    Python step per character."""
    han = len(HAN_RE.findall(text))
    if not han:
        return 1.0
    return (han - len(rare_han_re().findall(text))) / han


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
    share = _common_share(new) if table is None else common_share(new, table)
    if share < 0.95:
        return False
    if charsets_han(old) and share <= (_common_share(old) if table is None else common_share(old, table)):
        return False
    return charfreq.clears(new, charfreq.mean_score(old) + MIN_MEAN_GAIN)


def charsets_han(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(HAN_RE.findall(text))


#: One unknown byte in a re-encoded run: U+FFFD (and `?`) stand for one byte the wrong decoder
#: could not read (Python's CJK codecs replace one byte per error).
HOLE = 0

#: A run re-read by the GBK/UTF-8/Big5 repairs: CJK characters, U+FFFD, `?` between them, and
#: an ASCII byte 0x40-0x7E right after U+FFFD (a trail byte whose lead byte was lost), holding
#: at least one character that is not a lost byte (U+FFFD, `?`). The reference definition;
#: :func:`_cjk_runs` finds the same matches in linear time.
CJK_RUN_RE = re.compile(
    r"(?:[^\x00-\x7f\s\u3000]|\?|(?<=\ufffd)[\x40-\x7e])*[^\x00-\x7f\s\u3000\ufffd?]"
    r"(?:[^\x00-\x7f\s\u3000]|\?|(?<=\ufffd)[\x40-\x7e])*"
)

#: A maximal stretch of run characters (those of :data:`CJK_RUN_RE`), without lookbehind: the
#: ASCII byte allowed after U+FFFD is read with it. Possessive: a stretch is never given back.
_RUN_STRETCH_RE = re.compile(r"(?:[^\x00-\x7f\s\u3000\ufffd]|\?|\ufffd[\x40-\x7e]?)++")

#: Inside a stretch: a character that is not a lost byte (no ASCII, space or U+3000 is there but
#: the byte after U+FFFD).
_RUN_CORE_RE = re.compile(r"[^\x00-\x7f\ufffd]")


def _cjk_runs(text: str) -> list[re.Match[str]]:
    """``list(CJK_RUN_RE.finditer(text))``, without its cost: that pattern, tried at each
    character, backtracks to look for a character that is not a lost byte, and is quadratic in
    a stretch of lost bytes alone (U+FFFD pages).

    Why exact: a character's membership in the run class depends only on the character before it
    (the lookbehind), so the run characters form maximal stretches, and a match starting at any
    character of a stretch ends where the stretch does. A match needs one character of the core
    class, so it starts at the first character of the stretch (none is earlier, and from there
    the core character is reachable) when the stretch holds one, and nowhere in it otherwise.
    A stretch never starts with the ASCII byte (the U+FFFD before it would belong to it), so
    ``\ufffd[\x40-\x7e]?`` covers that byte exactly where the lookbehind allows it.
    """
    core = _RUN_CORE_RE.search
    return [m for m in _RUN_STRETCH_RE.finditer(text) if core(text, m.start(), m.end())]


#: One UTF-8 character with lost bytes (0x00 marks a lost byte).
_UTF8_UNIT_RE = re.compile(
    rb"[\xe0-\xef\x00][\x80-\xbf\x00]{2}|[\xc2-\xdf][\x80-\xbf\x00]|[\x01-\x7f]|[\xf0-\xf4][\x80-\xbf\x00]{3}"
)


def _encode_data(run: str, codec: str) -> bytes | None:
    """``run`` back to bytes with ``codec``, 0x00 (HOLE) for each lost byte (U+FFFD, `?`);
    None when a character does not encode. One encode call: the codecs are stateless, so the
    bytes are those of the characters one by one (a run never holds NUL itself)."""
    try:
        return run.replace("\ufffd", "\x00").replace("?", "\x00").encode(codec)
    except UnicodeEncodeError:
        return None


def _encode_units(run: str, codec: str) -> tuple[bytes, list[int]] | None:
    """``run`` back to bytes with ``codec`` (0x00 for each lost byte), and each character's offset."""
    data = _encode_data(run, codec)
    if data is None:
        return None
    # each character's byte length (every character of ``run`` encodes: ``data`` is not None)
    size = _gb18030_len if codec == "gb18030" else partial(_char_len, codec=codec)
    return data, [0, *accumulate(map(size, run))]


def _char_len(ch: str, codec: str) -> int:
    """Bytes of ``ch`` in ``codec``, 1 for a lost byte (U+FFFD, `?`)."""
    return 1 if ch in "\ufffd?" else len(ch.encode(codec))


@cache
def _gb18030_len(ch: str) -> int:
    """:func:`_char_len` in gb18030, memoised per character (it depends on nothing else)."""
    return _char_len(ch, "gb18030")


@cache
def _utf8_index() -> dict[bytes, tuple[str, ...]]:
    """Known characters (model, CJK punctuation) by their first UTF-8 byte."""
    # sorted: ties between candidates break the same way in every process (no hash order)
    chars = sorted(set(charfreq.load_model().counts) | set(charfreq.PUNCT))
    out: dict[bytes, list[str]] = {}
    for c in chars:
        b = c.encode("utf-8")
        if len(b) == 3:
            out.setdefault(b[:1], []).append(c)
            out.setdefault(b"*", []).append(c)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _fill_utf8(pattern: bytes, left: str, right: str) -> str | None:
    """The likeliest known character whose UTF-8 bytes fit ``pattern`` (0x00 = any byte)."""
    pool = _utf8_index().get(pattern[:1] if pattern[0] else b"*", ())
    best, best_sc = None, -1e9
    for c in pool:
        b = c.encode("utf-8")
        if all(p in (HOLE, q) for p, q in zip(pattern, b, strict=True)):
            sc = charfreq.char_logp(c)
            if left:
                sc += charfreq.pair_bonus(left, c)
            if right:
                sc += charfreq.pair_bonus(c, right)
            if sc > best_sc:
                best, best_sc = c, sc
    return best


def _decode_utf8(units: list[bytes], left: str, right: str) -> str | None:
    """Decode UTF-8 ``units``, filling lost bytes; None when too much is lost to guess (a lost
    lead byte, two lost bytes in one character, or more than a third of the characters)."""
    lost = [u for u in units if HOLE in u]
    if 2 * len(lost) > len(units) or any(u[0] == HOLE and u.count(HOLE) > 1 for u in lost):
        return None
    out: list[str | None] = []
    for u in units:
        if HOLE in u:
            out.append(None)
        else:
            try:
                out.append(u.decode("utf-8"))
            except UnicodeDecodeError:
                return None
    for k, u in enumerate(units):
        if out[k] is None:
            lc = out[k - 1] if k > 0 else left
            rc = out[k + 1] if k + 1 < len(out) else right
            out[k] = _fill_utf8(u, lc or "", rc or "")
            if out[k] is None:
                return None
    return "".join(c for c in out if c is not None)


def _utf8_windows(run: str, left: str, right: str) -> list[tuple[int, int, str]]:
    """UTF-8 read as GBK inside ``run``: ``(start, end, new)`` for each stretch of characters
    whose GBK bytes are UTF-8 (lost bytes filled from the character model).

    From each character, UTF-8 units are read on as far as they go; the stretch is the longest
    one ending on a character boundary. The units read from a byte offset are always the same,
    so what each offset leads to (:func:`_unit_chains`) is worked out once, not once per
    starting character (a run of U+FFFD, lost bytes that read as units, was quadratic).
    """
    enc = _encode_units(run, "gb18030")
    if enc is None:
        return []
    data, offs = enc
    bounds = {o: i for i, o in enumerate(offs)}
    chains = _unit_chains(data, bounds)
    # Characters a stretch can start at: any but a lost byte, and a lost byte before two
    # continuation bytes (from any other lost byte nothing is read, or the unit holds another
    # lost byte, which _decode_utf8 refuses), so runs of U+FFFD are skipped at C speed.
    starts = [m.start() for m in _NOT_HOLE_RE.finditer(run)]
    starts += [bounds[m.start()] for m in _HOLE_UNIT_RE.finditer(data)]
    starts.sort()
    out = []
    i = 0
    for k in starts:
        if k < i:
            continue
        i = k
        p = offs[i]
        good = chains(p)
        # (furthest boundary, units to it, lost units, units that lost their lead byte and more)
        if good is not None and bounds[good[0]] - i >= 2:
            end, n, lost, bad = good
            # _decode_utf8 gives None at once for these: do not build the units
            if not bad and 2 * lost <= n:
                j = bounds[end]
                lc = run[i - 1] if i > 0 else left
                rc = run[j] if j < len(run) else right
                new = _decode_utf8(_chain_units(data, offs[i], n), lc, rc)
                if new is not None:
                    out.append((i, j, new))
                    i = j
    return out


#: A character that is not a lost byte; a lost byte that starts a unit with no other one in it.
_NOT_HOLE_RE = re.compile(r"[^\ufffd?]")
_HOLE_UNIT_RE = re.compile(rb"\x00[\x80-\xbf]{2}")


def _chain_units(data: bytes, p: int, n: int) -> list[bytes]:
    """The first ``n`` UTF-8 units read from byte offset ``p``."""
    units = []
    for _ in range(n):
        m = _UTF8_UNIT_RE.match(data, p)
        assert m is not None
        units.append(m.group(0))
        p = m.end()
    return units


def _unit_chains(data: bytes, bounds: dict[int, int]) -> Callable[[int], tuple[int, int, int, int] | None]:
    """For a byte offset ``p``: reading UTF-8 units from ``p`` while they match, the furthest
    character boundary reached (None: none), with the number of units up to it, how many of
    them hold a lost byte, and how many lost their lead byte and another one. Memoised along
    the chains of units (each offset's unit is matched once)."""
    memo: dict[int, tuple[int, int, int, int] | None] = {}
    size = len(data)

    def info(p: int) -> tuple[int, int, int, int] | None:
        if p in memo:
            return memo[p]
        path: list[tuple[int, int, bool, bool]] = []  # (offset, unit end, lost, bad)
        q = p
        tail: tuple[int, int, int, int] | None = None
        while q < size:
            if q in memo:
                tail = memo[q]
                break
            m = _UTF8_UNIT_RE.match(data, q)
            if m is None:
                memo[q] = None
                break
            unit = m.group(0)
            lost = HOLE in unit
            path.append((q, m.end(), lost, lost and unit[0] == HOLE and unit.count(HOLE) > 1))
            q = m.end()
        for start, end, lost, bad in reversed(path):
            if tail is not None:
                tail = (tail[0], tail[1] + 1, tail[2] + lost, tail[3] + bad)
            elif end in bounds:
                tail = (end, 1, int(lost), int(bad))
            memo[start] = tail
        return memo.get(p)

    return info


def _reread(run: str, enc: str, dec: str, left: str, right: str) -> str | None:
    """``run`` encoded with ``enc`` and decoded as ``dec`` (lost bytes filled when ``dec`` is GBK)."""
    data = _encode_data(run, enc)
    if data is None:
        return None
    if 4 * data.count(HOLE) > len(data):  # mostly lost (口字码, U+FFFD runs): not a re-read
        return None
    if HOLE not in data:
        try:
            return data.decode(dec)
        except UnicodeDecodeError:
            return None
    if dec != "gbk":
        return None
    from newsclean.filters.garble import decode_gbk_units

    units: list[int | None] = [None if b == HOLE else b for b in data]
    return decode_gbk_units(units, left, right, None, guess_both=True)  # type: ignore[arg-type]


def _known_share(text: str) -> float:
    """Share of Han characters that are common or known to the model (1.0 without Han)."""
    han = len(HAN_RE.findall(text))
    if not han:
        return 1.0
    # every Han character is common or rare: only the rare ones need looking up in the model
    counts = charfreq.load_model().counts
    unknown = sum(1 for c in rare_han_re().findall(text) if c not in counts)
    return (han - unknown) / han


def _accept(old: str, new: str, lax: bool = False) -> bool:
    """``new`` is clean and clearly more Chinese-like than ``old``.

    ``lax`` (a strict re-read of a whole latin-1 stretch, no guessed bytes): `?` and the
    symbols of GBK's symbol rows (①) may stay, only PUA and U+FFFD count against it.
    """
    if not new or new == old or "\ufffd" in new or (not lax and "?" in new):
        return False
    if (_PUA_RE if lax else _ODD_RE).search(new) or not HAN_RE.search(new):
        return False
    if _common_share(new) < 0.8 or _known_share(new) < 0.95:
        return False
    return charfreq.clears(new, charfreq.mean_score(old) + MIN_MEAN_GAIN)


#: Characters that never occur in news prose: PUA, kana, box drawing, enclosed numbers,
#: bopomofo, Greek and Cyrillic letters (GBK symbol rows), U+FFFD.
_ODD_RE = re.compile(r"[\ue000-\uf8ff\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\u3105-\u3129\u0370-\u04ff\ufffd]")

#: Private Use Area characters (GBK user-defined rows).
_PUA_RE = re.compile(r"[\ue000-\uf8ff]")

#: Families re-read on a whole run: (kind, encode with, decode with).
_RUN_REREADS = (
    ("big5-as-gbk", "gb18030", "cp950"),
    ("gbk-as-big5", "cp950", "gbk"),
)


#: A stretch of one line that a Big5 decoder read in one go: no byte below 0x40 (spaces, digits,
#: ASCII punctuation, line breaks), so it starts on a character boundary of the original bytes
#: (GBK trail bytes are >= 0x40; letters and ``@[]{}`` may be trail bytes and stay inside).
_BIG5_SEG_RE = re.compile(r"[^\x00-\x3f]+")


@cache
def _big5_bad_leads(nxt: int) -> frozenset[int]:
    """Bytes ``h`` >= 0x80 that Python's ``big5`` decoder cannot read as a lead before ``nxt``.

    GBK read as Big5 (``data.decode("big5", errors="replace")``, what a Python pipeline does;
    cp950 and big5hkscs behave alike): a lead byte that does not pair becomes one U+FFFD and the
    byte after it is read again as a lead. So each U+FFFD is exactly one lost byte, and it is
    one of these (a browser's WHATWG decoder swallows a non-ASCII trail with the lead: one
    U+FFFD for two bytes; not modelled).
    """
    out = []
    for h in range(0x80, 0x100):
        try:
            bytes((h, nxt)).decode("big5")
        except UnicodeDecodeError:
            out.append(h)
    return frozenset(out)


def _reread_gbk_as_big5(seg: str, left: str, right: str) -> str | None:
    """``seg`` (text that was GBK bytes read as Big5) read back as GBK, lost bytes filled."""
    # one encode call, each U+FFFD as NUL (0x00, HOLE): ``seg`` is a _BIG5_SEG_RE stretch,
    # which never holds NUL itself
    try:
        data = seg.replace("\ufffd", "\x00").encode("cp950")
    except UnicodeEncodeError:
        return None
    holes = seg.count("\ufffd")
    if not holes:
        try:
            return data.decode("gbk")
        except UnicodeDecodeError:
            return None
    if 3 * holes > len(data):
        return None
    units: list[int | frozenset[int] | None] = [None if b == HOLE else b for b in data]
    for i, u in enumerate(units):
        if u is None and i + 1 < len(units):
            nxt = units[i + 1]
            if isinstance(nxt, int):
                units[i] = _big5_bad_leads(nxt)
    from newsclean.filters.garble import decode_gbk_units

    return decode_gbk_units(units, left, right, None, guess_both=True)


def _fix_big5_segments(text: str) -> list[tuple[int, int, str, str]]:
    """GBK read as Big5, stretch by stretch (a whole stretch of the line, ASCII letters
    included: trail bytes 0x40-0x7E show as letters, so a run of CJK characters alone would
    cut characters in two): ``(start, end, new, "gbk-as-big5")`` for each accepted re-read."""
    fixes: list[tuple[int, int, str, str]] = []
    for m in _BIG5_SEG_RE.finditer(text):
        seg = m.group(0)
        # a lost byte (U+FFFD) is the sign of this family; stretches without one are left to
        # the run re-reads below (which also try GBK read as Big5)
        if "\ufffd" not in seg or not HAN_RE.search(seg):
            continue
        left = text[m.start() - 1] if m.start() else ""
        right = text[m.end()] if m.end() < len(text) else ""
        new = _reread_gbk_as_big5(seg, left, right)
        if new is not None and _accept(seg, new):
            fixes.append((m.start(), m.end(), new, "gbk-as-big5"))
    return fixes


def _suspect_run(run: str) -> bool:
    """A run worth re-reading: U+FFFD, odd symbols, or two characters outside the common sets."""
    if "\ufffd" in run or _ODD_RE.search(run):
        return True
    first = rare_han_re().search(run)
    return first is not None and rare_han_re().search(run, first.end()) is not None


#: A character that is not part of a run (:data:`_RUN_STRETCH_RE`): ASCII but `?`, white space,
#: U+3000, except a byte 0x40-0x7E right after U+FFFD. Written as one class first (the search
#: skips to its characters at C speed), the exception as a lookbehind.
_STRETCH_BREAK = r"[\x00-\x3e\x40-\x7f\s\u3000](?<!\ufffd[\x40-\x7e])"
#: The last such character before the end (``endpos``) of a search.
_LAST_STRETCH_BREAK_RE = re.compile(_STRETCH_BREAK + r"(?=(?:[^\x00-\x7f\s\u3000]|\?|(?<=\ufffd)[\x40-\x7e])*+\Z)")


def _suspect_runs(text: str) -> list[re.Match[str]]:
    """``[m for m in _cjk_runs(text) if _suspect_run(m.group(0))]``, visiting only the runs
    that hold a suspect character (glossed text has a run at every pinyin letter such as `à`).

    Why exact: a suspect run holds U+FFFD, an odd symbol or a rare Han character, all of them
    run characters (:data:`_RUN_STRETCH_RE`; none is ASCII or white space). The stretch of
    run characters holding one starts after the last character before it that is not a run
    character (membership depends only on the character before, :func:`_cjk_runs`), and the
    stretch is a run when it holds a core character, as there.

    The next suspect is the earlier of the next match of :data:`_ODD_RE` and of
    :func:`newsclean.charsets.rare_han_re`, each searched again only once the stretches have
    passed it (a U+FFFD page: one step per stretch). One class of both took 8 ms to compile
    in each process.
    """
    runs: list[re.Match[str]] = []
    core = _RUN_CORE_RE.search
    odd, rare = _ODD_RE.search, rare_han_re().search
    end = 0  # stretches are disjoint: the one holding a later suspect starts at or after this
    next_odd, next_rare = odd(text), rare(text)
    while next_odd is not None or next_rare is not None:
        if next_odd is not None and (next_rare is None or next_odd.start() < next_rare.start()):
            p = next_odd.start()
        else:
            assert next_rare is not None
            p = next_rare.start()
        brk = _LAST_STRETCH_BREAK_RE.search(text, end, p)
        run = _RUN_STRETCH_RE.match(text, end if brk is None else brk.end())
        if run is None:  # cannot happen: the suspect is a run character
            break
        end = run.end()
        if core(text, run.start(), end) and _suspect_run(run.group(0)):
            runs.append(run)
        # the next suspects after this stretch
        if next_odd is not None and next_odd.start() < end:
            next_odd = odd(text, end)
        if next_rare is not None and next_rare.start() < end:
            next_rare = rare(text, end)
    return runs


def _fix_cjk_runs(text: str) -> list[tuple[int, int, str, str]]:
    """Re-reads of the CJK runs of ``text``: ``(start, end, new, kind)``, in order."""
    fixes: list[tuple[int, int, str, str]] = []
    runs = _suspect_runs(text)
    # every re-read gives Han text: a run without Han (Русский, a kana word) is judged only
    # along with the rest of its text (the family that fixed most of it also gets the short runs)
    suspects = [m for m in runs if HAN_RE.search(m.group(0))]
    pending = [m for m in runs if not HAN_RE.search(m.group(0))]
    if not suspects:
        return fixes
    votes: dict[str, int] = {}
    for m in suspects:
        run = m.group(0)
        left = text[m.start() - 1] if m.start() else ""
        right = text[m.end()] if m.end() < len(text) else ""
        best: tuple[float, str, str] | None = None
        for kind, enc, dec in _RUN_REREADS:
            new = _reread(run, enc, dec, left, right)
            if new is not None and _accept(run, new):
                sc = charfreq.mean_score(new)
                if best is None or sc > best[0]:
                    best = (sc, new, kind)
        wins = _utf8_windows(run, left, right)
        wins = [w for w in wins if _accept(run[w[0] : w[1]], w[2])]
        if wins and (best is None or sum(w[1] - w[0] for w in wins) >= len(run) - 1):
            for s, e, new in wins:
                fixes.append((m.start() + s, m.start() + e, new, "utf8-as-gbk"))
            votes["utf8-as-gbk"] = votes.get("utf8-as-gbk", 0) + 1
        elif best is not None:
            fixes.append((m.start(), m.end(), best[1], best[2]))
            votes[best[2]] = votes.get(best[2], 0) + 1
        else:
            pending.append(m)
    if pending and votes:
        kind = max(votes, key=lambda k: votes[k])
        for m in pending:
            run = m.group(0)
            left = text[m.start() - 1] if m.start() else ""
            right = text[m.end()] if m.end() < len(text) else ""
            if kind == "utf8-as-gbk":
                for s, e, new in _utf8_windows(run, left, right):
                    if _known_share(new) == 1.0 and not _ODD_RE.search(new):
                        fixes.append((m.start() + s, m.start() + e, new, kind))
                continue
            enc, dec = next((e, d) for k, e, d in _RUN_REREADS if k == kind)
            new = _reread(run, enc, dec, left, right)
            if new is not None and new != run and _known_share(new) == 1.0 and not _ODD_RE.search(new):
                if charfreq.mean_score(new) >= charfreq.mean_score(run):
                    fixes.append((m.start(), m.end(), new, kind))
    fixes.sort()
    return fixes


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


#: The single-byte encodings ftfy's UTF-8 clues (``ftfy.chardata.UTF8_CLUES``) are read from.
_CLUE_CODECS = ("latin-1", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257")


def _decoded(lo: int, hi: int) -> str:
    """The characters bytes ``lo``-``hi`` read as in any of :data:`_CLUE_CODECS`, escaped for a class."""
    chars = {c for codec in _CLUE_CODECS for c in bytes(range(lo, hi + 1)).decode(codec, errors="ignore")}
    return re.escape("".join(sorted(chars)))


@cache
def _utf8_clue_re() -> re.Pattern[str]:
    """What ftfy needs to change a line that holds a Han character: a character that reads as
    a UTF-8 lead byte (0xC2-0xF4) followed by one that reads as a continuation byte (0x80-0xBF,
    or a space standing for 0xA0), a C1 control character, or a surrogate.

    Why: a Han character is in none of ftfy's single-byte encodings, so ftfy cannot re-read
    such a line whole, and the line keeps it through every step. What is left to ftfy (6.x,
    with :func:`_ftfy_config`) is ``decode_inconsistent_utf8``, which re-reads the matches of
    its ``UTF8_DETECTOR_RE`` (each starts with such a pair: this class pair holds ftfy's
    ``utf8_first_of_*`` and ``utf8_continuation`` classes, tested), ``fix_c1_controls`` and
    ``fix_surrogates``. Without any of them ftfy gives the line back unchanged, so it need not
    be called, or even imported (50 ms per process). Lines with two NBSPs, or a pinyin gloss
    next to latin-1 text, are the common case.
    """
    return re.compile(f"[{_decoded(0xC2, 0xF4)}][{_decoded(0x80, 0xBF)} ]|[\x80-\x9f\ud800-\udfff]")


#: ftfy cuts a text into segments at line breaks and every this many characters (its
#: ``max_decode_length``); a line is one segment when it is no longer.
_FTFY_SEGMENT = 1_000_000


def _ftfy_may_change(line: str) -> bool:
    """False when :func:`_ftfy_line` gives ``line`` back as it is (see :func:`_utf8_clue_re`):
    ``line`` (one line, one ftfy segment) holds a Han character and no UTF-8 clue."""
    if len(line) > _FTFY_SEGMENT or not HAN_RE.search(line):
        return True
    return _utf8_clue_re().search(line) is not None


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
    # 拼音码: GBK read as latin-1, a whole stretch of latin-1 text at once, else run by run
    if LATIN1_RUN_RE.search(text):
        text = _sub(LATIN1_SEG_RE, _latin1_segment, text, log, "mojibake-gbk-as-latin1")
    # UTF-8 read as cp1252/latin-1: ftfy, line by line, only where the gate matches
    if CP1252_PAIR_RE.search(text):
        lines = text.splitlines(keepends=True)
        pos = 0
        out = []
        for line in lines:
            new = line
            if CP1252_PAIR_RE.search(line) and _ftfy_may_change(line):
                fixed = _ftfy_line(line)
                if fixed != line and charsets_han(fixed) > charsets_han(line):
                    new = fixed
                    _log_diff(log, "mojibake-utf8-as-cp1252", line, new, pos)
            out.append(new)
            pos += len(line)
        text = "".join(out)
    # 古文码 and Big5/GBK swaps: runs with rare characters, odd symbols or U+FFFD in them
    if "\ufffd" in text:
        for s, e, new, kind in reversed(_fix_big5_segments(text)):
            if log is not None:
                log.add(f"mojibake-{kind}", text[s:e], new, s)
            text = text[:s] + new + text[e:]
    if _rare_han(text) or "\ufffd" in text or _ODD_RE.search(text):
        for s, e, new, kind in reversed(_fix_cjk_runs(text)):
            if log is not None:
                log.add(f"mojibake-{kind}", text[s:e], new, s)
            text = text[:s] + new + text[e:]
    return text


def _sub(
    pattern: re.Pattern[str], fn: Callable[[re.Match[str]], str], text: str, log: ChangeLog | None, kind: str
) -> str:
    from newsclean.audit import sub_logged

    return sub_logged(pattern, fn, text, log, kind)
