"""strip-pinyin: remove the pinyin glosses a content farm appended to converted characters.

Damage (../shared/ARTIFACTS.md §1): a farm converted simplified articles to traditional script
and appended the pinyin of every character it changed, in parentheses, with tone marks::

    中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)   ->   中國產業經濟信息網

A gloss is accepted only when the text between the parentheses is ONE lowercase syllable of
Mandarin, checked against the full syllable inventory (:data:`SYLLABLES`, built below from
initials x finals with the standard spelling rules). Genuine parentheses therefore survive:
``(a)``, ``(B)``, ``(GDP)``, ``(iPhone)``, ``(2023)``, ``(記者 張三)``, ``(Wang Leehom)``,
``(Hong Kong)``, ``(Ma Ying-jeou)``, ``（flu）``, ``（meme）``.

Decisions (each one a rule in :func:`_classify`):

- A tone-marked (``xiàng``) or tone-numbered (``xiang4``) syllable in parentheses right after
  a Han character is a gloss: tone-marked pinyin in brackets after a Han character does not
  occur in news prose. The same after ``?``, U+FFFD or a Private Use character (the character
  was lost to garble, ARTIFACTS §2). These are the *certain* glosses that
  :func:`count_glosses` counts.
- In a gloss-farm document (at least :data:`FARM_MIN_GLOSSES` certain glosses), a tone-marked
  syllable in parentheses after any other non-space character also goes (seed 000 has
  ``七M(jìn)``, a gloss behind a garbled character).
- A toneless syllable (``(shi)``, ``(long)``) is ambiguous: it could be an English word or a
  romanisation. It is removed only in a gloss-farm document, after a Han character that GB2312
  cannot encode (the farm glosses only characters its conversion changed, which are
  traditional-only forms: all 777 bracketed glosses after a Han character in seeds 000-003
  follow such characters), and only when it has at least two letters. Single letters
  (``(a)``, ``(e)``, ``(o)``) always stay.
- A gloss whose ``(`` was eaten by garble (``鏈?zhǔn)秸猩``) is removed when the syllable is
  tone-marked, follows a Han character, ``?``, U+FFFD or a PUA character directly, and no
  bracket is open just before it on the same line (so ``（讀作xiàng）`` stays).

Capitalised or multi-syllable romanisations are never touched: glosses are single lowercase
syllables. Tone-mark placement is not checked (only that there is at most one tone).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig

#: Documents with at least this many certain glosses are gloss-farm output; only there are
#: toneless glosses and glosses behind non-Han characters removed.
FARM_MIN_GLOSSES = 3

# ---------------------------------------------------------------------------------------------
# The syllable inventory

#: Finals in their underlying spelling, before the spelling rules (iou -> iu, uei -> ui, ...).
_FINALS_A = "a o e ê -i er ai ei ao ou an en ang eng ong".split()
_FINALS_I = "i ia io iao ie iou ian in iang ing iong".split()
_FINALS_U = "u ua uo uai uei uan uen uang ueng".split()
_FINALS_V = "ü üe üan ün".split()

#: Which finals each initial combines with (the standard Hanyu Pinyin table; "" is the zero
#: initial, spelled with y-/w-/yu- below). Rare but real syllables included: dia, den, lo, kei,
#: zhei, shei, rua, chua.
_COMBINATIONS: dict[str, str] = {
    "b": "a o ai ei ao an en ang eng i iao ie ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i iao ie ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i iao ie iou ian in ing u",
    "f": "a o ei ou an en ang eng u",
    "d": "a e ai ei ao ou an en ang eng ong i ia iao ie iou ian ing u uo uei uan uen",
    "t": "a e ai ao ou an ang eng ong i iao ie ian ing u uo uei uan uen",
    "n": "a e ai ei ao ou an en ang eng ong i iao ie iou ian in iang ing u uo uan ü üe",
    "l": "a o e ai ei ao ou an ang eng ong i ia iao ie iou ian in iang ing u uo uan uen ü üe",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai uei uan uen uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai uei uan uen uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai uei uan uen uang",
    "j": "i ia iao ie iou ian in iang ing iong ü üe üan ün",
    "q": "i ia iao ie iou ian in iang ing iong ü üe üan ün",
    "x": "i ia iao ie iou ian in iang ing iong ü üe üan ün",
    "zh": "a e -i ai ei ao ou an en ang eng ong u ua uo uai uei uan uen uang",
    "ch": "a e -i ai ao ou an en ang eng ong u ua uo uai uei uan uen uang",
    "sh": "a e -i ai ei ao ou an en ang eng u ua uo uai uei uan uen uang",
    "r": "e -i ao ou an en ang eng ong u ua uo uei uan uen",
    "z": "a e -i ai ei ao ou an en ang eng ong u uo uei uan uen",
    "c": "a e -i ai ao ou an en ang eng ong u uo uei uan uen",
    "s": "a e -i ai ao ou an en ang eng ong u uo uei uan uen",
    "": "a o e ê er ai ei ao ou an en ang eng " + " ".join(_FINALS_I + _FINALS_U + _FINALS_V),
}

#: Syllabic nasals (interjections 呣 m, 嗯 n/ng, 噷 hm, 哼 hng): part of the inventory.
_NASALS = ("m", "n", "ng", "hm", "hng")


def _spell(initial: str, final: str) -> list[str]:
    """Surface spellings of ``initial + final`` under the Hanyu Pinyin spelling rules."""
    if initial == "":
        if final.startswith("ü"):  # ü, üe, üan, ün -> yu, yue, yuan, yun
            return ["yu" + final[1:]]
        if final.startswith("i"):  # i -> yi, in -> yin, ing -> ying; ia -> ya, iou -> you
            return ["y" + final] if final in ("i", "in", "ing") else ["y" + final[1:]]
        if final.startswith("u"):  # u -> wu; ua -> wa, uei -> wei, uen -> wen, ueng -> weng
            return ["wu"] if final == "u" else ["w" + final[1:]]
        return [final]
    if final == "-i":  # the apical vowel of zhi, chi, shi, ri, zi, ci, si
        return [initial + "i"]
    final = {"iou": "iu", "uei": "ui", "uen": "un"}.get(final, final)
    if final.startswith("ü"):
        if initial in ("j", "q", "x"):  # ju, que, xuan, jun: the dots are dropped
            return [initial + "u" + final[1:]]
        # nü, lüe: also typed nv, lve, and commonly nue, lue (no ambiguity for üe)
        spellings = [initial + final, initial + "v" + final[1:]]
        if final == "üe":
            spellings.append(initial + "ue")
        return spellings
    return [initial + final]


def _build_syllables() -> frozenset[str]:
    """All toneless Mandarin syllables, in every accepted spelling (ü and v forms)."""
    out: set[str] = set(_NASALS)
    for initial, finals in _COMBINATIONS.items():
        for final in finals.split():
            out.update(_spell(initial, final))
    return frozenset(out)


#: Every toneless Mandarin syllable (about 410 in standard spelling, plus v/ue variants).
SYLLABLES: frozenset[str] = _build_syllables()

#: Precomposed tone-marked letters as they appear in real text (vowels, ü, syllabic n and m).
_TONED_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

#: Combining tone marks (for decomposed text such as ê̄ or a + U+0301) -> tone.
_COMBINING_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}

#: The letters a syllable may be written with: a-z, ü, ê, the precomposed toned vowels and
#: nasals, and the combining tone marks / circumflex.
_LETTERS = "a-zêü" + _TONED_LETTERS + "\u0300\u0301\u0302\u0304\u0308\u030c"
#: The same letters as a set, to test one character.
_LETTER_SET = frozenset("abcdefghijklmnopqrstuvwxyzêü" + _TONED_LETTERS + "\u0300\u0301\u0302\u0304\u0308\u030c")

#: A gloss candidate: a run of pinyin letters (optionally with a tone number) closed by an
#: ASCII or fullwidth ``)``. Whether a ``(``/``（`` opens it (a normal gloss) or garble ate the
#: ``(`` (an orphan, ``?zhǔn)``), and whether it is a syllable at all, is decided in
#: :func:`_classify`: the regex only finds candidates. Starting with a character class lets the
#: engine skip plain Chinese fast. Upper case is excluded, so ``(iPhone)``, ``(Wang Leehom)``
#: never yield a syllable.
GLOSS_RE = re.compile(rf"[{_LETTERS}]{{1,9}}[1-5]?[)）]")

#: Brackets and line ends, to see whether a bracket is open before an orphan candidate.
_BRACKET_RE = re.compile(r"[(（)）\n]")


@lru_cache(maxsize=4096)
def parse_syllable(s: str) -> tuple[str, int] | None:
    """``(toneless syllable, tone)`` of a lowercase pinyin syllable, or None if it is not one.

    Tone is 1-4 from a tone mark or 1-5 from a trailing digit, 0 when unmarked (which may be
    the neutral tone or an untoned spelling).

    >>> parse_syllable("xiàng"), parse_syllable("lv4"), parse_syllable("shi")
    (('xiang', 4), ('lv', 4), ('shi', 0))
    >>> parse_syllable("xiàng4"), parse_syllable("Xiang"), parse_syllable("flu")
    (None, None, None)
    """
    if not s or len(s) > 8:
        return None
    tone = 0
    if s[-1] in "12345":
        tone = int(s[-1])
        s = s[:-1]
    chars: list[str] = []
    for ch in unicodedata.normalize("NFD", s) if not s.isascii() else s:
        if ch in _COMBINING_TONES:
            if tone:
                return None  # two tones
            tone = _COMBINING_TONES[ch]
        elif ch == "\u0302":  # combining circumflex: only for ê
            if not chars or chars[-1] != "e":
                return None
            chars[-1] = "ê"
        elif ch == "\u0308":  # combining diaeresis: only for ü
            if not chars or chars[-1] != "u":
                return None
            chars[-1] = "ü"
        else:
            chars.append(ch)
    base = "".join(chars)
    return (base, tone) if base in SYLLABLES else None


def is_pinyin_syllable(s: str) -> bool:
    """True if ``s`` is one lowercase Mandarin syllable, toneless, tone-marked or tone-numbered.

    Built from the full syllable inventory, so English words and initialisms fail.

    >>> [is_pinyin_syllable(s) for s in ("xiàng", "zhǔn", "nǚ", "lve4", "er", "ê", "yuan")]
    [True, True, True, True, True, True, True]
    >>> [is_pinyin_syllable(s) for s in ("iPhone", "GDP", "flu", "meme", "bia", "xiàng2", "")]
    [False, False, False, False, False, False, False]
    """
    return parse_syllable(s) is not None


def _is_han(ch: str) -> bool:
    """A CJK ideograph (URO, Ext A, compatibility, Ext B and later)."""
    return len(ch) == 1 and (
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"
    )


def _is_lost(ch: str) -> bool:
    """A character that stands for bytes lost to garble: ``?``, U+FFFD, Private Use."""
    return len(ch) == 1 and (ch in "?\ufffd" or "\ue000" <= ch <= "\uf8ff")


@cache
def _is_traditional_only(ch: str) -> bool:
    """A Han character GB2312 cannot encode: the kind of character the farm glossed."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _bracket_open_before(text: str, pos: int) -> bool:
    """True if, within 40 characters on the same line, an opening bracket precedes ``pos`` unclosed."""
    brackets = _BRACKET_RE.findall(text, max(0, pos - 40), pos)
    return bool(brackets) and brackets[-1] in "(（"


