"""Misaligned-GBK garble: find the spans, re-read their bytes in step, drop what cannot be repaired.

Damage (ARTIFACTS.md §2): a page held as GBK bytes got one stray byte, so each following byte
pair was read across character boundaries (`。”“一手抓招商` -> `?!薄耙皇肿フ猩?`) until an ASCII
byte or a lost byte put the reader back in step. A byte that could not be read became `?`; a
fullwidth `！` read by accident became `!`; a character the content farm glossed can sit in the
garble with its `(` lost (`鏈?zhǔn)秸猩`: the `?zhǔn)` stands for one byte of `式`).

Repair: encode the span back to bytes with gb18030 (PUA characters are GBK user-defined byte
pairs, ASCII characters are real bytes and may be trail bytes: `說` = D5 66 shows as `ふf`),
treat each `?` as one unknown byte, re-pair the bytes from the right place, and fill unknown
bytes with the character model (:mod:`newsclean.charfreq`). A repair is accepted only when the
result is clean (no rare or out-of-place characters left) and scores clearly higher than the
garble. Genuine text (rare characters such as `産` or `酯`, a `?` at a sentence end, kana
words) does not match the garble pattern strongly enough, or loses the comparison.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from newsclean import charfreq
from newsclean.charsets import class_body, common_han, rare_han_re

#: Letters of tone-marked pinyin, as the content farm writes glosses.
_PY = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
#: The same letters, as a character class body, for patterns built elsewhere (repair).
PINYIN_LETTERS = _PY

#: Cheap trigger for the fast path: PUA characters (GBK user-defined rows), `?` touching a
#: non-ASCII character, a gloss that lost its `(` (`?zhǔn)`), and symbols that only turn up
#: in Chinese text as misread byte pairs (kana, enclosed numbers, box drawing, bopomofo).
TRIGGER_RE = re.compile(
    rf"[\ue000-\uf8ff\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\u3105-\u3129?]"
    rf"(?:(?<=\?)(?:[{_PY}]{{1,6}}\)|(?=[^\x00-\x7f\s])|(?<=[^\x00-\x7f\s]\?))|(?<!\?))"
)
# (one class first, `?` included, so a search skips to its characters at C speed, as it does
# for a pattern that starts with a class and not for alternatives; the branches after it say
# what a `?` needs: the matches are those of ``[symbols]|\?(?:half gloss|(?=..)|(?<=..))``,
# each as long as there)

#: A gloss that lost its `(` to the garble (`?zhǔn)`).
HALF_GLOSS_RE = re.compile(rf"\?[{_PY}]{{1,6}}\)")

#: One token of a garble run: a half gloss `?zhǔn)`, a lost byte `?`, a misread `！` (`!`),
#: or any non-ASCII, non-space character (all of them are two bytes in GBK).
TOKEN_RE = re.compile(rf"\?[{_PY}]{{1,6}}\)|\?|!|[^\x00-\x7f\s\u3000]")

#: A run: consecutive tokens with at least one non-ASCII character in it.
RUN_RE = re.compile(rf"(?:[^\x00-\x7f\s\u3000]++|\?[{_PY}]{{1,6}}\)|\?|!)+")
# (the tokens of ``(?:\?[{_PY}]{{1,6}}\)|\?|!|[^\x00-\x7f\s\u3000])+``, the same matches: a
# half gloss can only start at `?`, which the class leaves out, so the tokens are read the same
# way, but a stretch of plain characters is taken in one step instead of one branch each)

#: Characters no run can hold: white space, U+3000, and ASCII but for `?`, `!`, and the letters
#: and `)` of a half gloss.
_RUN_BREAK = r"\x00-\x20\x22-\x28\x2a-\x3e\x40-\x60\x7b-\x7f\s\u3000"
#: The last such character before the end (``endpos``) of a search.
_LAST_BREAK_RE = re.compile(rf"[{_RUN_BREAK}](?=[^{_RUN_BREAK}]*+\Z)")

#: A well-formed gloss `(jìn)`, left for strip-pinyin but ignored when scoring.
GLOSS_RE = re.compile(rf"\([{_PY}]{{1,6}}\)")

#: Symbols that are read off GBK's symbol rows by misalignment and never belong in news prose.
_ODD_SYMBOL_RE = re.compile(
    r"[\ue000-\uf8ff\u2460-\u24ff\u2502-\u257f\u3040-\u30ff\u3105-\u3129\u0370-\u04ff\ufe10-\ufe4f\ufffd]"
)

#: Least score gain (natural log units) for a repair to count as clearly better.
MIN_GAIN = 8.0
#: Least score gain per replaced character.
MIN_GAIN_PER_CHAR = 1.5


@dataclass(frozen=True, slots=True)
class GarbleFix:
    """One garble span: ``text[start:end]`` and its repair (``None`` when it cannot be repaired)."""

    start: int
    end: int
    old: str
    new: str | None


class _Tok(NamedTuple):
    """One token (a named tuple: built by the hundred per run, several times cheaper than a
    frozen dataclass)."""

    kind: str  # "wild" (lost byte), "half" (half gloss), "char", "trail" (final ASCII byte)
    text: str
    start: int
    end: int
    data: bytes  # the token's bytes ("" for wild / half)


# _is_odd and _is_rare are asked about every token of a run, several times over: memoised per
# character (their answer depends on the character alone), a dict lookup instead of a regex
# match and two set lookups.
@cache
def _is_odd(ch: str) -> bool:
    """A character that does not belong in news prose: PUA, misread symbols, rare Han."""
    if _ODD_SYMBOL_RE.match(ch):
        return True
    return "\u3400" <= ch <= "\u9fff" and ch not in common_han() and ch not in charfreq.load_model().counts


@cache
def _is_rare(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" and ch not in common_han()


@cache
def _valid_reading(letters: str) -> bool:
    return bool(charfreq.chars_with_reading(letters))


@cache
def _gbk_bytes(ch: str) -> bytes:
    """``ch`` in gb18030 (b"" for a lone surrogate, which no decoder produces): per character,
    once per process (the bytes of a character depend on nothing else)."""
    try:
        return ch.encode("gb18030")
    except UnicodeEncodeError:
        return b""


_BANG_BYTES = "！".encode("gb18030")


@cache
def _gbk2_class() -> str:
    """Class body: the GBK two-byte characters that are neither white space nor U+3000 (the
    characters a token can hold). Its complement, minus ASCII, white space and U+3000, is the
    one-character tokens GBK cannot hold (U+FFFD, ʷ, 𠀀, lone surrogates); written as a negated
    class, because GBK's characters make a few hundred ranges (CJK U+4E00-U+9FA5 is one) where
    the characters outside it made thousands (50 ms to build and compile on first use)."""
    return class_body(sorted(ord(c) for c in _gbk2_chars() if not c.isspace() and c != "\u3000"))


@cache
def _skip_re() -> re.Pattern[str]:
    """A stretch of one-character tokens GBK cannot hold: :func:`_tokens` skips them while it
    has no token yet. (``\\s`` in a class is :meth:`str.isspace`.)"""
    return re.compile("[^\\x00-\\x7f\\s\u3000" + _gbk2_class() + "]*")


@cache
def _not_gbk2_re() -> re.Pattern[str]:
    """Any character that is not a plain two-byte token: ASCII (`?`, `!` and what no token
    holds), white space, U+3000, and the tokens GBK cannot hold."""
    return re.compile("[^" + _gbk2_class() + "]")


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    """The tokens of ``text[start:end]``, as ``TOKEN_RE.finditer`` finds them (characters no
    token holds are passed over), up to the first one GBK cannot hold after a token.

    The plain tokens (one character, two bytes in GBK: nearly all of them) come in stretches
    between two other characters, found with one search; each stretch becomes tokens without
    a regex match per character. ``TOKEN_RE`` gives each such character a token of its own, as
    only tokens starting with `?` are longer.
    """
    toks: list[_Tok] = []
    special = _not_gbk2_re().search
    # leading tokens GBK cannot hold (a run of U+FFFD): skipped in one C call, as the loop
    # below would, one by one, while it has no token
    skip = _skip_re().match(text, start, end)
    i = start if skip is None else skip.end()
    while i < end:
        m = special(text, i, end)
        j = end if m is None else m.start()
        if j > i:
            toks.extend([_Tok("char", c, k, k + 1, _gbk_bytes(c)) for k, c in enumerate(text[i:j], i)])
        if m is None:
            break
        ch = text[j]
        i = j + 1
        if ch == "?":
            half = HALF_GLOSS_RE.match(text, j, end)
            if half is None:
                toks.append(_Tok("wild", ch, j, j + 1, b""))
            elif _valid_reading(half.group()[1:-1]):  # a half gloss `?zhǔn)`
                toks.append(_Tok("half", half.group(), j, half.end(), b""))
                i = half.end()
            else:  # `?` followed by plain text in parentheses: a lost byte, then ASCII
                toks.append(_Tok("wild", ch, j, j + 1, b""))
                break
        elif ch == "!":
            toks.append(_Tok("char", ch, j, j + 1, _BANG_BYTES))
        elif not (ch.isascii() or ch.isspace() or ch == "\u3000"):
            # a token GBK cannot hold (not part of a misread): the tokens stop before it, or
            # start after it when there are none yet (plan_garble goes on from there)
            if toks:
                break
        # else: a character no token holds (ASCII, white space), passed over as finditer does
    return toks


def _evidence(toks: list[_Tok], text: str) -> float:
    """How strongly a run looks like garble (0 for genuine text)."""
    ev = 0.0
    for i, t in enumerate(toks):
        if t.kind == "half":
            ev += 2.0
        elif t.kind == "wild":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.text == "!":
                ev += 2.0  # `?!`: a misread 。” (the signature of this damage)
            elif nxt is not None and i > 0:
                ev += 1.0  # `?` inside a run of Chinese text
        elif t.kind == "char":
            ch = t.text
            if "\ue000" <= ch <= "\uf8ff":
                ev += 3.0
            elif _ODD_SYMBOL_RE.match(ch):
                # a lone kana between Han characters is garble-like; kana words are not
                near = text[max(0, t.start - 1) : t.end + 1]
                kana = sum(1 for c in near if "\u3040" <= c <= "\u30ff")
                ev += 0.5 if kana > 1 else 1.5
            elif _is_rare(ch):
                ev += 1.0
    return ev


def _clean(s: str) -> bool:
    """True when a repaired string holds nothing garble-like."""
    if "?" in s or "\ufffd" in s:
        return False
    return not any(_is_odd(c) or (_is_rare(c) and c not in charfreq.load_model().counts) for c in s)


def _gbk_chars(pairs: Iterable[tuple[int, int]]) -> tuple[str, ...]:
    """The GBK characters the byte pairs decode to, leaving out undecodable and odd ones."""
    out = []
    for pair in pairs:
        try:
            out.append(bytes(pair).decode("gbk"))
        except UnicodeDecodeError:
            pass
    return tuple(c for c in out if not _is_odd(c))


@cache
def _fill_lead(trail: int) -> tuple[str, ...]:
    """Characters ``[lead, trail]`` for every lead byte (GBK two-byte characters)."""
    return _gbk_chars((lead, trail) for lead in range(0x81, 0xFF))


@cache
def _fill_trail(lead: int) -> tuple[str, ...]:
    """Characters ``[lead, trail]`` for every trail byte."""
    return _gbk_chars((lead, trail) for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)])


@cache
def _fill_both() -> tuple[str, ...]:
    """Every character the model knows (two unknown bytes: any GBK character)."""
    model = charfreq.load_model()
    two = _gbk2_chars()  # the characters gb18030 writes in two bytes: a set lookup, not an encode
    return tuple(c for c in model.counts if c in two)


@cache
def _fill_common() -> tuple[str, ...]:
    """The 3,000 most frequent two-byte characters (a pair with both bytes lost)."""
    model = charfreq.load_model()
    return tuple(sorted(_fill_both(), key=lambda c: -model.counts[c])[:3000])


#: Bonus for a candidate that forms, with its neighbour, a pair found elsewhere in the document
#: (`招?` -> `招商` in an article about 招商, not `招生`).
DOC_PAIR_BONUS = 4.0

Unit = int | frozenset[int] | None
"""A byte of a garble span: known, one of a set (constrained by a surviving gloss), or lost."""


def _best(cands: tuple[str, ...], left: str, right: str, doc: DocPairs | None = None) -> str | None:
    """The candidate with the highest score between ``left`` and ``right`` (a short list)."""
    best, best_score = None, -1e9
    for c in cands:
        sc = _cand_score(c, left, right, doc)
        if sc > best_score:
            best, best_score = c, sc
    return best


def _cand_score(c: str, left: str, right: str, doc: DocPairs | None) -> float:
    sc = charfreq.char_logp(c)
    if left:
        sc += charfreq.pair_bonus(left, c)
        if doc is not None and c in doc.after(left):  # `left + c` is one of the document's pairs
            sc += DOC_PAIR_BONUS
    if right:
        sc += charfreq.pair_bonus(c, right)
        if doc is not None and c in doc.before(right):
            sc += DOC_PAIR_BONUS
    return sc


@dataclass(frozen=True, slots=True)
class _Pool:
    """Candidates for one byte pattern, most likely first, with their rank for ties."""

    ranked: tuple[str, ...]
    rank: dict[str, int]


def _make_pool(cands: tuple[str, ...] | list[str]) -> _Pool:
    ranked = tuple(sorted(dict.fromkeys(cands), key=lambda c: -charfreq.char_logp(c)))
    return _Pool(ranked, {c: i for i, c in enumerate(ranked)})


def _neighbours() -> tuple[dict[str, str], dict[str, str]]:
    """Characters seen after (successors) and before (predecessors) each character, from the
    model's pairs and the punctuation pairs: the only candidates a neighbour can lift. Stored
    in the shipped tables (one string per character; ``keys & string`` intersects by character)."""
    return charfreq.neighbours()


def _best_in_pool(pool: _Pool, left: str, right: str, doc: DocPairs | None) -> str | None:
    """Same answer as scoring every candidate of ``pool`` (ties: most frequent first), but only
    the candidates a neighbour can lift are scored: bonuses are never negative, so any other
    candidate scores at most the pool's most frequent one."""
    if not pool.ranked:
        return None
    rank = pool.rank
    pooled = rank.keys()  # ``pooled & xs``: the members of xs in the pool, one C loop
    succ, pred = _neighbours()
    short = {pool.ranked[0]}
    if left:
        short |= pooled & succ.get(left, ())
    if right:
        short |= pooled & pred.get(right, ())
    if doc is not None:
        if left:
            short |= pooled & doc.after(left)
        if right:
            short |= pooled & doc.before(right)
    return _best(tuple(sorted(short, key=rank.__getitem__)), left, right, doc)


