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
:func:`newsclean.filters.pinyin.count_glosses`, or, without glosses, by converter fingerprints
(:func:`count_fingerprints`): characters a simplified-to-traditional converter leaves or writes
that genuine Taiwan and Hong Kong text does not (并, 么, 之后, 連云港 left unconverted by a
one-to-one converter; OpenCC's 爲 衆 羣 喫 峯 啓 纔 僞). Genuine traditional text (seed 004, the
Taiwan dev articles) has neither.

Speed: this runs on every document. The label needs no counting when only one script's
characters occur: two regex searches over BMP-only character classes (~0.7-1 GB/s; the same
classes with Extension-B members fall back to a range list and run at ~7 MB/s) decide it, and
a UTF-16 length test shows that no Extension-B character needs looking at. Documents holding
both kinds (mixed text, a traditional article with a simplified leftover) count distinct
characters only as far as the verdict needs (:func:`_bounded_counts`). Glosses and converter
fingerprints are counted by one regex pass each, with the context checks inside the pattern.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newsclean.document import ScriptInfo
from newsclean.filters.pinyin import count_glosses as _count_glosses

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
def shipped_opencc_tables() -> dict[str, Any] | None:
    """The tables derived from OpenCC when the package was built, if the installed OpenCC is the
    version they came from (``newsclean/data/opencc_tables.json``, written by
    ``benchmarks/build_opencc_tables.py``); otherwise None and they are derived again.

    Deriving them converts every Han character with several OpenCC configurations (~0.3 s per
    process): a start-up cost that every ``-j`` worker and every one-line run would pay.
    """
    import json
    from importlib import resources

    import opencc

    try:
        raw = resources.files("newsclean.data").joinpath("opencc_tables.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data: dict[str, Any] = json.loads(raw)
    return data if data.get("opencc") == getattr(opencc, "__version__", None) else None


@cache
def _script_tables() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only, simplified-only) character sets: shipped, or derived from OpenCC."""
    shipped = shipped_opencc_tables()
    if shipped is not None:
        return frozenset(shipped["traditional_only"]), frozenset(shipped["simplified_only"])
    return derive_script_tables()


def derive_script_tables() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only, simplified-only) character sets, derived from the installed OpenCC.

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
    return _count_glosses(text)


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
    character it converted, so the text was simplified before and ``t2s`` restores it. Without
    glosses, it is set when the text carries at least three converter fingerprints, and at least
    one per 1,000 characters (:func:`count_fingerprints`). Genuine traditional text has neither,
    so it is never flagged and ``--to auto`` keeps it.

    >>> detect_script("中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)")
    ScriptInfo(label='traditional', machine_converted=True, glosses=5)
    >>> detect_script("項(xiàng)目").machine_converted
    True
    >>> detect_script("國際在線專稿:一批重點項目將在峰會期間集中簽約,産業")
    ScriptInfo(label='traditional', machine_converted=False, glosses=0)
    >>> detect_script("我们在对接企业过程中发现了新机会")
    ScriptInfo(label='simplified', machine_converted=False, glosses=0)
    >>> detect_script("春節后上班，并且由于連云港項目多").machine_converted  # fingerprints, no gloss
    True
    >>> detect_script("Hello, world (iPhone)")
    ScriptInfo(label='none', machine_converted=False, glosses=0)
    """
    sample = text[:_SAMPLE]
    trad_re, simp_re = _script_res()
    has_trad = trad_re.search(sample) is not None
    has_simp = simp_re.search(sample) is not None
    ext_b = _has_ext_b(sample)
    counted = (has_trad and has_simp) or ext_b
    if counted:
        trad, simp = _bounded_counts(sample, ext_b)  # mixed evidence: count as far as the label needs
    else:
        trad, simp = int(has_trad), int(has_simp)  # only one kind occurs: its share is 100%
    label = _label(trad, simp, text)
    if label not in ("traditional", "mixed"):
        # Glosses are counted for the report, but on simplified text they never mean conversion.
        return ScriptInfo(label=label, machine_converted=False, glosses=_count_glosses(text) if label != "none" else 0)
    glosses = _count_glosses(text)
    if 0 < glosses < _MIN_GLOSSES and not counted:
        # Only traditional-only characters occur (the label says so): how many matters below,
        # but only up to 2 * glosses <= 4, so counting stops at 5.
        trad = _distinct(trad_re, sample, 5)[0]
    # The farm glosses (nearly) every character it converted, so a short farm snippet has about
    # as many glosses as distinct traditional-only characters; a genuine text quoting one
    # reading (這個字讀作愛(ài)) has far fewer. (``trad`` may be a lower bound of at least 5
    # here, see _bounded_counts: then the test is False, as it would be with the exact count,
    # whenever glosses < 3, the only case where it matters.)
    dense = glosses > 0 and 2 * glosses >= trad
    machine = glosses >= _MIN_GLOSSES or dense or _fingerprinted(text)
    return ScriptInfo(label=label, machine_converted=machine, glosses=glosses)