# Classes of a candidate, from _classify.
_CERTAIN = "gloss"  # tone-marked, in brackets, after a Han/lost character: always removed
_ORPHAN = "gloss-orphan"  # tone-marked, "(" eaten by garble: always removed
_FARM = "gloss-farm"  # tone-marked, in brackets, after another character: farm documents only
_TONELESS = "gloss-toneless"  # toneless, after a traditional-only character: farm documents only


def _classify(m: re.Match[str], at: int = -1, seen: str = "") -> tuple[str, int] | None:
    """``(kind, start)`` of the gloss that candidate ``m`` of :data:`GLOSS_RE` ends, or None.

    ``start`` includes the opening bracket when there is one. ``at``/``seen``: the character
    before offset ``at`` is to be taken as ``seen`` (the text right before a gloss just removed),
    so that ``項(xiàng)(mù)`` and ``的(shí)zhǔn)`` lose both glosses in one pass.
    """
    text = m.string

    def char_before(i: int) -> str:
        return seen if i == at else (text[i - 1] if i > 0 else "")

    start = m.start()
    before = char_before(start)
    if before in _LETTER_SET:
        return None  # the tail of a longer word: "community)"
    opened = before != "" and before in "(（"
    syl = m.group()[:-1]
    parsed = parse_syllable(syl)
    if parsed is None:
        return None
    base, tone = parsed
    numbered = syl[-1].isdigit()
    marked = tone > 0 and not (numbered and len(base) == 1)  # "(a1)", "(e2)" are too weak
    if opened:
        start -= 1
        prev = char_before(start)
        if marked:
            if _is_han(prev) or _is_lost(prev):
                return _CERTAIN, start
            return (_FARM, start) if prev and not prev.isspace() else None
        if tone == 0 and len(base) > 1 and _is_han(prev) and _is_traditional_only(prev):
            return _TONELESS, start
        return None
    # orphan: no "(" before the syllable
    if tone and not numbered and (_is_han(before) or _is_lost(before)) and not _bracket_open_before(text, start):
        return _ORPHAN, start
    return None