@cache
def _reading_cands(reading: str) -> tuple[dict[str, int], str | None]:
    """The model's characters read ``reading``, each with its place in
    :func:`newsclean.charfreq.chars_with_reading`, and the first of those with the highest
    :func:`newsclean.charfreq.char_logp` (None when there are none)."""
    model = charfreq.load_model()
    cands = [c for c in charfreq.chars_with_reading(reading) if c in model.counts]
    order: dict[str, int] = {}
    for i, c in enumerate(cands):
        order.setdefault(c, i)
    top = max(cands, key=charfreq.char_logp) if cands else None  # max: the first of equals
    return order, top


def _best_reading(reading: str, left: str, right: str, doc: DocPairs) -> str | None:
    """``_best`` over the model's characters read ``reading``, in their order, scoring only the
    ones a neighbour can lift and the first most frequent one. Exact: bonuses are never
    negative and only neighbours give them, so any other candidate scores its own frequency,
    at most the first most frequent one's score, and ties go to the earlier candidate (which
    that one is, or follows)."""
    order, top = _reading_cands(reading)
    if top is None:
        return None
    succ, pred = _neighbours()
    known = order.keys()
    short = {top}
    if left:
        short |= known & succ.get(left, ())
        short |= known & doc.after(left)
    if right:
        short |= known & pred.get(right, ())
        short |= known & doc.before(right)
    return _best(tuple(sorted(short, key=order.__getitem__)), left, right, doc)


