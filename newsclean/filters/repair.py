"""The ``repair`` step: byte-level damage first, before any other filter (ARTIFACTS.md §2, §3).

Composes, in order:

1. :func:`newsclean.filters.mojibake.repair_mojibake`: classic wrong-codec spans (古文码 `鎴戜滑`,
   拼音码 `ÎÒÃÇ`, UTF-8 as cp1252, Big5/GBK swaps), each accepted only when clearly more Chinese-like;
2. misaligned-GBK garble (:mod:`newsclean.filters.garble`): repaired where the bytes can be
   re-read, otherwise handled by ``config.garble``;
3. unrepairable damage: `锟斤拷` runs, U+FFFD runs and leftover Private Use Area characters.

``config.garble``: ``repair`` (default) repairs and drops what is left; ``mark`` repairs and
replaces what is left with ``〓``; ``drop`` drops garble spans without repairing them (and
unrepairable damage); ``keep`` repairs and keeps what is left. Every edit goes through the log
with a kind: ``mojibake-*``, ``garble-repaired``, ``garble-dropped``, ``garble-marked``,
``replacement-chars``, ``pua``.

Why safe: nothing is changed without a garble or mojibake signature and a clear score gain;
genuine text (seed 004's `産`, `酯`, a `?` closing a sentence, `café`, kana words) is left alone.
Fast path: one character-class search on clean text (a few hundred MB/s); then only the
lines with a sign of damage are examined.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from newsclean import charfreq
from newsclean.audit import ChangeLog, sub_logged
from newsclean.charsets import class_body, common_han
from newsclean.filters import garble, mojibake

if TYPE_CHECKING:
    from newsclean.config import CleanConfig

#: Replacement mark for unrepairable damage under ``--garble mark`` (GB2312's "geta" sign).
MARK = "〓"

#: Unrepairable damage: `锟斤拷` (two U+FFFD written as UTF-8, read as GBK; also a lone `锟斤`
#: tail) and runs of U+FFFD (GBK read as UTF-8, 口字码).
REPLACEMENT_RE = re.compile(r"(?:锟斤拷)+(?:锟斤)?|锟斤|\ufffd+")

#: Private Use Area characters (GBK user-defined rows): never news prose, garble when not
#: inside a span the garble repair could re-read.
PUA_RE = re.compile(r"[\ue000-\uf8ff]+")

#: Characters that may belong to damage (one character class, so the search runs at ~1 GB/s):
#: latin-1 letters (拼音码, cp1252), PUA, U+FFFD, `锟`, kana, box drawing, enclosed numbers,
#: bopomofo, Greek and Cyrillic (GBK symbol rows misread), `?`, and any Han character outside
#: the common sets (built on first use).
_SUSPECT_BASE = (
    "\u0080-\u00ff\ue000-\uf8ff\ufffd\u2460-\u24ff\u2502-\u257f"  # not `─━`: dashes in genuine Big5 text
    "\u3040-\u30ff\u3105-\u3129\u0370-\u04ff?锟"
)

#: Kana: a word of them (ぼうねんかい) is Japanese, not damage.
_KANA_RE = re.compile(r"[\u3040-\u30ff]")


def _benign(a: str, b: str, adjacent: bool) -> bool:
    """Two nearby suspects that look like genuine text: kana next to kana (a Japanese word), or
    two rare characters side by side that the character model knows (鵜鶘, 鰈鱈: real words;
    mojibake and garble runs hold many more suspects, so one benign pair hides nothing)."""
    if _KANA_RE.match(a) and _KANA_RE.match(b):
        return True
    if not adjacent:
        return False
    counts = charfreq.load_model().counts
    return a in counts and b in counts


#: How close two suspects must be for their line to be examined (rare characters spread over a
#: sentence are names and terms: 産, 酯, 邨).
_NEAR = 3


@cache
def _suspect_class() -> str:
    """Body of the suspect character class: :data:`_SUSPECT_BASE` and the rare Han characters."""
    common = common_han()
    rare = [c for c in range(0x3400, 0xA000) if chr(c) not in common] + list(range(0xF900, 0xFB00))
    return _SUSPECT_BASE + class_body(rare)


@cache
def _suspect_re() -> re.Pattern[str]:
    return re.compile("[" + _suspect_class() + "]")


@cache
def _hot_re() -> re.Pattern[str]:
    """A suspect character that makes its line hot, in one pattern (see :func:`_hot_lines`).

    The pattern starts with the suspect class, so a search skips clean text at C speed (the
    class is its prefix scan); at each suspect, the rules of :func:`_hot_lines` are branches
    that look around it without consuming anything else:

    1. PUA or U+FFFD; 2. `锟` before `斤` (the strong markers);
    3. `?` after or before a character that is neither ASCII nor white space, or starting a
       half gloss (`\\s` and :meth:`str.isspace` agree on every non-ASCII character);
    4. any other suspect with the next suspect at most three characters on: group 1 is that
       next one, for the :func:`_benign` check, which stays in Python. The gap is any
       characters, lazily: the shortest gap before a suspect is the one before the next suspect,
       the same match as a gap of non-suspects (``[^cls]{0,2}``), without a third copy of the
       class to compile (each copy of a class costs its full compile, ~9 ms per process).
    """
    cls = _suspect_class()
    return re.compile(
        rf"[{cls}](?:"
        r"(?<=[\ue000-\uf8ff\ufffd])"
        r"|(?<=锟)(?=斤)"
        rf"|(?<=\?)(?:(?<=[^\x00-\x7f\s]\?)|(?=[^\x00-\x7f\s]|[{garble.PINYIN_LETTERS}]{{1,6}}\)))"
        rf"|(?<!\?)(?=[\s\S]{{0,{_NEAR - 1}}}?([{cls}]))"
        ")"
    )


def _hot_lines(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the lines that hold possible damage (merged, in order).

    A suspect character counts when it is a strong marker (PUA, U+FFFD, 锟斤, misread symbols),
    a `?` touching a non-ASCII character, or has another suspect within three characters.
    Clean text costs one regex search (:func:`_hot_re`: the rules are branches of one
    pattern, so an isolated suspect, such as the `à` of a pinyin gloss or a rare character in a
    name, costs no Python step); only a pair of near suspects is checked in Python (benign
    pairs: a kana word, a known rare word). Once a suspect makes its line hot, the search goes
    on from the next line (the line is examined whole anyway).
    """
    search = _hot_re().search
    spans: list[tuple[int, int]] = []
    n = len(text)
    m = search(text)
    while m is not None:
        p = m.start()
        q = m.start(1)
        if q >= 0 and _benign(text[p], text[q], p + 1 == q):
            m = search(text, p + 1)
            continue
        e = text.find("\n", p)
        if e < 0:
            spans.append((text.rfind("\n", 0, p) + 1, n))
            break
        spans.append((text.rfind("\n", 0, p) + 1, e))
        m = search(text, e + 1)
    return spans