# ---------------------------------------------------------------------------------------------
# Fast paths. A gloss-farm document carries a gloss every ~25 characters (seeds 000-003: ~190
# per 4.5 KB), so a Python step per gloss is what makes stripping slow. The certain glosses
# (bracketed, after a Han or lost character, tone-marked) are found and removed by one regex
# split at C speed; the per-candidate rules of :func:`_classify` then run only on what is left
# (toneless and orphan glosses, glosses behind non-Han characters: a handful per document).


def _build_marked() -> frozenset[str]:
    """Every syllable spelled with one precomposed tone mark (``xiàng``) or a tone number
    (``xiang4``): the spellings :func:`parse_syllable` accepts as *marked* without needing NFD.

    Other marked spellings (combining marks, ``ê̄``) are rare; they are checked one by one.
    """
    toned = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ", "n": "ńňǹ", "m": "ḿ"}
    out: set[str] = set()
    for syl in SYLLABLES:
        for i, ch in enumerate(syl):
            out.update(syl[:i] + mark + syl[i + 1 :] for mark in toned.get(ch, ""))
        if len(syl) > 1:  # "(a1)", "(e2)" are too weak to count as marked
            out.update(syl + digit for digit in "12345")
    return frozenset(s for s in out if (p := parse_syllable(s)) is not None and p[1])