def _decode(units: list[Unit], left: str, right: str, doc: DocPairs | None, guess_both: bool = False) -> str | None:
    """Read byte ``units`` in pairs (``None`` = unknown byte); fill unknowns with the model.

    ``guess_both``: also fill a pair whose two bytes are both unknown (from the model and the
    neighbours alone; the mojibake repair uses it, where such pairs are isolated).
    """
    # Fast paths, same answers as the pair walk below: with every byte known the walk is what
    # the GBK decoder does (ASCII bytes alone, any other byte with the next one, one character
    # per pair or an error); with only the first pair unknown (a lost lead byte put back in
    # front), the rest decodes in one call and gives the pair its right neighbour.
    try:
        return bytes(units).decode("gbk")  # type: ignore[arg-type]
    except TypeError:  # an unknown byte (None or a set of bytes)
        pass
    except UnicodeDecodeError:
        return None
    if len(units) >= 2 and not isinstance(units[0], int):
        try:
            tail = bytes(units[2:])  # type: ignore[arg-type]
        except TypeError:
            tail = None
        if tail is not None:
            try:
                rest = tail.decode("gbk")
            except UnicodeDecodeError:
                return None
            fill = _choose(units[0], units[1], left or "", rest[0] if rest else right or "", doc, guess_both)
            return None if fill is None else fill + rest
    slots: list[tuple[Unit, Unit] | str] = []
    i = 0
    while i < len(units):
        b = units[i]
        if isinstance(b, int) and b < 0x80:
            slots.append(chr(b))
            i += 1
            continue
        if i + 1 >= len(units):
            return None
        slots.append((b, units[i + 1]))
        i += 2
    out: list[str | None] = []
    for slot in slots:
        if isinstance(slot, str):
            out.append(slot)
            continue
        lead, trail = slot
        if isinstance(lead, int) and isinstance(trail, int):
            try:
                out.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                return None
        else:
            out.append(None)
    for k, ch in enumerate(out):
        if ch is not None:
            continue
        slot = slots[k]
        if isinstance(slot, str):  # cannot happen: ASCII slots are filled above
            continue
        lead, trail = slot
        lc = out[k - 1] if k > 0 else left
        rc = out[k + 1] if k + 1 < len(out) else right
        fill = _choose(lead, trail, lc or "", rc or "", doc, guess_both)
        if fill is None:
            return None
        out[k] = fill
    return "".join(c for c in out if c is not None)