#: Characters that genuine Taiwan and Hong Kong text does not print but converters produce:
#: 并 么 (left by one-to-one converters: 並/併, 麼) and OpenCC's "standard" variants
#: 爲 衆 喫 纔 僞 (Taiwan and Hong Kong print 為 眾 吃 才 偽). None occurs in the 245 Taiwan dev
#: articles or in seed 004 (genuine mainland traditional, which has 産, so 産 is NOT a
#: fingerprint); OpenCC s2t output of the cwced articles has about one per 200 characters.
#: Not fingerprints, although OpenCC s2t writes them: 羣 峯 啓 (Hong Kong's standard forms; OpenCC
#: s2hk writes them too), 裏 着 (Hong Kong), 産 (seed 004).
_FINGERPRINT_CHARS = "并么爲衆喫纔僞"

#: Characters that genuine traditional text does print, but not in these neighbours, where a
#: one-to-one converter left the simplified form of a one-to-many pair: char -> (characters
#: before it, characters after it) that make it a fingerprint. 之后 先后 節后 (後), 由于 對于 (於),
#: 這里 哪里 市里 (裡; 里長 and 公里 are genuine and excluded), 骨干 干部 (幹), 連云港 云南 (雲),
#: 開辟 (闢), 合伙 (夥). Measured on seeds 000-003 with the glosses stripped: 3 to 7 hits each.
_FINGERPRINT_CONTEXTS: dict[str, tuple[str, str]] = {
    "后": ("之以然最此今隨其前背落而先節", "來續"),
    "于": ("由對關等位處屬基終至用在", "是"),
    "里": ("這那哪心家夜城手市", ""),
    "干": ("骨", "部淨旱"),
    "云": ("", "南港端"),
    "辟": ("開", ""),
    "伙": ("合", ""),
}

#: Any fingerprint character (one class: a fast scan).
_FINGERPRINT_RE = re.compile(f"[{_FINGERPRINT_CHARS}{''.join(_FINGERPRINT_CONTEXTS)}]")


def _fingerprint_hit_re() -> re.Pattern[str]:
    """One fingerprint: a character of :data:`_FINGERPRINT_CHARS`, or a character of
    :data:`_FINGERPRINT_CONTEXTS` in one of its contexts (``里`` not followed by 長 or 民: 市里長,
    里民, 里 is the ward). Opens with the class of :data:`_FINGERPRINT_RE` (a fast scan); the
    look-arounds check the context at each candidate, so counting is one ``findall`` in C."""
    alternatives = [f"(?<=[{_FINGERPRINT_CHARS}])"]
    for ch, (before, after) in _FINGERPRINT_CONTEXTS.items():
        ward = "(?![長民])" if ch == "里" else ""
        if before:
            alternatives.append(f"(?<=[{before}]{ch}){ward}")
        if after:
            alternatives.append(f"(?<={ch})(?=[{after}]){ward}")
    return re.compile(f"{_FINGERPRINT_RE.pattern}(?:{'|'.join(alternatives)})")


#: A fingerprint, context included: see :func:`_fingerprint_hit_re`.
_FINGERPRINT_HIT_RE = _fingerprint_hit_re()

#: Fingerprints needed to call a gloss-free traditional text machine-converted, and at least one
#: per this many characters (a long genuine article quoting 人云亦云 once is no converter).
_MIN_FINGERPRINTS = 3
_CHARS_PER_FINGERPRINT = 1000


def count_fingerprints(text: str) -> int:
    """Number of converter fingerprints in ``text`` (see :data:`_FINGERPRINT_CONTEXTS`).

    >>> count_fingerprints("春節后上班，并且合伙人由于連云港")  # 后 并 伙 于 云
    5
    >>> count_fingerprints("里長說，若干公里外的皇后大道，台灣")  # genuine traditional usage
    0
    """
    return len(_FINGERPRINT_HIT_RE.findall(text))


def _fingerprinted(text: str) -> bool:
    """Whether a gloss-free traditional ``text`` carries enough converter fingerprints."""
    if _FINGERPRINT_RE.search(text) is None:
        return False
    hits = count_fingerprints(text)
    return hits >= _MIN_FINGERPRINTS and hits * _CHARS_PER_FINGERPRINT >= len(text)


