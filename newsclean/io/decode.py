"""Bytes -> str: BOM, BOM-less UTF-16, strict UTF-8, then GB18030 vs Big5-HKSCS chosen by score.

Raw Chinese news dumps arrive as UTF-8 (with or without BOM), GBK/GB18030, Big5/Big5-HKSCS and
UTF-16 (with or without BOM), sometimes several in one file (ARTIFACTS.md §4). The order of tests:

1. a byte-order mark (UTF-32, UTF-8, UTF-16): certain;
2. BOM-less UTF-16/32 told by where the NUL bytes fall (mostly-ASCII UTF-16 *passes* a strict
   UTF-8 decode, since NUL is valid UTF-8, so this must come before step 4);
3. binary data (file magic, NUL or control bytes that are not UTF-16): :class:`DecodeError`;
4. strict UTF-8: about 1.5 GB/s, and it rejects GBK/Big5 almost at once;
5. otherwise each candidate (gb18030, big5hkscs, utf-16-le/be, utf-8 with replacements) decodes
   a slice of the file and the *decoded text* is scored for Chinese-likeness
   (:func:`score_text`); the best one wins. "Decodes without error" is never the test: Big5
   bytes decode as gb18030 without error nearly always, and short GBK often decodes as Big5.
   An XML/HTML encoding declaration adds a small bonus to its family, enough to settle a tie on
   a few characters, never enough to overrule clear evidence. A file that is UTF-8 in some
   lines and legacy in others is decoded line by line (``regions > 1``);
6. when no candidate looks Chinese, charset-normalizer held to Chinese candidates gets a say;
   a file that would still be mostly U+FFFD, or reads as junk under every candidate
   (Shift-JIS, random bytes), is a :class:`DecodeError`.

Measured (benchmarks/detect_eval.py): 100% on the legacy files of ../shared/corpus/encodings,
whole and first 1,000 bytes; 100% on 200-byte samples of gb18030/big5hkscs/utf-8/utf-8-sig/
utf-16-le/utf-16-be news text, cut at a character boundary or mid-character.

The module never raises anything but :class:`DecodeError`, for any bytes.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from newsclean.charsets import common_han

__all__ = ["DecodeError", "Decoded", "decode_bytes", "looks_binary", "score_text"]


@dataclass(frozen=True, slots=True)
class Decoded:
    """The outcome of :func:`decode_bytes`.

    text        the decoded text (a BOM is removed; nothing else is touched)
    encoding    codec name: ``utf-8``, ``utf-8-sig``, ``gb18030``, ``big5hkscs``, ``cp950``,
                ``utf-16-le``, ``utf-16-be``, ``utf-32-le``, ``utf-32-be``, ``ascii``, ``empty``;
                a mixed file gives the codecs joined by ``+``, most used first (``gb18030+utf-8``)
    confidence  0..1, how sure the decision is
    reason      one short phrase saying why (``BOM``, ``strict utf-8``,
                ``gb18030 scored 0.99 vs big5hkscs 0.41``, ...)
    regions     number of runs of lines decoded with different codecs (1 unless mixed)
    """

    text: str
    encoding: str
    confidence: float
    reason: str
    regions: int = 1


class DecodeError(ValueError):
    """The bytes are binary or in no encoding we can decode; the message is one human-readable reason."""


# ---------------------------------------------------------------------------------------------
# Tables and patterns
# ---------------------------------------------------------------------------------------------

#: Byte-order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

#: File signatures of formats that are never text (what a user might feed by mistake).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"%PDF-", "PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (doc/xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xca\xfe\xba\xbe", "Java class / Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"Rar!\x1a\x07", "RAR archive"),
)

#: bzip2 stream: "BZh" + block size digit + block magic (checked as a whole, "BZh" alone is text).
_BZIP2_RE = re.compile(rb"BZh[1-9]1AY&SY")

#: Bytes that never occur in text: C0 controls other than \t \n \v \f \r, ESC (ISO-2022), and DEL.
#: Used with bytes.translate(None, delete=...) to count them at C speed.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

#: A control character in decoded text (what binary or a wrong UTF-16 byte order gives).
_CONTROL_CHAR_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

#: The first byte that is not ASCII: where the evidence for a legacy codec starts.
_HIGH_BYTE_RE = re.compile(rb"[\x80-\xff]")

#: An encoding declaration in an XML prolog or HTML <meta>: ``encoding="big5"``, ``charset=gb2312``.
_DECLARED_RE = re.compile(rb"""(?:encoding|charset)\s*=\s*["']?\s*([A-Za-z][A-Za-z0-9_.:-]{1,30})""", re.IGNORECASE)