#: Public name of the pair reader, shared with :mod:`newsclean.filters.mojibake`.
decode_gbk_units = _decode


def _fits(c: str, lead: Unit, trail: Unit) -> bool:
    b = c.encode("gb18030")
    if isinstance(lead, frozenset) and b[0] not in lead:
        return False
    return not (isinstance(trail, frozenset) and b[1] not in trail)


@cache
def _bytes_after(trail: int, reading: str) -> frozenset[int]:
    """Bytes ``x`` such that ``[trail, x]`` is a character read ``reading``.

    A gloss that lost its `(` inside garble (`鏈?zhǔn)秸猩`) glossed a character misread from the
    last byte of the character before it and the byte that stood there (`9C CA` = 準 zhǔn):
    the gloss pins that byte down (CA, the first byte of 式).
    """
    out = set()
    for c in charfreq.chars_with_reading(reading):
        b = c.encode("gb18030")
        if len(b) == 2 and b[0] == trail:
            out.add(b[1])
    return frozenset(out)


@cache
def _lead_index() -> dict[int, tuple[str, ...]]:
    """The model's two-byte characters by their first GBK byte."""
    out: dict[int, list[str]] = {}
    chars = _fill_both()
    leads = "".join(chars).encode("gb18030")[::2]  # two bytes each: one encode call for all
    for lead, c in zip(leads, chars, strict=True):
        out.setdefault(lead, []).append(c)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _pool(lead: Unit, trail: Unit, guess_both: bool) -> _Pool | None:
    """The candidates for a byte pair with lost bytes (None: do not guess)."""
    if isinstance(trail, int):
        cands: tuple[str, ...] = _fill_lead(trail)
    elif isinstance(lead, int):
        if lead < 0x81:
            return None
        cands = _fill_trail(lead)
    elif lead is None and trail is None:
        if not guess_both:
            return None  # two lost bytes in a row: nothing left to go on, do not guess
        cands = _fill_common()
    elif isinstance(lead, frozenset):
        index = _lead_index()
        cands = tuple(c for b in sorted(lead) for c in index.get(b, ()))
    else:
        cands = _fill_both()
    if isinstance(lead, frozenset) or isinstance(trail, frozenset):
        cands = tuple(c for c in cands if _fits(c, lead, trail))
    return _make_pool(cands)


