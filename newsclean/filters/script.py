"""Script detection: is a text simplified, traditional, mixed, and was it machine-converted?

The pipeline calls :func:`detect_script` once per document, on the raw text (before repair and
gloss stripping), and stores the result in ``doc.script``; the ``convert`` filter reads it
(``--to auto`` turns machine-converted traditional text back into simplified, ARTIFACTS.md §1).

Evidence is per character. The two tables are derived from OpenCC itself, once per process:

- *traditional-only*: characters that OpenCC ``t2s`` changes (們 這 國 說 為 會 來 時 産 …),
  minus the few that are also everyday simplified characters (GB2312 level 1, e.g. 乾);
- *simplified-only*: characters that OpenCC ``s2t`` changes (们 这 国 说 为 会 来 时 …), minus
  those that are also everyday traditional characters (Big5 level 1: 于 后 里 干 台 群 峰 …,
  which OpenCC maps to a variant but which Taiwan and Hong Kong print every day).

Machine conversion is recognised by its pinyin glosses (``項(xiàng)目``), counted by
:func:`newsclean.filters.pinyin.count_glosses`. Genuine traditional text (seed 004, the Taiwan
dev articles) has none.
"""

from __future__ import annotations

import re
from functools import cache

from newsclean.document import ScriptInfo

#: Characters looked at. News articles are a few KB; a long document is judged on its first
#: ``_SAMPLE`` characters, which is plenty of evidence and bounds the cost.
_SAMPLE = 20_000

#: Share of script-specific characters that must be traditional (or simplified) for a clean label;
#: anything in between is ``mixed``. A simplified article quoting a Taiwanese name stays simplified.
_MAJORITY = 0.9

#: Glosses that always make a traditional text machine-converted (seeds 000-003 carry hundreds);
#: below that, glosses must be dense (see :func:`detect_script`): one ``(ài)`` quoted in a
#: language column of a genuine article is not a content farm.
_MIN_GLOSSES = 3

#: Any Han character (BMP unified ideographs and Extension A), to tell "no Han text" apart.
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@cache
def han_characters() -> tuple[str, ...]:
    """Every BMP and Extension-B Han character, one per element (what OpenCC's tables cover)."""
    codepoints = [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0x20000, 0x2A6E0)]
    return tuple(chr(c) for c in codepoints)


@cache
def _script_tables() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only, simplified-only) character sets, derived from OpenCC once per process.

    Each character is converted on its own line (so no phrase rule spans two characters); the
    whole table costs one OpenCC call of ~140 KB, about 0.1 s.
    """
    import opencc

    from newsclean.charsets import big5_level1, gb2312_level1

    chars = han_characters()
    joined = "\n".join(chars)
    to_simp = opencc.OpenCC("t2s").convert(joined).split("\n")
    to_trad = opencc.OpenCC("s2t").convert(joined).split("\n")
    trad = {c for c, s in zip(chars, to_simp, strict=True) if s != c} - gb2312_level1()
    simp = {c for c, t in zip(chars, to_trad, strict=True) if t != c} - big5_level1()
    return frozenset(trad - simp), frozenset(simp - trad)


def traditional_only() -> frozenset[str]:
    """Characters that occur only in traditional script (OpenCC ``t2s`` changes them).

    >>> {"們", "國", "産"} <= traditional_only()
    True
    >>> "乾" in traditional_only() or "中" in traditional_only()
    False
    """
    return _script_tables()[0]


def simplified_only() -> frozenset[str]:
    """Characters that occur only in simplified script (OpenCC ``s2t`` changes them).

    >>> {"们", "国", "说"} <= simplified_only()
    True
    >>> "台" in simplified_only() or "于" in simplified_only()
    False
    """
    return _script_tables()[1]


def count_glosses(text: str) -> int:
    """Number of content-farm pinyin glosses in ``text`` (delegates to the ``strip-pinyin`` filter).

    >>> count_glosses("沈陽:咬定項(xiàng)目不放松")
    1
    >>> count_glosses("蘋果(iPhone)新品(a)")
    0
    """
    from newsclean.filters.pinyin import count_glosses as _count

    return _count(text)


def script_counts(text: str) -> tuple[int, int]:
    """Numbers of *distinct* traditional-only and simplified-only characters in the sampled text.

    Distinct characters, not occurrences: ``set(text)`` runs in C (~30 MB/s measured on the Taiwan
    dev articles, against ~4 MB/s for two big character-class regexes), and a few hundred
    distinct characters are ample evidence for a label.

    >>> script_counts("我們這個國家,我們")  # 們 這 個 國, each counted once
    (4, 0)
    >>> script_counts("我们这个国家")
    (0, 4)
    """
    trad, simp = _script_tables()
    chars = set(text[:_SAMPLE])
    return len(chars & trad), len(chars & simp)


def detect_script(text: str) -> ScriptInfo:
    """Detect the script of ``text`` and whether it was machine-converted from simplified.

    Labels: ``traditional`` / ``simplified`` when at least 90% of the distinct script-specific
    characters agree, ``mixed`` otherwise, ``none`` without Han characters. Han text with no script-specific
    character at all (``中文``) is valid as it stands in both scripts; it is labelled
    ``simplified``, which no ``--to auto`` conversion touches.

    ``machine_converted`` is set for traditional or mixed text carrying at least three pinyin
    glosses, or fewer but at least one per two distinct traditional-only characters (a short
    farm snippet such as ``項(xiàng)目``) (ARTIFACTS.md §1): the content farm glossed each
    character it converted, so the text was simplified before and ``t2s`` restores it. Genuine
    traditional text has no glosses, so it is never flagged and ``--to auto`` keeps it.

    >>> detect_script("中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)")
    ScriptInfo(label='traditional', machine_converted=True, glosses=5)
    >>> detect_script("項(xiàng)目").machine_converted
    True
    >>> detect_script("國際在線專稿:一批重點項目將在峰會期間集中簽約,産業")
    ScriptInfo(label='traditional', machine_converted=False, glosses=0)
    >>> detect_script("我们在对接企业过程中发现了新机会")
    ScriptInfo(label='simplified', machine_converted=False, glosses=0)
    >>> detect_script("Hello, world (iPhone)")
    ScriptInfo(label='none', machine_converted=False, glosses=0)
    """
    trad, simp = script_counts(text)
    if trad + simp == 0:
        label = "simplified" if _HAN_RE.search(text) else "none"
    elif trad >= _MAJORITY * (trad + simp):
        label = "traditional"
    elif simp >= _MAJORITY * (trad + simp):
        label = "simplified"
    else:
        label = "mixed"
    glosses = count_glosses(text) if label != "none" else 0
    # The farm glosses (nearly) every character it converted, so a short farm snippet has about
    # as many glosses as distinct traditional-only characters; a genuine text quoting one
    # reading (這個字讀作愛(ài)) has far fewer.
    dense = glosses > 0 and 2 * glosses >= trad
    machine = label in ("traditional", "mixed") and (glosses >= _MIN_GLOSSES or dense)
    return ScriptInfo(label=label, machine_converted=machine, glosses=glosses)
