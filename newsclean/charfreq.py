"""A small character model of Chinese news text: unigram and within-word bigram scores.

Used by the repair filters (ARTIFACTS.md §2, §3) to choose among candidate readings of damaged
bytes (`招?` -> `招商`) and to decide whether a repair is "clearly more Chinese-like" than the
text it replaces. The table (``newsclean/data/charfreq.tsv.gz``, built by
``benchmarks/build_charfreq.py`` from jieba's word list, simplified and traditional spellings)
is loaded once per process on first use, from ``newsclean/data/charfreq.bin``: the same table
with its derived values (pair bonuses, successors) in a layout that loads in a few C-level calls,
written by the same script from the ``.tsv.gz`` (tests check it is exactly what the script writes).

Scores are natural-log probabilities: :func:`char_logp` for one character, :func:`pair_bonus`
for how much more likely two characters are together than apart (0 when unknown), and
:func:`score` / :func:`mean_score` for a string. Characters that never occur in news prose
(Private Use Area, kana, enclosed numbers, box drawing, ``?`` next to Han text) score very low,
so garble loses to its repair.
"""

from __future__ import annotations

import gzip
import math
import operator
import re
import sys
from array import array
from collections.abc import Callable
from functools import cache, reduce
from importlib import resources
from itertools import chain, compress, repeat
from typing import cast

#: Score of a character that does not belong in news prose (PUA, kana, ⒌, ?, U+FFFD ...).
ODD_LOGP = -18.0
#: Score of a Han character missing from the table (rare, but may be genuine: 産, 酯).
RARE_HAN_LOGP = -15.0

#: Hand-set scores for CJK punctuation, which the word list does not cover (rough shares in news).
_PUNCT_LOGP: dict[str, float] = {
    "，": -3.0,
    "。": -3.5,
    "、": -5.0,
    "“": -5.0,
    "”": -5.0,
    "：": -6.0,
    "；": -7.0,
    "？": -7.0,
    "！": -7.0,
    "（": -6.5,
    "）": -6.5,
    "《": -6.5,
    "》": -6.5,
    "‘": -7.5,
    "’": -7.5,
    "…": -8.0,
    "—": -8.0,
    "·": -9.0,
    "【": -9.0,
    "】": -9.0,
    "「": -9.0,
    "」": -9.0,
    "〔": -10.0,
    "〕": -10.0,
    "\u3000": -8.0,
}

#: CJK punctuation the model scores (candidates when a lost byte is filled).
PUNCT: frozenset[str] = frozenset(_PUNCT_LOGP)

#: Punctuation pairs typical of news (a quote closing after a full stop, ...), as a bonus.
_PUNCT_PAIRS: dict[str, float] = {
    "。”": 5.0,
    "！”": 5.0,
    "？”": 5.0,
    "”“": 2.5,
    "：“": 3.0,
    "，“": 1.5,
    "”，": 2.0,
    "”。": 2.0,
    "’”": 1.5,
    "。“": 1.0,
}

#: The punctuation pairs (candidates a neighbour can lift, for the repairs' fast search).
PUNCT_PAIRS: frozenset[str] = frozenset(_PUNCT_PAIRS)


def _starts_han(ch: str) -> bool:
    r"""``ch`` starts with a Han character (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF): what
    ``re.match("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", ch)`` tells, without compiling a
    class over the BMP (~2 ms in every process that imports this module)."""
    c = ch[:1]
    return "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


class CharModel:
    """The loaded table: log-probabilities and counts of characters, bigram counts, pinyin
    readings, and characters by reading (most frequent first).

    The last three are built on first use, by the functions given (a process that repairs no
    garble never needs them); the same dictionaries every time.
    """

    __slots__ = ("_bigrams", "_by_reading", "_readings", "counts", "logp")

    def __init__(
        self,
        logp: dict[str, float],
        counts: dict[str, int],
        bigrams: Callable[[], dict[str, int]],
        readings: Callable[[], dict[str, tuple[str, ...]]],
        by_reading: Callable[[], dict[str, tuple[str, ...]]],
    ) -> None:
        self.logp = logp
        self.counts = counts
        self._bigrams = bigrams
        self._readings = readings
        self._by_reading = by_reading

    @property
    def bigrams(self) -> dict[str, int]:
        return self._bigrams()

    @property
    def readings(self) -> dict[str, tuple[str, ...]]:
        return self._readings()

    @property
    def by_reading(self) -> dict[str, tuple[str, ...]]:
        return self._by_reading()