class _ShiftedLog(ChangeLog):
    """A view of a change log that adds ``offset`` to every start it records (line -> document)."""

    __slots__ = ("_offset", "_parent")

    def __init__(self, parent: ChangeLog, offset: int) -> None:
        super().__init__(parent.filter, parent.keep)
        self._parent = parent
        self._offset = offset

    def add(self, kind: str, old: str, new: str = "", start: int = -1) -> None:
        self._parent.add(kind, old, new, start + self._offset if start >= 0 else start)

    def add_counts(self, count: int, removed: int, added: int) -> None:
        self._parent.add_counts(count, removed, added)


def _policy(config: CleanConfig | None) -> str:
    return "repair" if config is None else config.garble


def _apply_garble(text: str, policy: str, log: ChangeLog | None, doc: garble.DocPairs) -> str:
    fixes = garble.plan_garble(text, doc.text, doc)
    if not fixes:
        return text
    out: list[str] = []
    pos = 0
    for f in fixes:
        out.append(text[pos : f.start])
        if policy == "drop":
            new, kind = "", "garble-dropped"
        elif f.new is not None:
            new, kind = f.new, "garble-repaired"
        elif policy == "mark":
            new, kind = MARK, "garble-marked"
        elif policy == "keep":
            new, kind = f.old, "garble-kept"
        else:
            new, kind = "", "garble-dropped"
        if log is not None:
            log.add(kind, f.old, new, f.start)
        out.append(new)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def _repair_line(line: str, policy: str, log: ChangeLog | None, doc: garble.DocPairs) -> str:
    line = mojibake.repair_mojibake(line, log)
    line = _apply_garble(line, policy, log, doc)
    if policy == "keep":
        return line
    repl = MARK if policy == "mark" else ""
    if "锟斤" in line or "\ufffd" in line:
        line = _drop_all(REPLACEMENT_RE, repl, line, log, "replacement-chars")
    if PUA_RE.search(line):
        line = _drop_all(PUA_RE, repl, line, log, "pua")
    return line