#: Declared names, by family (what the declaration is allowed to tip).
_DECLARED_FAMILY = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "x-euc-cn": "gb18030", "gb_2312-80": "gb18030", "csgb2312": "gb18030",
    "windows-936": "gb18030", "ms936": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs", "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs", "windows-950": "big5hkscs", "ms950": "big5hkscs", "csbig5": "big5hkscs",
    "x-big5": "big5hkscs", "cn-big5": "big5hkscs",
}  # fmt: skip

#: How much an encoding declaration adds to its family's score: enough to settle a tie on a few
#: characters, far too little to overrule clear evidence (pages declare gb2312 and send GBK, or lie).
_DECLARED_BONUS = 0.15

#: Bytes of a file scored per candidate: thousands of characters, far more evidence than the
#: 200-byte samples that already score right, at a bounded cost on big files.
_SAMPLE_BYTES = 16 * 1024
#: Below this score (with enough characters) the best reading is junk, not text: real Chinese
#: scores above 0.5 in any supported encoding, Shift-JIS read as GBK about -0.5, random bytes -0.4.
_JUNK_SCORE = -0.25

#: Bytes sniffed for NUL patterns and control bytes.
_SNIFF_BYTES = 8 * 1024

#: Punctuation and symbols of ordinary Chinese prose, in either script (fullwidth forms as well).
_CJK_PUNCT = frozenset(
    "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕—…·～﹏－％＋＝／＠＃＆＊＿｜．"
    "０１２３４５６７８９•‧●○■□◆◇★☆※→←↑↓"
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)  # bounded: junk input can hold any of ~1.1M code points
def _char_weight(ch: str) -> float | None:
    """How typical ``ch`` is of Chinese news text: +1 typical .. -2 impossible; None = not counted.

    Printable ASCII and line breaks are not counted (they look the same under every candidate).
    """
    o = ord(ch)
    if o < 0x80:
        if (o >= 0x20 and o != 0x7F) or ch in "\t\n\r\f\v":
            return None
        return -2.0  # control byte: UTF-16 read as a legacy codec, or binary
    if ch in common_han() or ch in _CJK_PUNCT:
        return 1.0
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return -1.0  # rare Han: about 1% of real news, about half of a wrong decoding
    if 0xFF01 <= o <= 0xFF5E or 0x3000 <= o <= 0x303F or 0x2010 <= o <= 0x206F:
        return 0.5  # other fullwidth forms, CJK and general punctuation
    if o == 0xFFFD or 0x80 <= o <= 0x9F or 0xE000 <= o <= 0xF8FF or 0xD800 <= o <= 0xDFFF:
        return -2.0  # invalid bytes, C1 controls, GBK/Big5 user-defined rows (PUA), lone surrogates
    if 0x3040 <= o <= 0x30FF or 0x3100 <= o <= 0x312F or 0x0370 <= o <= 0x052F or 0x2500 <= o <= 0x25FF:
        return -0.5  # kana, bopomofo, Greek, Cyrillic, box drawing: Big5 lead rows A4-A9 read as GBK
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xA000 <= o <= 0xA4CF:
        return -1.0  # Hangul and Yi: UTF-16 read in the wrong byte order, or GBK read as UTF-16
    if o >= 0x20000:
        return -1.0  # supplementary ideographs: HKSCS/GB18030 four-byte oddities
    return -0.5