#: The shipped tables (see :func:`_tables`) and the first line of that file.
TABLES_FILE = "charfreq.bin"
TABLES_FORMAT = "newsclean-charfreq-tables 1"
#: Array type codes of the number sections.
_ARRAY_TYPES = {"int32": "i", "float64": "d"}


@cache
def _tables() -> dict[str, tuple[str, memoryview]]:
    """The sections of ``newsclean/data/charfreq.bin`` by name: their kind and bytes, decoded
    one by one on first use (:func:`_section`).

    Layout (written by ``benchmarks/build_charfreq.py`` from ``charfreq.tsv.gz``): a text header,
    the line :data:`TABLES_FORMAT`, then one line ``name kind nbytes`` per section, then an empty
    line; then the sections back to back. A section is UTF-8 text (``utf-8``: single characters
    concatenated, or entries joined by newlines), or little-endian ``int32`` / ``float64``
    numbers. Each one decodes in one C-level call, where the ``.tsv.gz`` took a Python loop over
    its 147k lines, and floats stored as their 8 bytes come back bit for bit.
    """
    data = resources.files("newsclean.data").joinpath(TABLES_FILE).read_bytes()
    end = data.index(b"\n\n")
    head = data[:end].decode("utf-8").split("\n")
    if head[0] != TABLES_FORMAT:
        raise ValueError(f"{TABLES_FILE}: not {TABLES_FORMAT!r}")
    raw = memoryview(data)  # sections are sliced without copies
    out = {}
    pos = end + 2
    for line in head[1:]:
        name, kind, size = line.split(" ")
        out[name] = (kind, raw[pos : pos + int(size)])
        pos += int(size)
    if pos != len(raw):
        raise ValueError(f"{TABLES_FILE}: {len(raw) - pos} bytes after the last section")
    return out


@cache
def _section(name: str) -> str | list[int] | list[float]:
    kind, data = _tables()[name]
    if kind == "utf-8":
        return str(data, "utf-8")
    numbers = array(_ARRAY_TYPES[kind])
    if numbers.itemsize != {"int32": 4, "float64": 8}[kind]:
        raise ValueError(f"{TABLES_FILE}: no {kind} array type on this platform")
    numbers.frombytes(data)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tolist()


def _text(name: str) -> str:
    text = _section(name)
    assert isinstance(text, str)
    return text


def _ints(name: str) -> list[int]:
    assert _tables()[name][0] == "int32"
    return cast("list[int]", _section(name))


def _floats(name: str) -> list[float]:
    assert _tables()[name][0] == "float64"
    return cast("list[float]", _section(name))


@cache
def _pairs() -> list[str]:
    """The model's bigrams, in the order of the table (most frequent first)."""
    return _text("pairs").split("\n")


@cache
def _bigrams() -> dict[str, int]:
    return dict(zip(_pairs(), _ints("pair_counts"), strict=True))


@cache
def _readings() -> dict[str, tuple[str, ...]]:
    lists = _text("readings").split("\n")  # "yōu" or "bā,bà" per character
    return dict(zip(_text("reading_chars"), map(tuple, map(str.split, lists, repeat(","))), strict=True))


@cache
def _by_reading() -> dict[str, tuple[str, ...]]:
    groups = _text("reading_groups").split("\n")  # the characters of each reading, in order
    return dict(zip(_text("reading_keys").split("\n"), map(tuple, groups), strict=True))


@cache
def load_model() -> CharModel:
    """The character model, read once from ``newsclean/data/charfreq.bin``.

    The same dictionaries, in the same order, with the same values as :func:`model_from_tsv`
    gives from ``charfreq.tsv.gz`` (the log-probabilities by the same float operations).
    """
    chars = _text("chars")  # one character each
    counts = dict(zip(chars, _ints("counts"), strict=True))
    total = sum(counts.values())
    # math.log(n / total) for each character, as model_from_tsv computes it
    logp = dict(zip(chars, map(math.log, map(operator.truediv, counts.values(), repeat(total))), strict=True))
    return CharModel(logp, counts, _bigrams, _readings, _by_reading)


