"""One immutable configuration object, built once (by the CLI or the caller) and passed down.

Vary it with :func:`dataclasses.replace`; filters read only the fields they own.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsclean.registry import DEFAULT_CHAIN

#: Accepted values of :attr:`CleanConfig.to`.
TARGET_SCRIPTS = ("auto", "keep", "zh-hans", "zh-hant", "zh-tw", "zh-hk")
#: Accepted values of :attr:`CleanConfig.garble`.
GARBLE_POLICIES = ("repair", "mark", "drop", "keep")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """What ``newsclean clean`` does to each document.

    steps
        The filters to run, in order (names from :data:`newsclean.registry.FILTERS`).
        Default: the full chain, in the order that ../shared/ARTIFACTS.md requires.
    to
        Target script. ``auto`` (default) turns machine-converted traditional text back to
        simplified and keeps genuine simplified or traditional text as it is; ``keep`` never
        converts; ``zh-hans``/``zh-hant``/``zh-tw``/``zh-hk`` convert every document.
    idioms
        With ``zh-tw``/``zh-hk``: also convert vocabulary (OpenCC's s2twp/s2hk phrase tables),
        not only characters. Off by default because it rewrites words, not just script.
    garble
        What to do with damage that cannot be repaired (锟斤拷, U+FFFD runs, garble spans):
        ``repair`` (default) repairs what it can and drops the rest; ``mark`` repairs and
        replaces the rest with ``〓``; ``drop`` drops without repairing; ``keep`` leaves it.
        Every dropped span is counted in ``changes`` and written to ``--rejects``.
    keep_width
        Keep fullwidth digits and Latin letters (default: fold them to halfwidth).
    keep_indent
        Keep paragraph indentation (default: strip it; one paragraph per line).
    audit
        Keep the text of every edit (needed for ``--rejects`` and ``explain``); off by default
        because counting alone is cheaper.
    max_passes
        The chain repeats until a pass changes nothing, at most this many passes (default 5):
        a later step can expose work for an earlier one, and output that converged is
        idempotent. Clean input costs one pass; typical dumps two (the second only confirms).
        1 runs the chain once, faster but without that guarantee.
    repeated_lines
        Corpus mode (``--learn-repeats``): keys (:func:`newsclean.filters.repeats.line_key`) of
        lines that recur across many documents of this corpus, learnt in a first pass by
        :func:`newsclean.filters.repeats.learn_repeats`; strip-boilerplate removes every line
        whose key is in the set (rule ``repeated``). Empty by default: one document at a time.
    """

    steps: tuple[str, ...] = DEFAULT_CHAIN
    to: str = "auto"
    idioms: bool = False
    garble: str = "repair"
    keep_width: bool = False
    keep_indent: bool = False
    audit: bool = False
    repeated_lines: frozenset[str] = frozenset()
    max_passes: int = 5

    def __post_init__(self) -> None:
        from newsclean.registry import FILTERS

        unknown = [s for s in self.steps if s not in FILTERS]
        if unknown:
            raise ValueError(f"unknown step(s): {', '.join(unknown)}; known: {', '.join(FILTERS)}")
        if self.to not in TARGET_SCRIPTS:
            raise ValueError(f"unknown target script {self.to!r}; choose from {', '.join(TARGET_SCRIPTS)}")
        if self.max_passes < 1:
            raise ValueError(f"max_passes must be at least 1, not {self.max_passes}")
        if self.garble not in GARBLE_POLICIES:
            raise ValueError(f"unknown garble policy {self.garble!r}; choose from {', '.join(GARBLE_POLICIES)}")