def score_text(text: str) -> tuple[float, int]:
    """Chinese-likeness of ``text``: (mean weight of its non-ASCII characters, how many were counted).

    The mean runs from +1 (all common Han and CJK punctuation) to -2 (all invalid). Right
    decodings of real news score about 0.95-1.0; wrong ones (Big5 read as GBK, GBK read as Big5,
    UTF-16 in the wrong byte order) score far lower, because they are full of rare Han, kana,
    Hangul, user-defined (PUA) characters and U+FFFD (ARTIFACTS.md §2, §4). Text with nothing
    to count (pure ASCII) scores (0.0, 0).

    >>> score_text("中國產業經濟信息網，時間：2024-01-13")[0]
    1.0
    >>> score_text("招商引资项目落地".encode("gbk").decode("big5hkscs"))  # GBK read as Big5
    (-0.25, 8)
    >>> score_text("plain ASCII")
    (0.0, 0)
    """
    total = 0.0
    counted = 0
    for ch, k in Counter(text).items():
        w = _char_weight(ch)
        if w is not None:
            total += w * k
            counted += k
    return (total / counted if counted else 0.0), counted


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _decode_prefix(data: bytes, encoding: str) -> str:
    """Decode ``data`` with errors replaced, leaving out an incomplete final multibyte sequence."""
    dec = codecs.getincrementaldecoder(encoding)(errors="replace")
    return dec.decode(data, final=False)


def _decode_full(data: bytes, encoding: str) -> tuple[str, int, bool]:
    """Decode all of ``data``: (text, invalid sequences replaced by U+FFFD, final sequence truncated).

    A truncated final sequence (a file cut inside its last character) becomes one U+FFFD and is
    not counted as invalid. U+FFFD stay visible: the repair filter drops and logs them; the
    decoder has no change log and must not lose bytes silently.
    """
    try:
        return data.decode(encoding), 0, False
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode(encoding) + "\ufffd", 0, True
            except UnicodeDecodeError:
                pass
    text = data.decode(encoding, errors="replace")
    try:
        genuine = data.count("\ufffd".encode(encoding))  # U+FFFD really in the file
    except UnicodeEncodeError:
        genuine = 0
    return text, max(0, text.count("\ufffd") - genuine), False


def _describe(bad: int, truncated: bool) -> str:
    """The suffix a reason gets for replaced bytes."""
    if bad:
        return f", {bad} invalid sequences replaced"
    return ", truncated final sequence" if truncated else ""


def _utf16_by_nuls(sample: bytes) -> str | None:
    """The UTF-16/32 byte order that the NUL bytes in ``sample`` point to, or None.

    Mostly-ASCII UTF-16 has a NUL in every other byte, all on one side: odd offsets for LE,
    even for BE; CJK-heavy UTF-16 has a few (digits, Latin), still all on one side. UTF-32 has
    three NULs in four. Binary data has NULs on both sides.
    """
    nuls = sample.count(0)
    if not nuls:
        return None
    if len(sample) >= 8 and nuls * 2 >= len(sample):
        q = [sample[i::4].count(0) for i in range(4)]
        units = len(sample) // 4
        # (mostly-ASCII UTF-16 has NULs in bytes 1 and 3 (LE) or 0 and 2 (BE) of each four)
        if q[2] >= 0.95 * units and q[3] >= 0.95 * units:
            return "utf-32-le"
        if q[0] >= 0.95 * units and q[1] >= 0.95 * units:
            return "utf-32-be"
    even = sample[0::2].count(0)
    if nuls - even >= 0.95 * nuls:
        return "utf-16-le"
    if even >= 0.95 * nuls:
        return "utf-16-be"
    return None


def _sniff_utf16(sample: bytes) -> tuple[str, str] | None:
    """(codec, reason) if ``sample`` reads as BOM-less UTF-16/32 text, else None.

    The candidates are the byte order the NULs point to, then both UTF-16 orders; a candidate
    must decode to text with few control characters that is either Chinese-like
    (:func:`score_text` >= 0.5) or, for the order the NULs point to, mostly ASCII.
    """
    by_nuls = _utf16_by_nuls(sample)
    # CJK-heavy UTF-16 has NULs on both sides (U+4E00 一 and U+3000 are 00 4E, 00 30 in LE), so
    # without a clear NUL side both orders are tried and the decoded text must look Chinese.
    candidates = tuple(dict.fromkeys((by_nuls or "utf-16-le", "utf-16-le", "utf-16-be")))
    for enc in candidates:
        text = _decode_prefix(sample, enc)
        if not text:
            continue
        controls = len(_CONTROL_CHAR_RE.findall(text))
        if controls * 20 > len(text):
            continue
        score, counted = score_text(text)
        # the side the NULs fall on is evidence too: then a lower score suffices
        if score >= (0.2 if enc == by_nuls else 0.5) and counted * 4 >= len(text):
            return enc, f"{enc} without BOM scored {score:.2f}"
        if enc == by_nuls and counted * 4 < len(text) and (not counted or score >= 0.0):
            side = "odd" if enc.endswith("le") else "even"
            return enc, f"NUL bytes at {side} offsets"
    return None