class DocPairs:
    """The word pairs of one document (two Han characters in a row), which help fill lost bytes,
    and a memo of the fills chosen with them.

    Read on demand, character by character: only a lost byte to fill asks, and then only about
    its neighbours, so most documents never pay for their pairs. ``after(a)`` is the set of
    ``b`` such that ``a + b`` is a pair of the document, exactly what the set of all pairs
    (``_HAN_PAIR_RE.findall``) would give. One object per document text (a pass of
    :func:`newsclean.filters.repair.repair_text`), so nothing chosen for one document is reused
    for another. ``used`` says whether anything was read from it (an answer that never read it
    does not depend on the document).
    """

    __slots__ = ("_after", "_any", "_before", "_reversed", "choices", "text", "used")

    def __init__(self, text: str) -> None:
        self.text = text
        self.used = False
        self._any: bool | None = None
        self._after: dict[str, frozenset[str]] = {}
        self._before: dict[str, frozenset[str]] = {}
        self._reversed: str | None = None
        self.choices: dict[tuple[Unit, Unit, str, str, bool], str | None] = {}

    def any_pairs(self) -> bool:
        """The document holds at least one pair."""
        self.used = True
        if self._any is None:
            self._any = _HAN_PAIR_RE.search(self.text) is not None
        return self._any

    def after(self, a: str) -> frozenset[str]:
        """Characters ``b`` such that ``a + b`` is a pair of the document."""
        self.used = True
        if a not in self._after:
            found: frozenset[str] = frozenset()
            if len(a) == 1 and "\u4e00" <= a <= "\u9fff":
                found = frozenset(re.findall(re.escape(a) + "(?=([\u4e00-\u9fff]))", self.text))
            self._after[a] = found
        return self._after[a]

    def before(self, b: str) -> frozenset[str]:
        """Characters ``a`` such that ``a + b`` is a pair of the document."""
        self.used = True
        if b not in self._before:
            found: frozenset[str] = frozenset()
            if len(b) == 1 and "\u4e00" <= b <= "\u9fff":
                # `a + b` in the text is `b + a` in the text reversed: a search that starts with
                # its literal character, fast, where `([\u4e00-\u9fff])(?=b)` tries every position
                if self._reversed is None:
                    self._reversed = self.text[::-1]
                found = frozenset(re.findall(re.escape(b) + "(?=([\u4e00-\u9fff]))", self._reversed))
            self._before[b] = found
        return self._before[b]


@lru_cache(maxsize=16384)
def _choose_plain(lead: Unit, trail: Unit, left: str, right: str, guess_both: bool) -> str | None:
    """:func:`_choose` without document pairs (depends on nothing but its arguments)."""
    pool = _pool(lead, trail, guess_both)
    if pool is None:
        return None
    return _best_in_pool(pool, left, right, None)


def _choose(
    lead: Unit, trail: Unit, left: str, right: str, doc: DocPairs | None, guess_both: bool = False
) -> str | None:
    """The likeliest character for a byte pair with lost bytes, between ``left`` and ``right``."""
    if doc is None or not doc.any_pairs():  # no pairs: the bonus for them never applies
        return _choose_plain(lead, trail, left, right, guess_both)
    key = (lead, trail, left, right, guess_both)
    if key not in doc.choices:
        pool = _pool(lead, trail, guess_both)
        doc.choices[key] = None if pool is None else _best_in_pool(pool, left, right, doc)
    return doc.choices[key]


def _units(text: str, toks: list[_Tok]) -> list[Unit]:
    units: list[Unit] = []
    for t in toks:
        if t.kind == "wild":
            units.append(None)
        elif t.kind == "half":
            allowed: frozenset[int] = frozenset()
            prev = text[t.start - 1] if t.start > 0 else ""
            if prev and not prev.isascii():
                pb = prev.encode("gb18030", errors="replace")
                if len(pb) == 2:
                    allowed = _bytes_after(pb[1], t.text[1:-1])
            units.append(allowed or None)
        else:
            units.extend(t.data)
    return units


def _for_scoring(s: str) -> str:
    return GLOSS_RE.sub("", s)


#: A gloss just before a position (skipped to find the character it glosses).
_GLOSS_BEFORE_RE = re.compile(rf"\([{_PY}]{{1,6}}\)$")
#: An HTML entity (or its bare name, when garble ate the `&`) standing for punctuation.
_ENTITY_AFTER_RE = re.compile(r"&?(rdquo|ldquo|rsquo|lsquo|mdash|hellip);")
#: A bare entity name (its `&` eaten by the lost byte before it).
_BARE_ENTITY_RE = re.compile(r"(rdquo|ldquo|rsquo|lsquo|mdash|hellip);")
_ENTITY_CHARS = {"rdquo": "”", "ldquo": "“", "rsquo": "’", "lsquo": "‘", "mdash": "—", "hellip": "…"}