#: Marked syllable spellings (about 6,000), for a C-level subset test over all certain glosses.
MARKED: frozenset[str] = _build_marked()

#: Han or lost characters (what a certain gloss follows), as a regex class: see _is_han, _is_lost.
_HAN_OR_LOST = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0010ffff?\ufffd\ue000-\uf8ff"

#: A bracketed gloss candidate right after a Han or lost character: ``項(xiàng)``. The group is
#: the syllable; the whole candidate is always the syllable plus one bracket on each side. The
#: pattern opens with the bracket and looks behind afterwards.
CERTAIN_RE = re.compile(rf"[(（](?<=[{_HAN_OR_LOST}][(（])([{_LETTERS}]{{1,9}}[1-5]?)[)）]")
#: The same for text with one kind of opening bracket only: a literal first character lets the
#: regex engine skip to it much faster than to a class (split: ~170 against ~135 MB/s on a farm
#: page, whose every other word is a gloss).
_CERTAIN_AFTER = {
    opening: re.compile(
        rf"{re.escape(opening)}(?<=[{_HAN_OR_LOST}]{re.escape(opening)})([{_LETTERS}]{{1,9}}[1-5]?)[)）]"
    )
    for opening in "(（"
}


def _certain_re(text: str) -> re.Pattern[str]:
    """:data:`CERTAIN_RE`, or the same pattern led by a literal when ``text`` holds one kind of
    opening bracket only."""
    ascii_open, wide_open = "(" in text, "（" in text
    if ascii_open == wide_open:
        return CERTAIN_RE
    return _CERTAIN_AFTER["(" if ascii_open else "（"]


#: A possible orphan gloss (``?zhǔn)``, its ``(`` eaten by garble): letters right after a Han or
#: lost character, closed by a bracket. Opens with a letter class, then looks behind.
ORPHAN_RE = re.compile(rf"[{_LETTERS}](?<=[{_HAN_OR_LOST}].)[{_LETTERS}]{{0,8}}[)）]")

#: A tone-marked letter or a combining tone mark: anything that can carry a tone, besides a
#: tone number (:data:`TONE_NUMBER_RE`).
TONE_MARK_RE = re.compile(f"[{_TONED_LETTERS}\u0300\u0301\u0304\u030c]")
#: A tone number closing a syllable: ``xiang4)``. (``(2023)`` does not match.)
TONE_NUMBER_RE = re.compile(r"[a-zêü][1-5][)）]")

