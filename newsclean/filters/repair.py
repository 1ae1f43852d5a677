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
Fast path: one regex search and one set difference on clean text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsclean.audit import sub_logged
from newsclean.filters import garble, mojibake

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig

#: Replacement mark for unrepairable damage under ``--garble mark`` (GB2312's "geta" sign).
MARK = "〓"

#: Unrepairable damage: `锟斤拷` (two U+FFFD written as UTF-8, read as GBK; also a lone `锟斤`
#: tail) and runs of U+FFFD (GBK read as UTF-8, 口字码).
REPLACEMENT_RE = re.compile(r"(?:锟斤拷)+(?:锟斤)?|锟斤|\ufffd+")

#: Private Use Area characters (GBK user-defined rows): never news prose, garble when not
#: inside a span the garble repair could re-read.
PUA_RE = re.compile(r"[\ue000-\uf8ff]+")

#: Anything any part of this step could act on: the fast path skips the rest without it.
_ANY_RE = re.compile(r"[\u0080-\u00ff\ufffd\ue000-\uf8ff\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\u3105-\u3129]|锟斤|\?")


def _policy(config: CleanConfig | None) -> str:
    return "repair" if config is None else config.garble


def _apply_garble(text: str, policy: str, log: ChangeLog | None) -> str:
    fixes = garble.plan_garble(text)
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


def repair_text(text: str, config: CleanConfig | None = None, log: ChangeLog | None = None) -> str:
    """Repair mojibake and misaligned-GBK garble; drop, mark or keep what cannot be repaired.

    Damage: ARTIFACTS.md §2 (garble) and §3 (mojibake, 锟斤拷, U+FFFD). Offsets in the log are
    those of the text each sub-step received.

    >>> repair_text("登門?!?<br/>")
    '登門。”<br/>'
    >>> repair_text("受訪者表示锟斤拷锟斤拷。")
    '受訪者表示。'
    >>> repair_text("峰會尚未開幕，準備早已開始，根據本地産業優勢。如何快人一步?")
    '峰會尚未開幕，準備早已開始，根據本地産業優勢。如何快人一步?'
    """
    if not _ANY_RE.search(text) and not garble.TRIGGER_RE.search(text) and not mojibake._rare_han(text):
        return text
    policy = _policy(config)
    text = mojibake.repair_mojibake(text, log)
    text = _apply_garble(text, policy, log)
    if policy == "keep":
        return text
    repl = MARK if policy == "mark" else ""
    if "锟斤" in text or "\ufffd" in text:
        text = sub_logged(REPLACEMENT_RE, repl, text, log, "replacement-chars")
    if PUA_RE.search(text):
        text = sub_logged(PUA_RE, repl, text, log, "pua")
    return text