def _left_ctx(text: str, pos: int) -> str:
    m = _GLOSS_BEFORE_RE.search(text, max(0, pos - 8), pos)
    if m:
        pos = m.start()
    return text[pos - 1] if pos > 0 else ""


def _right_ctx(text: str, pos: int) -> str:
    m = _ENTITY_AFTER_RE.match(text, pos)
    if m:
        return _ENTITY_CHARS[m.group(1)]
    ch = text[pos] if pos < len(text) else ""
    return "" if ch in "<\n\r" else ch


def _candidates(
    text: str, toks: list[_Tok], trail: _Tok | None, doc: DocPairs, marked: list[int]
) -> list[tuple[int, int, str]]:
    """Candidate repairs ``(start, end, new)`` of garble inside one run of tokens (``marked``:
    :func:`_marked` of the tokens)."""
    out: list[tuple[int, int, str]] = []
    n = len(toks)
    odd_idx = [i for i in marked if toks[i].kind == "char" and (_is_odd(toks[i].text) or _is_rare(toks[i].text))]
    starts = {i for i in marked if toks[i].kind in ("wild", "half")}
    first_marker = min(starts) if starts else n
    if not starts or (odd_idx and odd_idx[0] < first_marker):
        # no lost byte before the garble: it may start at the run or just before a rare character
        starts.add(0)
        if odd_idx:
            first = odd_idx[0]
            starts.update(range(max(0, first - 3), first + 1))
    ends = {j + 1 for j in marked if toks[j].kind == "wild"}
    ends.add(n)
    for s in sorted(starts)[:_MAX_STARTS]:
        for e in sorted(ends)[:_MAX_STARTS]:
            if e <= s:
                continue
            seg = toks[s:e]
            with_trail = [*seg, trail] if e == n and trail is not None else seg
            left = _left_ctx(text, seg[0].start)
            end_pos = with_trail[-1].end
            right = _right_ctx(text, end_pos)
            units = _units(text, with_trail)
            variants = [units] if seg[0].kind in ("wild", "half") else [[None, *units], units[1:]]
            for v in variants:
                new = _decode(v, left, right, doc)
                if new is None:
                    continue
                if seg[-1].kind == "wild" and _BARE_ENTITY_RE.match(text, end_pos):
                    new += "&"  # the lost byte took the `&` of the entity after it with it
                out.append((seg[0].start, end_pos, new))
    # a half gloss on its own: the glossed character and its `(` were lost (`整合?yōu)化`)
    for t in toks:
        if t.kind != "half":
            continue
        reading = t.text[1:-1]
        fill = _best_reading(reading, _left_ctx(text, t.start), _right_ctx(text, t.end), doc)
        if fill is not None:
            out.append((t.start, t.end, f"{fill}({reading})"))
    return out


def _fix_run(text: str, toks: list[_Tok], doc: DocPairs) -> GarbleFix | None:
    """The garble span in the tokens of a run (``_tokens(text, start, end)``), if any."""
    if not toks or _evidence(toks, text) < 2.0:
        return None
    last = toks[-1]
    trail = None
    if last.end < len(text) and 0x40 <= ord(text[last.end]) <= 0x7E and last.kind == "char":
        c = text[last.end]
        trail = _Tok("trail", c, last.end, last.end + 1, c.encode("ascii"))
    marked = _marked(toks)
    cands = _candidates(text, toks, trail, doc, marked)
    odd = [toks[i] for i in marked]
    lo = min([c[0] for c in cands] + [odd[0].start])
    hi = max([c[1] for c in cands] + [odd[-1].end])
    ctx_l = text[lo - 1] if lo > 0 else ""
    ctx_r = text[hi] if hi < len(text) else ""
    base = charfreq.score(_for_scoring(ctx_l + text[lo:hi] + ctx_r))
    best: tuple[float, int, int, str] | None = None
    for s, e, new in cands:
        if not _clean(_for_scoring(new)) or new.rstrip("&").isascii() or _new_letters(text[s:e], new):
            continue
        sc = charfreq.score(_for_scoring(ctx_l + text[lo:s] + new + text[e:hi] + ctx_r))
        if best is None or sc > best[0]:
            best = (sc, s, e, new)
    if best is not None:
        gain = best[0] - base
        changed = max(len(text[best[1] : best[2]]), 1)
        if gain >= MIN_GAIN and gain >= MIN_GAIN_PER_CHAR * changed:
            return GarbleFix(best[1], best[2], text[best[1] : best[2]], best[3])
    # not repairable: report the first tight cluster of garble-like tokens with a strong marker
    for a, b in _clusters(toks, text, marked):
        s, e = toks[a].start, toks[b].end
        if trail is not None and e == last.end:
            e = trail.end
        return GarbleFix(s, e, text[s:e], None)
    return None


def _new_letters(old: str, new: str) -> bool:
    """A re-read that makes ASCII letters or digits out of Han text (`赪螈該` -> `W螈该`): the
    garble it undoes turns ASCII into Han characters' trail bytes, never the other way round."""
    return len(_ASCII_ALNUM_RE.findall(new)) > len(_ASCII_ALNUM_RE.findall(old))