@cache
def _script_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Searches for a traditional-only and a simplified-only BMP character.

    Supplementary-plane characters of the tables are left out: a class listing the ~750
    Extension-B members scans at ~7 MB/s; :func:`_has_ext_b` looks for those apart.
    """
    trad, simp = _script_tables()

    def char_class(chars: frozenset[str]) -> re.Pattern[str]:
        return re.compile("[" + "".join(sorted(c for c in chars if c <= "\uffff")) + "]")

    return char_class(trad), char_class(simp)


#: Any character of planes 2 and 3 (Extension B and later, where the tables have ~750 members).
_EXT_B_RE = re.compile("[\U00020000-\U0003ffff]")


def _has_ext_b(text: str) -> bool:
    """Whether ``text`` holds a character of planes 2 or 3 (the tables' Extension-B members).

    Such characters are rare in news. Text without any character beyond the BMP is settled
    without a scan of the text by the regex engine (a class scans at ~0.7 GB/s): in UTF-16
    every character beyond the BMP takes four bytes, all others two, and encoding runs at
    memory speed.
    """
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return False
    return _EXT_B_RE.search(text) is not None


def _label(trad: int, simp: int, text: str) -> str:
    """The label from the numbers of distinct traditional-only and simplified-only characters.

    Monotone: if ``trad`` (or ``simp``) is only a lower bound and the label is ``traditional``
    (``simplified``) with it, it is so with the exact number too.
    """
    if trad + simp == 0:
        return "simplified" if _HAN_RE.search(text) else "none"
    if trad >= _MAJORITY * (trad + simp):
        return "traditional"
    if simp >= _MAJORITY * (trad + simp):
        return "simplified"
    return "mixed"


def _distinct(pattern: re.Pattern[str], text: str, cap: int) -> tuple[int, bool]:
    """How many distinct characters ``pattern`` (one character class) matches in ``text``, and
    whether that is exact.

    The text is read in growing chunks (256, 1024, ... characters), and reading stops once
    ``cap`` distinct characters are seen: then the count is a lower bound, at least ``cap``.
    ``findall`` of a class runs in C; only the matches become objects.
    """
    seen: set[str] = set()
    pos, step = 0, 256
    while pos < len(text):
        seen.update(pattern.findall(text, pos, pos + step))
        pos += step
        step *= 4
        if len(seen) >= cap and pos < len(text):
            return len(seen), False
    return len(seen), True


#: Distinct characters counted on each side of a mixed text before deciding how to go on.
_COUNT_CAP = 20


def _bounded_counts(sample: str, ext_b: bool) -> tuple[int, int]:
    """Distinct traditional-only and simplified-only counts of ``sample``, exact as far as
    :func:`detect_script` needs them, no further. ``ext_b``: whether ``sample`` holds
    characters of planes 2-3 (counted exactly, apart).

    The usual case is a handful of one kind in a text of the other (a simplified article
    quoting a Taiwanese name, a converted article with leftovers): the few are counted
    exactly, and the many only until the label is certain (``many >= 0.9 * (many + few)``;
    :func:`_label` is monotone). A count that stops early is at least 5, which also settles
    the gloss density test of :func:`detect_script`. The label and the ScriptInfo are those
    exact counts (:func:`script_counts`, ~70 MB/s) give.
    """
    trad_re, simp_re = _script_res()
    extra_trad = extra_simp = 0
    if ext_b:
        found = set(_EXT_B_RE.findall(sample))
        extra_trad, extra_simp = len(found & traditional_only()), len(found & simplified_only())
    trad, trad_exact = _distinct(trad_re, sample, _COUNT_CAP)
    simp, simp_exact = _distinct(simp_re, sample, _COUNT_CAP)
    trad, simp = trad + extra_trad, simp + extra_simp
    if not trad_exact and not simp_exact:  # both plentiful: count the seemingly smaller to the end
        if trad <= simp:
            trad, trad_exact = extra_trad + _distinct(trad_re, sample, len(sample) + 1)[0], True
        else:
            simp, simp_exact = extra_simp + _distinct(simp_re, sample, len(sample) + 1)[0], True
    # Now at most one count is a lower bound: count on until the label is certain (at least
    # 10 * few + 10 of the many), or to the end.
    if not trad_exact and _label(trad, simp, sample) != "traditional":
        trad = extra_trad + _distinct(trad_re, sample, 10 * simp + 10)[0]
    elif not simp_exact and _label(trad, simp, sample) != "simplified":
        simp = extra_simp + _distinct(simp_re, sample, 10 * trad + 10)[0]
    return trad, simp