def _try_utf16(data: bytes) -> Decoded | None:
    """Decode ``data`` as BOM-less UTF-16/32 when :func:`_sniff_utf16` recognises it."""
    found = _sniff_utf16(data[:_SNIFF_BYTES])
    if found is None:
        return None
    enc, reason = found
    text, bad, truncated = _decode_full(data, enc)
    if bad * 10 > len(text) + 1:
        return None
    return Decoded(text, enc, 0.97 if bad == 0 else 0.8, reason + _describe(bad, truncated))


def _declared(data: bytes) -> str | None:
    """The legacy family (``gb18030``/``big5hkscs``) that an XML/HTML encoding declaration names."""
    m = _DECLARED_RE.search(data[:2048])
    if not m:
        return None
    return _DECLARED_FAMILY.get(m.group(1).decode("ascii").lower())


def _evidence(data: bytes) -> bytes:
    """The slice of ``data`` to score: from the line holding the first non-ASCII byte, bounded."""
    m = _HIGH_BYTE_RE.search(data)
    start = 0 if m is None else data.rfind(b"\n", 0, m.start()) + 1
    return data[start : start + _SAMPLE_BYTES]


def _legacy_name(data: bytes, family: str) -> str:
    """The codec that decodes ``data`` of a family: big5hkscs unless only cp950 decodes it strictly."""
    if family == "big5hkscs":
        try:
            data.decode("big5hkscs")
        except UnicodeDecodeError:
            try:
                data.decode("cp950")
                return "cp950"
            except UnicodeDecodeError:
                pass
    return family


class _Scored(NamedTuple):
    """One candidate codec and how Chinese-like its decoding of the evidence looks."""

    score: float  # score_text() plus the declaration bonus: what ranks the candidates
    raw: float  # score_text() alone: what the reason reports
    counted: int  # characters that were scored
    codec: str


def _rank(evidence: bytes, candidates: tuple[str, ...], declared: str | None) -> list[_Scored]:
    """Candidates sorted best first; ties go to the earlier one (gb18030, commonest in news dumps)."""
    ranked = []
    for enc in candidates:
        raw, counted = score_text(_decode_prefix(evidence, enc))
        ranked.append(_Scored(raw + (_DECLARED_BONUS if enc == declared else 0.0), raw, counted, enc))
    ranked.sort(key=lambda r: -r.score)
    return ranked