#: What ``c.isascii() and c.isalnum()`` holds true of.
_ASCII_ALNUM_RE = re.compile(r"[0-9A-Za-z]")


def _strong(t: _Tok, toks: list[_Tok], i: int) -> bool:
    """A token that marks garble on its own: PUA, a half gloss, `?!`, a misread symbol."""
    if t.kind == "half":
        return True
    if t.kind == "wild":
        return i + 1 < len(toks) and toks[i + 1].text == "!"
    return t.kind == "char" and bool(_ODD_SYMBOL_RE.match(t.text))


def _marked(toks: list[_Tok]) -> list[int]:
    """Indices of the tokens that are not plain characters: lost bytes, half glosses, `!`, odd
    or rare characters. One pass over a run's tokens; what :func:`_fix_run`,
    :func:`_candidates` and :func:`_clusters` pick out of the tokens is a subset of these, so
    they filter this short list instead of the whole run."""
    return [i for i, t in enumerate(toks) if t.kind != "char" or t.text == "!" or _is_odd(t.text) or _is_rare(t.text)]


def _clusters(toks: list[_Tok], text: str, marked: list[int]) -> list[tuple[int, int]]:
    """Token index ranges ``[a, b]`` of odd tokens at most two apart, holding a strong marker
    and enough evidence (rare Han characters alone never qualify: names like 邨 or 佘)."""
    odd = [
        i
        for i in marked
        if toks[i].kind in ("wild", "half")
        or (toks[i].kind == "char" and (_is_odd(toks[i].text) or _is_rare(toks[i].text)))
    ]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(odd):
        j = k
        while j + 1 < len(odd) and odd[j + 1] - odd[j] <= 3:
            j += 1
        a, b = odd[k], odd[j]
        members = [toks[i] for i in odd[k : j + 1]]
        if any(_strong(toks[i], toks, i) for i in odd[k : j + 1]) and len(members) >= 2:
            if _evidence(toks[a : b + 1], text) >= 3.0:
                out.append((a, b))
        k = j + 1
    return out


#: Two Han characters in a row (the document's own word pairs, used to fill lost bytes).
_HAN_PAIR_RE = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


#: How far around a trigger to look for the run of tokens that holds it.
_WINDOW = 300
#: At most this many span starts and ends are tried per run (keeps long runs cheap).
_MAX_STARTS = 8


#: The hexagram symbols between Han Extension A and the main block.
_HEXAGRAM_RE = re.compile("[\u4dc0-\u4dff]")


def _rare_positions(text: str) -> list[int]:
    """Offsets of the characters :func:`_is_rare` holds true of (U+3400-U+9FFF outside the
    common sets), in order: the rare Han characters of :func:`newsclean.charsets.rare_han_re`
    (which the mojibake repair compiles anyway, where a class of garble's own cost 10 ms per
    process) but the compatibility ideographs U+F900-U+FAFF, and the hexagram symbols
    U+4DC0-U+4DFF (in the range, not Han)."""
    pos = [m.start() for m in rare_han_re().finditer(text) if m.group() < "\uf900"]
    if _HEXAGRAM_RE.search(text):
        pos = sorted(pos + [m.start() for m in _HEXAGRAM_RE.finditer(text)])
    return pos


def _trigger_positions(text: str) -> list[int]:
    """Offsets of characters that may belong to garble: triggers and rare Han characters."""
    pos = [m.start() for m in TRIGGER_RE.finditer(text)]
    pos.extend(_rare_positions(text))
    return sorted(pos)


def _worth_a_look(run: str) -> bool:
    """Cheap pre-check of a run: a trigger, or two rare characters at most three apart (rare
    characters spread over a sentence are names or terms: 産, 酯, 邨)."""
    if TRIGGER_RE.search(run):
        return True
    pos = _rare_positions(run)
    return any(b - a <= 3 for a, b in itertools.pairwise(pos))


def _two_byte(c: int) -> bool:
    """``chr(c)`` is a GBK double-byte character (the only characters a token can hold):
    ``len(chr(c).encode("gb18030")) == 2``, looked up in :func:`_gbk2_chars`."""
    return chr(c) in _gbk2_chars()


@cache
def _gbk2_chars() -> frozenset[str]:
    """Every character GB18030 encodes in two bytes, from one decode of the whole two-byte
    code space (lead 0x81-0xFE, trail 0x40-0x7E and 0x80-0xFE): 6 ms, where encoding each of
    the 94k code points the class builders ask about took 80 ms. The space maps one to one
    onto those characters: the decoded text encodes back to the same bytes (checked here, so
    a codec that differed would fail loudly rather than give another set)."""
    trail = bytes([*range(0x40, 0x7F), *range(0x80, 0xFF)])
    space = b"".join(bytes([lead, t]) for lead in range(0x81, 0xFF) for t in trail)
    chars = space.decode("gb18030")
    if chars.encode("gb18030") != space:
        raise RuntimeError("the gb18030 codec does not map the two-byte GBK space one to one")
    return frozenset(chars)