#: Where a gloss may end, for the gate :func:`_may_hold_glosses`: a closing bracket right after a
#: tone number (``xiang4)``, as :data:`TONE_NUMBER_RE`), or with a tone mark among the ten
#: characters before it (``xiàng)``: a syllable is at most nine letters and a tone number, so the
#: mark is one of them). Python's look-behinds have a fixed width, hence one per distance. A last
#: alternative, a tone number after a combining ``^`` or diaeresis (``lu\u03084)``), is settled
#: in the gate (see there). One pattern per bracket, each opening with its bracket as a literal:
#: the regex engine skips to a literal at ~10 GB/s (a class of two characters scans at ~0.7
#: GB/s), and the look-behinds run only at brackets, failing on their first character in
#: Chinese text.
_GLOSS_END_RES = tuple(
    (
        close,
        re.compile(
            re.escape(close)
            + "(?:(?<=[a-zêü][1-5][)）])"
            + "".join(f"|(?<=[{_TONED_LETTERS}\u0300\u0301\u0304\u030c][{_LETTERS}1-5]{{{n}}}[)）])" for n in range(10))
            + "|(?<=[\u0302\u0308][1-5][)）]))"
        ),
    )
    for close in ")）"
)


def _may_hold_glosses(text: str) -> bool:
    """Cheap gate: False when ``text`` cannot hold a certain or orphan gloss.

    A gloss ends at a bracket and carries a tone: a tone mark in its syllable or a tone number
    right before the bracket. So without a bracket there is nothing to do (``in`` tests,
    ~20 GB/s), and otherwise :data:`_GLOSS_END_RES` look only at the brackets.

    The gate never says True where the former, looser gate (a tone mark anywhere, or
    :data:`TONE_NUMBER_RE`) said False, so the filter keeps its exact behaviour: the one case the
    bracket scan cannot settle alone, a tone number after a combining mark, counts only if the
    text also holds a tone mark or a tone number somewhere.
    """
    for close, gloss_end in _GLOSS_END_RES:
        if close not in text:
            continue
        m = gloss_end.search(text)
        if m is None:
            continue
        if m.start() >= 2 and text[m.start() - 2] in "\u0302\u0308":  # the combining-mark case
            return TONE_MARK_RE.search(text) is not None or TONE_NUMBER_RE.search(text) is not None
        return True
    return False


def _is_marked(syl: str) -> bool:
    """Whether ``syl`` is a syllable that counts as marked (see :func:`_classify`)."""
    if syl in MARKED:
        return True
    parsed = parse_syllable(syl)
    if parsed is None or not parsed[1]:
        return False
    return not (syl[-1].isdigit() and len(parsed[0]) == 1)


class _Stage1:
    """The certain bracketed glosses of a text, found by one split (:func:`_certain_re`).

    ``texts`` are the stretches between candidates, ``syllables`` the candidates' syllables
    (each candidate is its syllable in brackets, so ``len(syllable) + 2`` characters of the
    input), ``gone[i]`` whether candidate ``i`` is a gloss (its syllable is marked).
    """

    __slots__ = ("gone", "removed", "syllables", "text", "texts")

    def __init__(self, text: str) -> None:
        parts = _certain_re(text).split(text)
        self.text = text
        self.texts = parts[0::2]
        self.syllables = parts[1::2]
        if MARKED.issuperset(self.syllables):  # the usual case: every candidate is a gloss
            self.gone = [True] * len(self.syllables)
        else:
            self.gone = [_is_marked(syl) for syl in self.syllables]
        self.removed = sum(self.gone)

    def output(self) -> str:
        """The text without the glosses."""
        if self.removed == len(self.syllables):
            return "".join(self.texts)
        out = [self.texts[0]]
        inp = len(self.texts[0])
        for syl, gone, after in zip(self.syllables, self.gone, self.texts[1:], strict=True):
            if not gone:
                out.append(self.text[inp : inp + len(syl) + 2])
            out.append(after)
            inp += len(syl) + 2 + len(after)
        return "".join(out)

    def edits(self) -> list[tuple[int, int, str]]:
        """``(offset in the input, offset in the output, bracket)`` of each removed gloss."""
        found = []
        inp = out = len(self.texts[0])
        for syl, gone, after in zip(self.syllables, self.gone, self.texts[1:], strict=True):
            width = len(syl) + 2
            if gone:
                found.append((inp, out, self.text[inp : inp + width]))
            else:
                out += width
            inp += width + len(after)
            out += len(after)
        return found