def model_from_tsv(raw: bytes) -> CharModel:
    """The character model from the gzipped ``charfreq.tsv.gz`` (``kind<TAB>key<TAB>value`` lines):
    the reference :func:`load_model` must match, and the source of ``charfreq.bin``."""
    counts: dict[str, int] = {}
    bigrams: dict[str, int] = {}
    readings: dict[str, tuple[str, ...]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, key, value = line.split("\t")
        if kind == "u":
            counts[key] = int(value)
        elif kind == "b":
            bigrams[key] = int(value)
        elif kind == "p":
            readings[key] = tuple(value.split(","))
    total = sum(counts.values())
    logp = {c: math.log(n / total) for c, n in counts.items()}
    by_reading: dict[str, list[str]] = {}
    for c, rs in readings.items():
        for r in rs:
            by_reading.setdefault(r, []).append(c)
    ranked = {r: tuple(sorted(cs, key=lambda c: -counts.get(c, 0))) for r, cs in by_reading.items()}
    return CharModel(logp, counts, lambda: bigrams, lambda: readings, lambda: ranked)


def char_logp(ch: str) -> float:
    """Log-probability of one character in news text.

    >>> char_logp("的") > char_logp("樌")
    True
    >>> char_logp("\\ue789") == ODD_LOGP
    True
    """
    return _logp_table()[ch]


def _char_logp(ch: str) -> float:
    model = load_model()
    lp = model.logp.get(ch)
    if lp is not None:
        return lp
    lp = _PUNCT_LOGP.get(ch)
    if lp is not None:
        return lp
    if ch.isascii():
        if ch.isalnum():
            return -6.0
        return -12.0 if ch == "?" else -7.0
    if _starts_han(ch):
        return RARE_HAN_LOGP
    return ODD_LOGP


class _LogpTable(dict[str, float]):
    """:func:`char_logp` of every character met so far (a pure function of one character:
    at most one entry per code point), filled on first use of a character."""

    def __missing__(self, ch: str) -> float:
        lp = self[ch] = _char_logp(ch)
        return lp


@cache
def _logp_table() -> _LogpTable:
    table = _LogpTable()
    table.update(load_model().logp)
    return table


def pair_bonus(a: str, b: str) -> float:
    """How much likelier ``b`` is after ``a`` than on its own (log ratio, 0 when unknown).

    >>> pair_bonus("招", "商") > 3
    True
    >>> pair_bonus("猩", "、")
    0.0
    """
    if len(a) != 1:
        return _pair_bonus(a, b)
    return _pair_table().get(a + b, 0.0)


def _pair_bonus(a: str, b: str, model: CharModel | None = None) -> float:
    punct = _PUNCT_PAIRS.get(a + b)
    if punct is not None:
        return punct
    if model is None:
        model = load_model()
    n = model.bigrams.get(a + b)
    if not n:
        return 0.0
    ca = model.counts.get(a)
    lb = model.logp.get(b)
    if not ca or lb is None:
        return 0.0
    return max(0.0, math.log(n / ca) - lb)


def pair_bonuses(model: CharModel) -> list[float]:
    """:func:`pair_bonus` of each of ``model``'s bigrams, in order (0.0 when none): what
    ``charfreq.bin`` stores, so that no process computes them again."""
    return [_pair_bonus(pair[0], pair[1:], model) for pair in model.bigrams]


@cache
def _pair_table() -> dict[str, float]:
    """:func:`pair_bonus` of every pair that has one (the model's bigrams and the punctuation
    pairs); any other pair of characters has none (0.0)."""
    # The bigrams' bonuses are stored (pair_bonuses), in the order of the bigrams; then the
    # punctuation pairs, as a loop over (*bigrams, *_PUNCT_PAIRS) keeping non-zero bonuses gives.
    bonus = _floats("pair_bonus")
    out = dict(compress(zip(_pairs(), bonus, strict=True), bonus))
    out.update((pair, punct) for pair, punct in _PUNCT_PAIRS.items() if punct)
    return out


@cache
def neighbours() -> tuple[dict[str, str], dict[str, str]]:
    """Characters seen after (successors) and before (predecessors) each character, as a string
    each: from the model's bigrams (in their order), then the punctuation pairs (in
    :data:`PUNCT_PAIRS` order). The only candidates a neighbour can lift. The bigrams' part is
    stored in ``charfreq.bin``; a string rather than a tuple of characters saves creating 240k
    one-character strings."""
    succ = dict(zip(_text("succ_keys"), _text("succ").split("\n"), strict=True))
    pred = dict(zip(_text("pred_keys"), _text("pred").split("\n"), strict=True))
    for pair in PUNCT_PAIRS:
        a, b = pair[0], pair[1]
        succ[a] = succ.get(a, "") + b
        pred[b] = pred.get(b, "") + a
    return succ, pred


@cache
def _latin1_whole() -> bool:
    """Characters U+0000-U+00FF score whole numbers and no pair of them has a bonus (true of
    the shipped table: it holds Han characters only)."""
    latin1 = [chr(c) for c in range(0x100)]
    if any(not char_logp(c).is_integer() for c in latin1):
        return False
    # Every pair with a bonus is a bigram of the table or a punctuation pair: when neither holds
    # a latin-1 character (one regex scan), none does; otherwise look at each pair.
    if not _LATIN1_RE.search(_text("pairs")) and not _LATIN1_RE.search("".join(_PUNCT_PAIRS)):
        return True
    return not any(max(pair) < "\u0100" for pair in _pair_table())


#: A latin-1 character other than the newline that separates the pairs of the table.
_LATIN1_RE = re.compile("[\x00-\x09\x0b-\xff]")


def score(text: str) -> float:
    """Total score of ``text``: character log-probabilities plus pair bonuses."""
    if not text:
        return 0.0
    # The same float additions in the same order as a plain loop (``total = 0.0``, then for
    # each character its log-probability and the bonus of the pair it ends), so the result is
    # bit-identical, but run by C iterators instead of a Python loop per character. Pairs
    # without a bonus (None) are skipped, which changes nothing: x + 0.0 == x.
    getlp = _logp_table().__getitem__
    if max(text) < "\u0100" and _latin1_whole():
        # latin-1 text (mojibake before its repair): every score is a whole number and no pair
        # has a bonus, so the sum is exact in any order
        return float(sum(map(getlp, text)))
    rest = text[1:]
    bonuses = map(_pair_table().get, map(operator.add, text, rest))
    terms = chain.from_iterable(zip(map(getlp, rest), bonuses, strict=True))
    return reduce(operator.add, filter(None, terms), 0.0 + getlp(text[0]))


def score_floor(text: str) -> float:
    """A lower bound of :func:`score`: the same additions without the pair bonuses.

    Never above ``score(text)``: bonuses are never negative, and rounded float addition is
    monotone (``a <= b`` gives ``a + c <= b + c``; ``x + bonus >= x``), so each partial sum
    without bonuses stays at or below the one with them. About half the cost of a score (no
    pair lookups), enough to accept a re-read that clears a threshold by its characters alone.
    """
    if not text:
        return 0.0
    getlp = _logp_table().__getitem__
    return reduce(operator.add, map(getlp, text[1:]), 0.0 + getlp(text[0]))


def clears(new: str, floor: float) -> bool:
    """``mean_score(new) >= floor``, from :func:`score_floor` first when that already decides it
    (dividing by the length is monotone as well)."""
    if new and score_floor(new) / len(new) >= floor:
        return True
    return mean_score(new) >= floor


def mean_score(text: str) -> float:
    """Score per character (0.0 for empty text), to compare strings of different lengths.

    >>> mean_score("一手抓招商") > mean_score("薄耙皇肿フ猩") + 5
    True
    """
    return score(text) / len(text) if text else 0.0


def chars_with_reading(reading: str) -> tuple[str, ...]:
    """Characters read ``reading`` (tone-marked pinyin), most frequent first.

    >>> "優" in chars_with_reading("yōu")
    True
    """
    return load_model().by_reading.get(reading, ())