#: What :func:`_evidence` weighs, for :func:`_may_hold_garble`: group 1 weighs 2 or more
#: (`?!` or a half gloss: 2, PUA: 3); a lone `?` (1) or a misread symbol (1.5) at least 1.
#: The classes are those of :data:`_ODD_SYMBOL_RE` without U+FFFD (never a token), not cut
#: down to the characters a token can hold: more matches, never fewer, so still a bound. The
#: hexagram symbols U+4DC0-U+4DFF count as rare (:func:`_is_rare`) but are not Han
#: (:func:`newsclean.charsets.rare_han_re`): they are counted here.
_EVIDENCE_RE = re.compile(
    rf"(\?!|\?[{_PY}]{{1,6}}\)|[\ue000-\uf8ff])|\?"
    r"|[\u0370-\u04ff\u2460-\u24ff\u2502-\u257f\u3040-\u30ff\u3105-\u3129\u4dc0-\u4dff\ufe10-\ufe4f]"
)


def _may_hold_garble(text: str, start: int, end: int) -> bool:
    """Whether some tokens of ``text[start:end]`` could reach the evidence :func:`_fix_run`
    asks for (2.0). False spares tokenizing a clean sentence with one `?`.

    Each token adds at most the weight of the characters it holds (:func:`_evidence`): 2 or
    more for `?!`, a half gloss or PUA, at least 1 for any other `?`, misread symbol or rare
    Han character (counted with :func:`newsclean.charsets.rare_han_re`, a superset of
    :func:`_is_rare`). So 2.0 needs one heavy match or two matches; reading two matches at
    most, in two patterns built anyway, replaces a pattern of its own whose classes took 20 ms
    to compile in each process.
    """
    seen = 0
    for m in _EVIDENCE_RE.finditer(text, start, end):
        if m.lastindex or seen:
            return True
        seen = 1
    rare = rare_han_re().search
    first = rare(text, start, end)
    if first is None:
        return False
    return bool(seen) or rare(text, first.end(), end) is not None


def _run_at(text: str, p: int) -> re.Match[str] | None:
    """The run holding ``text[p]`` as ``RUN_RE.finditer`` finds the runs of the window of
    ``_WINDOW`` characters either side of ``p`` (a run longer than that is cut by the window).

    The runs found from the window's start that end after ``p`` are those found from after the
    last character before ``p`` that no run can hold: no run crosses it, so the search for the
    first run after it finds the same start from there, and the run at a given start does not
    depend on where the search began. The runs before it end before ``p`` and do not hold it.
    So only the few runs between that character and ``p`` are stepped over (glossed text has a
    run at every pinyin letter such as `à`).
    """
    lo = max(0, p - _WINDOW)
    brk = _LAST_BREAK_RE.search(text, lo, p)
    if brk is not None:
        lo = brk.end()
    for m in RUN_RE.finditer(text, lo, min(len(text), p + _WINDOW)):
        if m.start() <= p < m.end():
            return m
        if m.start() > p:
            break
    return None


def plan_garble(text: str, context: str | None = None, doc: DocPairs | None = None) -> list[GarbleFix]:
    """The garble spans of ``text`` with their repairs (``new`` is None where none was found).

    ``context``: the whole document when ``text`` is one of its lines (its word pairs help
    fill lost bytes); ``doc``: that document's pairs, shared by its lines (built here when None).

    Only the runs around a trigger (PUA, `?` next to Chinese, a half gloss, misread symbols, rare
    characters) are examined, so clean text costs two regex scans.

    >>> [f.new for f in plan_garble("一手抓營商,當好項目落地的‘助推器’?!痹谶@場覆蓋全市")]
    ['。”在這']
    >>> plan_garble("峰會尚未開幕，準備早已開始，産業優勢")
    []
    """
    positions = _trigger_positions(text)  # none in clean text: one pass of two searches
    fixes: list[GarbleFix] = []
    done_until = 0
    for p in positions:
        if p < done_until:
            continue
        run = _run_at(text, p)
        if run is None or run.group(0).isascii() or not _worth_a_look(run.group(0)):
            if run is not None:
                done_until = run.end()
            continue
        pos = max(run.start(), done_until)
        while pos < run.end():
            if not _may_hold_garble(text, pos, run.end()):
                # every _fix_run below would find too little evidence and return None (checked
                # again after a fix: the rest of a run is most often clean text)
                break
            if doc is None:
                doc = DocPairs(text if context is None else context)
            toks = _tokens(text, pos, run.end())
            fix = _fix_run(text, toks, doc)
            if fix is None:
                # the tokens stop at a character GBK cannot hold (ﾊ, 𠀀): go on after it
                if not toks or toks[-1].end <= pos or toks[-1].end >= run.end():
                    break
                pos = toks[-1].end
                continue
            fixes.append(fix)
            pos = fix.end
        done_until = max(run.end(), pos)
    return fixes


def find_garble_spans(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of suspected misaligned-GBK garble in ``text``.

    Cheap on clean text: two regex scans decide the fast path.

    >>> find_garble_spans("來見面的?!眲⒌ふf,“千方百計")
    [(4, 10)]
    >>> find_garble_spans("如何快人一步?")
    []
    """
    return [(f.start, f.end) for f in plan_garble(text)]