def _drop_all(pattern: re.Pattern[str], repl: str, line: str, log: ChangeLog | None, kind: str) -> str:
    """Replace every match of ``pattern`` with ``repl`` (``""`` or :data:`MARK`), each match
    one edit in the log. Without an audit (``log.keep`` off) the edits are counted in bulk
    from one ``subn``: every match is an edit (no match is ``repl``) and removes its length,
    the matches' lengths sum to what the text lost plus what ``repl`` put back. A U+FFFD page
    holds thousands of runs, and one Python call per run cost more than the rest of its repair."""
    if log is None or log.keep:
        return sub_logged(pattern, repl, line, log, kind)
    new, count = pattern.subn(repl, line)
    added = count * len(repl)
    log.add_counts(count, len(line) - len(new) + added, added)
    return new


def repair_text(text: str, config: CleanConfig | None = None, log: ChangeLog | None = None) -> str:
    """Repair mojibake and misaligned-GBK garble; drop, mark or keep what cannot be repaired.

    Damage: ARTIFACTS.md §2 (garble) and §3 (mojibake, 锟斤拷, U+FFFD). Only lines holding a
    possible sign of damage are examined (:func:`_hot_lines`); offsets in the log are those of
    the input text, plus the shift made by earlier sub-steps on the same line.

    >>> repair_text("登門?!?<br/>")
    '登門。”<br/>'
    >>> repair_text("受訪者表示锟斤拷锟斤拷。")
    '受訪者表示。'
    >>> repair_text("峰會尚未開幕，準備早已開始，根據本地産業優勢。如何快人一步?")
    '峰會尚未開幕，準備早已開始，根據本地産業優勢。如何快人一步?'
    """
    policy = _policy(config)
    settled: set[str] = set()
    for _ in range(MAX_PASSES):
        new = _repair_pass(text, policy, log, settled)
        if new == text:
            break
        text = new
    return text


#: Passes over a document at most. A repair changes the text around other spans (a dropped
#: U+FFFD joins two runs, a repaired span adds the word pairs that help fill lost bytes), so a
#: second pass may see damage the first one could not: passes repeat until one changes nothing,
#: which is what makes ``repair_text(repair_text(x)) == repair_text(x)`` (issue 8). Clean text
#: pays one gate per pass, and text with no damage left takes one pass.
MAX_PASSES = 4


def _repair_pass(text: str, policy: str, log: ChangeLog | None, settled: set[str]) -> str:
    """One pass over the hot lines of ``text``.

    ``settled``: lines an earlier pass of the same :func:`repair_text` call examined and left
    as they were, with nothing logged and without reading the document's word pairs (the only
    thing outside the line a repair looks at). Such a line gives the same answer again whatever
    changed elsewhere, so a later pass skips it.
    """
    spans = _hot_lines(text)
    if not spans:
        return text
    doc = garble.DocPairs(text)  # the word pairs of this text, for this pass only
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s])
        line = text[s:e]
        pos = e
        if line in settled:
            out.append(line)
            continue
        line_log = None if log is None else _ShiftedLog(log, s)
        logged = 0 if log is None else log.count
        doc.used = False
        new = _repair_line(line, policy, line_log, doc)
        if new == line and not doc.used and (log is None or log.count == logged):
            settled.add(line)
        out.append(new)
    out.append(text[pos:])
    return "".join(out)