def _confidence(best: float, second: float, counted: int) -> float:
    """0.5 for a coin toss, towards 0.99 as the margin and the evidence grow."""
    margin = max(0.0, min(1.0, best - second))
    return round(min(0.99, 0.5 + 0.5 * margin * min(1.0, counted / 20)), 3)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (file magic, NUL or control bytes that are not UTF-16), or None.

    UTF-16/32 text is not binary even though it is full of NULs: the NULs of mostly-ASCII UTF-16
    all fall on one side of each byte pair. A lone stray NUL in a big text file is not enough.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'PNG image'
    >>> looks_binary("新闻".encode("utf-16-le")) is None
    True
    >>> looks_binary(b"\\x00\\x01\\x02\\x03 plain") is not None
    True
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if _BZIP2_RE.match(data):
        return "bzip2-compressed data"
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return None
    controls = len(sample.translate(None, _NON_CONTROL_BYTES))  # keeps only the control bytes
    if not controls:
        return None
    if any(data.startswith(bom) for bom, _, _ in _BOMS) or _sniff_utf16(sample) is not None:
        return None
    nuls = sample.count(0)
    if nuls and (nuls * 100 > len(sample) or nuls > 8):
        return "binary data (NUL bytes)"
    if controls * 20 > len(sample):
        return "binary data (control bytes)"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes of a Chinese news dump into text, choosing the encoding (ARTIFACTS.md §4).

    BOM, then BOM-less UTF-16 by its NUL bytes, then strict UTF-8, then GB18030 / Big5-HKSCS /
    UTF-16 chosen by scoring the decoded text (never by "decodes without error"); mixed
    UTF-8 + legacy files are decoded line by line. Empty input gives encoding ``empty``.
    Raises :class:`DecodeError` (and nothing else) for binary or undecodable data.

    >>> decode_bytes("招商引资".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes("招商引資".encode("big5")).encoding
    'big5hkscs'
    >>> decode_bytes("新闻 plain".encode("utf-8")).reason
    'strict utf-8'
    >>> decode_bytes(b"plain ASCII stays plain").encoding
    'ascii'
    """
    try:
        return _decode(data)
    except DecodeError:
        raise
    except Exception as exc:  # a bug must surface as a per-file error, never crash a batch
        raise DecodeError(f"internal decoder error ({type(exc).__name__}: {exc})") from exc


def _decode(data: bytes) -> Decoded:
    if not data:
        return Decoded("", "empty", 1.0, "empty input")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text, bad, truncated = _decode_full(data[len(bom) :], codec)
            if bad * 10 > len(text) + 1:
                break  # a BOM followed by junk: not a BOM after all (e.g. binary that starts FF FE)
            return Decoded(text, name, 1.0 if bad == 0 else 0.9, "BOM" + _describe(bad, truncated))
    if 0 in data[:_SNIFF_BYTES]:
        utf16 = _try_utf16(data)
        if utf16 is not None:
            return utf16
    why = looks_binary(data)
    if why is not None:
        raise DecodeError(why)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", 1.0, "ascii only")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0.99, "strict utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # valid UTF-8 cut inside its final character
            text = data[: exc.start].decode("utf-8", errors="replace") + "\ufffd"
            return Decoded(text, "utf-8", 0.95, "strict utf-8, truncated final sequence")
    return _decode_legacy(data)


_LEGACY = ("gb18030", "big5hkscs")
_UTF16 = ("utf-16-le", "utf-16-be")


def _decode_legacy(data: bytes) -> Decoded:
    """Not UTF-8: score the candidates; decode per line when some lines are UTF-8 after all."""
    declared = _declared(data)
    legacy = _rank(_evidence(data), _LEGACY, declared)
    # UTF-16 without NULs (CJK-heavy) is judged on the whole file: it cannot be split into lines.
    utf16 = _rank(data[:_SAMPLE_BYTES], _UTF16, None)[0]
    if utf16.score > legacy[0].score and utf16.score >= 0.5:
        text, bad, truncated = _decode_full(data, utf16.codec)
        _check_replacements(text, bad, utf16.codec)
        reason = f"{utf16.codec} scored {utf16.raw:.2f} vs {legacy[0].codec} {legacy[0].raw:.2f}"
        return Decoded(text, utf16.codec, _confidence(utf16.score, legacy[0].score, utf16.counted),
                       reason + _describe(bad, truncated))  # fmt: skip

    lines = data.splitlines(keepends=True)
    valid = _utf8_lines(lines)
    if valid:  # judge the legacy codec on the lines that are not UTF-8
        rest = b"".join(ln for i, ln in enumerate(lines) if i not in valid)
        legacy = _rank(_evidence(rest), _LEGACY, declared)
    best, second = legacy[0], legacy[1]
    if not valid:
        # UTF-8 with a few corrupt bytes (no line of it valid) still beats every legacy reading
        utf8 = _rank(_evidence(data), ("utf-8",), None)[0]
        if utf8.score > best.score and utf8.score >= 0.5:
            text, bad, truncated = _decode_full(data, "utf-8")
            _check_replacements(text, bad, "utf-8")
            reason = f"utf-8 scored {utf8.raw:.2f} vs {best.codec} {best.raw:.2f}" + _describe(bad, truncated)
            return Decoded(text, "utf-8", _confidence(utf8.score, best.score, utf8.counted), reason)
    reason = f"{best.codec} scored {best.raw:.2f} vs {second.codec} {second.raw:.2f}"
    if declared == best.codec and best.raw - second.raw < _DECLARED_BONUS:
        reason += " (as declared)"
    confidence = _confidence(best.score, second.score, best.counted)
    if valid:
        return _decode_regions(lines, valid, best.codec, reason, confidence)
    if best.score < 0.2:
        fallback = _charset_normalizer(data)
        if fallback is not None:
            return fallback
        if best.score < _JUNK_SCORE and best.counted >= 20:
            raise DecodeError(f"undecodable: not Chinese text in any supported encoding ({reason})")
    codec = _legacy_name(data, best.codec)
    text, bad, truncated = _decode_full(data, codec)
    _check_replacements(text, bad, codec)
    return Decoded(text, codec, confidence, reason + _describe(bad, truncated))


def _utf8_lines(lines: list[bytes]) -> set[int]:
    """Indexes of non-ASCII lines that are valid UTF-8 on their own."""
    found = set()
    for i, ln in enumerate(lines):
        if ln.isascii():
            continue
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            continue
        found.add(i)
    return found


def _decode_regions(lines: list[bytes], valid: set[int], family: str, reason: str, confidence: float) -> Decoded:
    """Decode a file line by line, each non-ASCII line as UTF-8 or with the scored legacy codec.

    A line valid as UTF-8 stays UTF-8 unless its legacy reading scores higher (a short GBK line
    can be valid UTF-8 by chance); a line invalid as UTF-8 takes the legacy codec unless UTF-8
    with replacements scores higher (one corrupt byte in a UTF-8 line). ASCII lines join the
    region they sit in, so ``regions`` counts real switches only.
    """
    parts: list[str] = []
    used: Counter[str] = Counter()
    bad_total = 0
    regions = 0
    current = ""
    for i, ln in enumerate(lines):
        if ln.isascii():
            parts.append(ln.decode("ascii"))
            continue
        as_utf8, bad_utf8, _ = _decode_full(ln, "utf-8")
        as_legacy, bad_legacy, _ = _decode_full(ln, _legacy_name(ln, family))
        u_score = score_text(as_utf8)[0]
        l_score = score_text(as_legacy)[0]
        if u_score >= l_score if i in valid else u_score > l_score:
            codec, text, bad = "utf-8", as_utf8, bad_utf8
        else:
            codec, text, bad = family, as_legacy, bad_legacy
        if codec != current:
            regions += 1
            current = codec
        used[codec] += 1
        bad_total += bad
        parts.append(text)
    text = "".join(parts)
    names = [name for name, _ in used.most_common()]
    _check_replacements(text, bad_total, "+".join(names))
    if len(names) > 1:
        reason = f"mixed: utf-8 in {used['utf-8']} of {used.total()} lines, the rest {reason}"
    elif names == ["utf-8"]:
        reason = "utf-8 by line"
    if bad_total:
        reason += f", {bad_total} invalid sequences replaced"
    return Decoded(text, "+".join(names), round(confidence * 0.95, 3), reason, max(regions, 1))


def _check_replacements(text: str, bad: int, codec: str) -> None:
    """Refuse a decoding that is mostly invalid sequences: such a file is not in any codec we know."""
    if bad == 0:
        return
    non_ascii = (len(text) - len(text.encode("ascii", errors="ignore"))) or 1
    if bad * 4 > non_ascii:
        raise DecodeError(f"undecodable: {bad} invalid byte sequences as {codec}, no Chinese encoding fits")


def _charset_normalizer(data: bytes) -> Decoded | None:
    """Ask charset-normalizer, held to the Chinese candidates (its defaults pick cp949/johab/shift_jis)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(
            data[: 16 * _SAMPLE_BYTES],
            cp_isolation=["gb18030", "big5hkscs", "cp950", "utf_16_le", "utf_16_be", "utf_8"],
        ).best()
    except Exception:  # a third-party detector must not crash decoding; we fall back below
        return None
    if best is None:
        return None
    enc = str(best.encoding).replace("_", "-")
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    score, counted = score_text(text[:_SAMPLE_BYTES])
    if counted and score < 0.0:
        return None
    return Decoded(text, enc, round(max(0.3, 1.0 - float(best.chaos)) * 0.8, 3), f"charset-normalizer: {enc}")
