"""The change log: every edit a filter makes goes through here, so nothing leaves the text untraced.

A filter receives a :class:`ChangeLog` bound to its name. It records edits with
:meth:`ChangeLog.add` or, for regex work, :meth:`ChangeLog.sub`, which logs each match as it
replaces it. Counting is always on (it is cheap); keeping the removed text itself is on only
when the run asked for an audit (``--rejects``, ``newsclean explain``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsclean.document import Change

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(slots=True)
class ChangeLog:
    """Edits made by one filter to one document."""

    filter: str
    keep: bool = False
    count: int = 0
    chars_removed: int = 0
    chars_added: int = 0
    changes: list[Change] = field(default_factory=list)

    def add(self, kind: str, old: str, new: str = "", start: int = -1) -> None:
        """Record that ``old`` became ``new`` (a removal when ``new`` is empty)."""
        if old == new:
            return
        self.count += 1
        self.chars_removed += len(old)
        self.chars_added += len(new)
        if self.keep:
            self.changes.append(Change(self.filter, kind, old, new, start))

    def add_counts(self, count: int, removed: int, added: int) -> None:
        """Count ``count`` edits at once without keeping their text (for bulk edits such as a
        whole-document script conversion, where one :meth:`add` per run costs more than the
        conversion). Only valid when ``keep`` is False: an audit must see every edit."""
        assert not self.keep, "add_counts would hide edits from the audit"
        self.count += count
        self.chars_removed += removed
        self.chars_added += added

    def sub(self, pattern: re.Pattern[str], repl: Replacement, text: str, kind: str) -> str:
        """``pattern.sub(repl, text)`` that records each match it changes.

        ``repl`` is a replacement string (backreferences allowed) or a function of the match.
        """
        if callable(repl):
            expand = repl
        elif "\\" in repl:
            expand = lambda m: m.expand(repl)  # noqa: E731 - backreferences: expand per match
        else:
            expand = lambda m: repl  # noqa: E731 - a constant: m.expand would re-parse it per match

        def _logged(m: re.Match[str]) -> str:
            new = expand(m)
            self.add(kind, m.group(0), new, m.start())
            return new

        return pattern.sub(_logged, text)


def replay_changes(text: str, changes: Iterable[Change]) -> str:
    """Apply recorded edits (offsets into ``text``, as one filter pass logged them) to ``text``.

    Replaying a filter's log on its input gives its output: the log explains every edit.
    Raises ValueError when an edit does not match the text or overlaps another.

    >>> replay_changes("項(xiàng)目", [Change("strip-pinyin", "gloss", "(xiàng)", "", 1)])
    '項目'
    """
    out: list[str] = []
    pos = 0
    for change in sorted(changes, key=lambda c: c.start):
        end = change.start + len(change.old)
        if change.start < pos or text[change.start : end] != change.old:
            raise ValueError(f"change {change.old!r} at {change.start} does not fit the text")
        out.append(text[pos : change.start])
        out.append(change.new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def sub_logged(pattern: re.Pattern[str], repl: Replacement, text: str, log: ChangeLog | None, kind: str) -> str:
    """Like :meth:`ChangeLog.sub`, but a plain ``pattern.sub`` when there is no log."""
    if log is None:
        return pattern.sub(repl, text)
    return log.sub(pattern, repl, text, kind)
