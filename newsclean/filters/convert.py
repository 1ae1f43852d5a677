"""Script conversion with OpenCC: the ``convert`` filter (``--to auto|keep|zh-hans|zh-hant|zh-tw|zh-hk``).

Damage undone (ARTIFACTS.md §1): content farms convert simplified articles to traditional script;
after the glosses are gone, OpenCC ``t2s`` restores the simplified original. ``--to auto`` does
exactly that for documents that :func:`newsclean.filters.script.detect_script` flagged as
machine-converted, and leaves genuine simplified or traditional text alone.

Which OpenCC configuration runs depends on the target and on the detected source script, so that
a target never rewrites text that is already in it, and so that converting twice equals converting
once (tested, also with hypothesis):

==========  ===============================  =========================================================
target      simplified / mixed source        traditional source
==========  ===============================  =========================================================
zh-hans     ``t2s``, then 著 -> 着 (particle)  ``t2s``, then 著 -> 着 (particle)
zh-hant     ``s2t``                          only simplified-only leftovers get ``s2t`` (户 -> 戶)
zh-tw       ``s2tw`` (idioms: ``s2twp``),    leftovers, then ``t2tw`` (variants only: 裏 -> 裡)
            then 臺 佈 -> 台 布
zh-hk       ``s2hk`` (idioms: ``s2hkp``)     leftovers, then ``t2hk`` (variants only: 說 -> 説)
==========  ===============================  =========================================================

Why not ``s2tw`` on traditional text: OpenCC's simplified-to-traditional step maps characters
that are valid in both scripts to one preferred form (台 -> 臺, 布 -> 佈, 里 -> 裡), which on the
245 Taiwan dev articles changed 884 characters of genuine text; ``t2tw`` changes 5 (variants).
Vocabulary conversion (``config.idioms``) applies to simplified input only: OpenCC's phrase
tables assume mainland wording, and on Taiwan text ``s2twp`` rewrites genuine words (社區 -> 社群).
OpenCC 1.4 ships ``s2hkp`` (Hong Kong phrases); with an older OpenCC without it, ``zh-hk`` with
idioms falls back to ``s2hk``.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig
    from newsclean.document import Document

#: A run of changed positions in the 0/1 flags of :func:`_log_runs`.
_CHANGED_RUN_RE = re.compile(b"\x01+")

#: Targets :func:`convert_text` accepts.
TARGETS = ("zh-hans", "zh-hant", "zh-tw", "zh-hk")


@cache
def _converter(config: str) -> Any:
    """The OpenCC converter for ``config`` (``t2s``, ``s2twp`` …), built once per process."""
    import opencc

    return opencc.OpenCC(config)


@cache
def _has_config(config: str) -> bool:
    """Whether the installed OpenCC ships ``config`` (``s2hkp`` arrived in OpenCC 1.2)."""
    import opencc

    return f"{config}.json" in getattr(opencc, "CONFIGS", ())


#: The OpenCC configurations newsclean converts with (their tables are shipped precomputed).
CONFIGS = ("t2s", "s2t", "s2tw", "s2twp", "s2hk", "s2hkp", "t2tw", "t2hk")


@cache
def _unstable_outputs(config: str) -> frozenset[str]:
    """Characters that OpenCC ``config`` outputs but would change again on a second pass:
    shipped (:func:`newsclean.filters.script.shipped_opencc_tables`), or derived."""
    from newsclean.filters.script import shipped_opencc_tables

    shipped = shipped_opencc_tables()
    if shipped is not None and config in shipped["unstable"]:
        return frozenset(shipped["unstable"][config])
    return derive_unstable_outputs(config)


def derive_unstable_outputs(config: str) -> frozenset[str]:
    """Characters that OpenCC ``config`` outputs but would change again on a second pass.

    OpenCC's tables are not closed under themselves: ``t2s`` maps 薴 to 苧 and 苧 to 苎, ``s2tw``
    outputs 么 and then changes it. Found by converting every Han character twice (one line
    each, ~0.05 s); on OpenCC 1.4.2 this is {苧} for t2s and {么, 苧} for s2tw.
    """
    from newsclean.filters.script import han_characters

    joined = "\n".join(han_characters())
    once = _converter(config).convert(joined)
    twice = _converter(config).convert(once)
    return frozenset(a for a, b in zip(once.split("\n"), twice.split("\n"), strict=True) if a != b)


@cache
def _leftovers(config: str) -> frozenset[str]:
    """Characters that should not survive OpenCC ``config``: source-script-only characters.

    After ``t2s`` a traditional-only character left in the output usually means a phrase rule
    fired across a word boundary: ``由於潛伏期`` holds the place name ``於潛``, so ``t2s`` gives
    ``由於潜伏期``, and a second pass gives ``由于潜伏期``. Seeing one is the cue for another pass.
    """
    from newsclean.filters.script import simplified_only, traditional_only

    if config == "t2s":
        return traditional_only()
    if config.startswith("s2"):
        return simplified_only()
    return frozenset()


@cache
def _suspects(config: str) -> frozenset[str]:
    """Characters whose presence in the output of ``config`` calls for another pass."""
    return _unstable_outputs(config) | _leftovers(config)


@cache
def _suspect_re(config: str) -> re.Pattern[str] | None:
    """A search for any BMP character of :func:`_suspects` (None if it has none: ``t2tw``).

    A class of BMP characters scans at ~0.7-1 GB/s; ``frozenset.isdisjoint`` over the text runs
    at ~50 MB/s (it makes a string object per character), and a class that lists supplementary
    characters one by one at ~7 MB/s: those are looked for apart (:func:`_may_change_again`).
    """
    bmp = "".join(sorted(c for c in _suspects(config) if c <= "\uffff"))
    return re.compile(f"[{bmp}]") if bmp else None


def _may_change_again(text: str, config: str) -> bool:
    """Whether another pass of OpenCC ``config`` over its own output ``text`` may change it: the
    text holds one of :func:`_suspects`, or (coarsely) any character beyond the BMP; such a
    rare character costs one more OpenCC pass, which is harmless.

    Beyond the BMP: a UTF-16 length test (every such character takes 4 bytes, all others 2)
    at memory speed, instead of a range in the class, which slows its scan by a third.
    """
    suspect = _suspect_re(config)
    if suspect is not None and suspect.search(text) is not None:
        return True
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _opencc(text: str, config: str) -> str:
    """Run OpenCC ``config`` over ``text`` until the result is stable (at most 3 passes).

    One pass is not always idempotent (see :func:`_unstable_outputs` and :func:`_leftovers`).
    Another pass runs only when the output still holds a character that a pass would change;
    that check (:func:`_may_change_again`) is one regex search and a length test, so stable
    text pays almost nothing.
    """
    convert = _converter(config).convert
    result: str = convert(text)
    if result == text:  # OpenCC is deterministic: a pass that changed nothing, another would not
        return result  # (most documents already in the target script: no search needed)
    for _ in range(2):
        if not _may_change_again(result, config):
            break
        again: str = convert(result)
        if again == result:
            break
        result = again
    return result


def _fill_simplified(text: str) -> str:
    """Convert only the simplified-only characters of a traditional text to traditional (s2t).

    Every other character is kept, so a genuine traditional article keeps its own variants
    (台, 布, 里) while stray simplified leftovers (户外 -> 戶外) are filled in.
    """
    from newsclean.filters.script import simplified_only

    simp = simplified_only()
    if simp.isdisjoint(text):
        return text
    full = _opencc(text, "s2t")
    if len(full) != len(text):  # a phrase rule changed the length: retry line by line
        if "\n" not in text:
            return text  # cannot align this line character by character: leave it as it is
        return "\n".join(_fill_simplified(line) for line in text.split("\n"))
    return "".join(new if old in simp else old for old, new in zip(text, full, strict=True))


#: 著 -> 着 after ``t2s`` (see :func:`fix_particle_zhe`). Both alternatives start with the literal
#: 著, so the regex engine skips to it at memchr speed.
PARTICLE_ZHE_RE = re.compile(
    "著(?:"
    # the aspect particle after a verb (随着 带着 本着 有着 看着 意味着), unless a 著-word follows
    "(?<=[随带本有看接沿顺朝向味试跟紧拿穿站坐躺笑说想做写走跑唱哭吃喝听盯望守保留活忙急靠凭冲"
    "对围绕挂戴怀抱背领拉扛含藏存载摸踩扶护顶扯等记伴陪闹闪亮燃飘飞转响动盼开拖挨挤推举抓握"
    "捧端提牵揣披插撑压按摇晃吹喊叫嚷骂读瞧瞪睁闭闻尝摆放装堆躲忍挺托捏夹铺搭为]著)(?![名作称述书录者文译])"
    # zhuó/zháo words (着手 着陆 着急 着想 着重 着迷), unless 著 closes a 著-word (显著 土著 名著)
    "|(?<![显土卓昭名巨原专论编遗新拙大合译撰所彰杰伟]著)(?=[手陆急想重迷凉火落实眼力装])"
    ")"
)


def fix_particle_zhe(text: str) -> str:
    """Write 着 where simplified Chinese has 着 but OpenCC ``t2s`` left the traditional 著.

    Traditional script writes both the particle (隨著, 帶著) and zhù (著名, 著作) with 著;
    simplified writes the particle and zhuó/zháo (着手, 着急) with 着. ``t2s`` keeps 著 because
    著 is also a simplified character, so a converted text reads 随著, 本著, 有著. Only 著 after a
    verb (not followed by 名 作 称 述 书 录 者 文 译) and 著 before 手 陆 急 想 重 迷 … (not closing
    显著, 土著, 名著 …) change; 著名, 著作, 显著, 土著 stay.

    >>> fix_particle_zhe("随著时代，带著，本著，有著名的，显著，土著，著作，著手，显著重要")
    '随着时代，带着，本着，有著名的，显著，土著，著作，着手，显著重要'
    """
    if "著" not in text:
        return text
    return PARTICLE_ZHE_RE.sub("着", text)


#: After ``s2tw``/``s2twp``: the forms Taiwan prints every day where OpenCC picks another.
#: Simplified 台 and 布 stand for traditional 台/臺 and 布/佈; OpenCC writes 臺 and 佈 (宣佈,
#: 分佈), Taiwan's press writes 台 and 布 (the Ministry of Education's standard for 宣布, 公布,
#: 分布). Measured on the 245 Taiwan dev articles: 台 503 vs 臺 23, 布 257 vs 佈 14; the
#: zh-hans -> zh-tw round trip (benchmarks/roundtrip_eval.py) keeps 99.50% of characters with
#: OpenCC's choice and 99.82% with this one. Only the simplified-source path applies it: a
#: traditional source keeps its own 臺 and 佈.
_TAIWAN_EVERYDAY = str.maketrans("臺佈", "台布")


def convert_text(text: str, to: str, idioms: bool = False, source: str = "simplified") -> str:
    """Convert ``text`` to script ``to`` (one of :data:`TARGETS`) with OpenCC.

    ``source`` is the detected script (``simplified``, ``traditional``, ``mixed``); it picks the
    OpenCC configuration as in the module table, so traditional text is never pushed through a
    simplified-to-traditional character table. ``idioms`` also converts vocabulary (``s2twp``,
    ``s2hkp``) for simplified or mixed sources.

    >>> convert_text("中國產業經濟信息網", "zh-hans")
    '中国产业经济信息网'
    >>> convert_text("隨著時代，著名", "zh-hans")  # the particle is 着 in simplified
    '随着时代，著名'
    >>> convert_text("我们在对接企业过程中发现了新机会", "zh-tw")
    '我們在對接企業過程中發現了新機會'
    >>> convert_text("台北市的户外夜市", "zh-tw", source="traditional")
    '台北市的戶外夜市'
    >>> convert_text("Hello, world (iPhone)", "zh-hans")
    'Hello, world (iPhone)'
    """
    if to not in TARGETS:
        raise ValueError(f"unknown target script {to!r}; choose from {', '.join(TARGETS)}")
    if to == "zh-hans":
        return fix_particle_zhe(_opencc(text, "t2s"))
    if source == "traditional" or (source == "mixed" and to in ("zh-tw", "zh-hk")):
        # Mixed text going to a regional standard takes this path too: t2hk writes forms that
        # are also simplified (温, 户), so zh-hk output reads as "mixed", and a second run must
        # map it to itself (fill, then t2hk) rather than take s2hk (宣布 -> 宣佈): idempotence.
        filled = _fill_simplified(text)
        return filled if to == "zh-hant" else _opencc(filled, "t2tw" if to == "zh-tw" else "t2hk")
    if to == "zh-hant":
        return _opencc(text, "s2t")
    if to == "zh-tw":
        return _opencc(text, "s2twp" if idioms else "s2tw").translate(_TAIWAN_EVERYDAY)
    hk = "s2hkp" if idioms and _has_config("s2hkp") else "s2hk"
    return _opencc(text, hk)


def _config_name(to: str, idioms: bool, source: str) -> str:
    """A short label for the conversion applied, used as the change ``kind`` (``t2s``, ``s2twp``)."""
    if to == "zh-hans":
        return "t2s"
    if source == "traditional" or (source == "mixed" and to in ("zh-tw", "zh-hk")):
        return {"zh-hant": "fill-s2t", "zh-tw": "t2tw", "zh-hk": "t2hk"}[to]
    if to == "zh-hant":
        return "s2t"
    if to == "zh-tw":
        return "s2twp" if idioms else "s2tw"
    return "s2hkp" if idioms and _has_config("s2hkp") else "s2hk"


def log_conversion(old: str, new: str, log: ChangeLog, kind: str) -> None:
    """Record the edits that turned ``old`` into ``new``, one per run of changed characters.

    Character-mode conversions keep the length; then the runs come from a C-level compare
    (see :func:`_log_runs`). Phrase conversions (s2twp)
    may change the length; then only the lines that differ are diffed with :mod:`difflib`.
    ``start`` is the offset of each run in ``old``.
    """
    if old == new:
        return
    if len(old) == len(new):
        _log_runs(old, new, log, kind, 0)
        return
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):  # OpenCC never adds or removes newlines; diff it all
        old_lines, new_lines = [old], [new]
    offset = 0
    for a, b in zip(old_lines, new_lines, strict=True):
        if a != b and len(a) == len(b):
            _log_runs(a, b, log, kind, offset)
        elif a != b:
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op != "equal":
                    log.add(kind, a[i1:i2], b[j1:j2], offset + i1)
        offset += len(a) + 1


#: Byte -> 1 if nonzero (for :func:`_changed_flags`).
_NONZERO = bytes([0] + [1] * 255)


def _changed_flags(old: str, new: str) -> bytes:
    """One byte per character of two equal-length strings: 1 where they differ, else 0.

    Both strings become UTF-16 (2 bytes a character, when neither holds a character beyond the
    BMP; else UTF-32, 4 bytes) and one big-integer XOR compares them all; shifts OR each
    character's bytes into its lowest byte, and a strided slice keeps those. Every step is a C
    loop over bytes: ~300 MB/s (UTF-32: ~220 MB/s), against ~25 MB/s for
    ``bytes(map(operator.ne, old, new))``, which makes two string objects per character.

    >>> list(_changed_flags("我們在這", "我们在这"))
    [0, 1, 0, 1]
    """
    a, b = old.encode("utf-16-le"), new.encode("utf-16-le")
    if len(a) == len(b) == 2 * len(old):  # BMP only: each character is one 2-byte unit
        x = int.from_bytes(a, "little") ^ int.from_bytes(b, "little")
        x |= x >> 8
        return x.to_bytes(2 * len(old), "little")[0::2].translate(_NONZERO)
    x = int.from_bytes(old.encode("utf-32-le"), "little") ^ int.from_bytes(new.encode("utf-32-le"), "little")
    x |= x >> 8
    x |= x >> 16
    return x.to_bytes(4 * len(old), "little")[0::4].translate(_NONZERO)


def _log_runs(old: str, new: str, log: ChangeLog, kind: str, offset: int) -> None:
    """Log each run of differing characters of two equal-length strings (starts shifted by ``offset``).

    :func:`_changed_flags` marks each differing position with 1 at C speed, and a bytes regex
    finds the runs: no Python loop per character. Without ``log.keep`` the runs are
    only counted, in bulk (a t2s pass changes ~300 runs per seed; one ``add`` call each would
    cost more than OpenCC itself).
    """
    flags = _changed_flags(old, new)
    if not log.keep:
        runs = flags.count(b"\x00\x01") + (flags[:1] == b"\x01")  # runs start after a 0 or at 0
        changed = flags.count(1)
        log.add_counts(runs, changed, changed)
        return
    for m in _CHANGED_RUN_RE.finditer(flags):
        i, j = m.span()
        log.add(kind, old[i:j], new[i:j], offset + i)


def target_for(doc: Document, config: CleanConfig) -> str | None:
    """The target script for ``doc`` under ``config.to``, or None to leave it as it is.

    ``auto``: ``zh-hans`` for machine-converted traditional (or mixed) documents, else None.
    ``keep``: None. Documents without Han text are never converted.
    """
    info = doc.script
    if config.to == "keep" or (info is not None and info.label == "none" and not _has_han(doc.text)):
        return None
    if config.to == "auto":
        if info is None:  # the step runs alone: the pipeline did not detect the input script
            from newsclean.filters.script import detect_script

            info = doc.script = detect_script(doc.text)
        return "zh-hans" if info.machine_converted and info.label in ("traditional", "mixed") else None
    return config.to


def _has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character."""
    from newsclean.charsets import HAN_RE

    return HAN_RE.search(text) is not None


def convert_document(doc: Document, config: CleanConfig, log: ChangeLog) -> None:
    """Convert ``doc.text`` to the script ``config.to`` asks for (``doc.script`` says the source).

    Every changed run of characters is logged (kind: the OpenCC configuration, e.g. ``t2s``).
    A document whose script was not detected (``doc.script`` None, e.g. when the step runs alone,
    or label ``none`` with Han text) is detected here first.
    """
    to = target_for(doc, config)
    if to is None:
        return
    source = doc.script.label if doc.script is not None else "none"
    if source == "none":
        from newsclean.filters.script import detect_script

        source = detect_script(doc.text).label
    new = convert_text(doc.text, to, idioms=config.idioms, source=source)
    if new != doc.text:
        log_conversion(doc.text, new, log, _config_name(to, config.idioms, source))
        doc.text = new