def count_glosses(text: str) -> int:
    """Number of certain pinyin glosses in ``text`` (tone-marked, after a Han or lost character).

    Cheap: the gate (:func:`_may_hold_glosses`) returns 0 at once for text without a bracket
    that can close a gloss; otherwise two regex scans and a set test. Used by script detection
    (many glosses = machine-converted from simplified) and ``newsclean detect``.

    >>> count_glosses("中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)")
    5
    >>> count_glosses("王力宏(Wang Leehom)在(2023)年買了(iPhone)(a)")
    0
    """
    if not _may_hold_glosses(text):
        return 0
    syllables = _certain_re(text).findall(text)
    bracketed = len(syllables) if MARKED.issuperset(syllables) else sum(map(_is_marked, syllables))
    orphans = 0
    for m in ORPHAN_RE.finditer(text):
        c = _classify(m)
        orphans += c is not None and c[0] == _ORPHAN
    return bracketed + orphans


def strip_pinyin(text: str, config: CleanConfig | None = None, log: ChangeLog | None = None) -> str:
    """Remove content-farm pinyin glosses: ``項(xiàng)目`` -> ``項目`` (ARTIFACTS.md §1).

    Safe because a gloss must be a single lowercase syllable from the Mandarin inventory, with
    a tone (or, for toneless ones, inside a document full of toned glosses, after a
    traditional-only character); see the module docstring for every rule. Leaves alone
    parenthesised Latin text, initialisms, names, numbers and Chinese. Each removal is logged
    with kind ``gloss``, ``gloss-orphan``, ``gloss-farm`` or ``gloss-toneless``.

    Two stages: the certain bracketed glosses go first, all at once; the other rules then judge
    what is left, each candidate seeing the text as it is without the glosses already removed
    (so ``項(xiàng)(mù)`` and ``的(shí)zhǔn)`` lose both glosses in one call, and a second call
    finds nothing: the filter is idempotent).

    >>> strip_pinyin("沈陽:咬定項(xiàng)目不放松")
    '沈陽:咬定項目不放松'
    >>> strip_pinyin("“鏈?zhǔn)秸猩?rdquo;")
    '“鏈?秸猩?rdquo;'
    >>> strip_pinyin("蘋果(iPhone)與王力宏(Wang Leehom)(a)")
    '蘋果(iPhone)與王力宏(Wang Leehom)(a)'
    """
    del config  # no options yet
    if not _may_hold_glosses(text):  # fast path: no certain or orphan gloss possible
        return text
    stage1 = _Stage1(text)
    first = stage1.output() if stage1.removed else text
    found = [(m, _classify(m)) for m in GLOSS_RE.finditer(first)]
    certain = stage1.removed + sum(1 for _, c in found if c is not None and c[0] in (_CERTAIN, _ORPHAN))
    farm = certain >= FARM_MIN_GLOSSES
    keep = log is not None and log.keep
    edits = stage1.edits() if keep and stage1.removed else []
    if log is not None:
        if keep:
            for at, _, bracket in edits:
                log.add(_CERTAIN, bracket, "", at)
        elif stage1.removed:
            log.add_counts(stage1.removed, len(text) - len(first), 0)
    # Stage 2 offsets are in `first`; map them back to `text` through the stage-1 removals.
    out_at = [o for _, o, _ in edits]
    shift = list(accumulate(len(bracket) for _, _, bracket in edits))
    out: list[str] = []
    pos = 0
    seen = ""  # the character before the last removed gloss: what now precedes `pos`
    for m, plain in found:
        c = _classify(m, pos, seen) if pos and m.start() - pos in (0, 1) else plain
        if c is None or (c[0] in (_FARM, _TONELESS) and not farm):
            continue
        kind, start = c
        if start < pos:
            continue  # overlaps the previous removal (cannot happen with GLOSS_RE; be safe)
        seen = (first[start - 1] if start > 0 else "") if start != pos else seen
        out.append(first[pos:start])
        if log is not None:
            k = bisect_right(out_at, start)
            log.add(kind, first[start : m.end()], "", start + (shift[k - 1] if k else 0))
        pos = m.end()
    if pos == 0:
        return first
    out.append(first[pos:])
    return "".join(out)
