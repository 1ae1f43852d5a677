"""Input generators and the properties every clean must have (issue 8), shared by the
hypothesis tests (tests/test_properties.py) and the fuzz loop (benchmarks/fuzz.py).

Inputs are built from fragments of real damage (glosses, garble, entities, boilerplate,
headers, bylines, mojibake) mixed with random characters, so that random inputs reach the
filters' interesting paths rather than only their fast paths.
"""

from __future__ import annotations

import random
import re
import unicodedata

from newsclean.config import CleanConfig
from newsclean.document import Document
from newsclean.io.decode import DecodeError, decode_bytes
from newsclean.pipeline import Pipeline

FRAGMENTS = [
    "項(xiàng)目",
    "經(jīng)濟(jì)",
    "時(shí)間(jiān):2024-01-13",
    "?zhǔn)秸猩?rdquo;",
    "?!薄耙皇肿フ猩?",
    "?!皩\ue789禹樌\ue34e⑼七M(jìn)",
    "锟斤拷锟斤拷",
    "\ufffd\ufffd",
    "ÎÒÃÇ",
    "鎴戜滑",
    "æˆ‘ä»¬",
    "<br/>",
    "&rdquo;",
    "rdquo;",
    "&nbsp;",
    "<p>",
    "</div>",
    "&amp;",
    "&#12290;",
    "【版權及免責聲明】凡本網所屬版權作品,轉載時須獲得授權",
    "版权所有：中国产业经济信息网京ICP备11041399号-2",
    "延伸阅读",
    "关键词：",
    "（资料图）",
    "转自：金台资讯",
    "（记者 金晓玲）",
    "来源：辽宁日报",
    "编辑：李静",
    "2018-08-27 10:02:56",
    "２０１２年６月１２日",
    "(iPhone)",
    "(GDP)",
    "(a)",
    "王力宏(Wang Leehom)",
    "，",
    "。",
    "“",
    "”",
    "：",
    "?",
    "!",
    ",",
    ":",
    "(",
    ")",
    "　　",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\r\n",
    "\u200b",
    "\x00",
    "\x07",
    "\x1b",
    "\ud800",
    "𠀀",
    "\uf900",
    "ｆｕｌｌ",
    "http://x.cn/a?b=1,2",
    "沈陽:咬定項目不放松 快馬加鞭招商忙",
    "刚从北京归来的沈阳高新区投资促进局",
    "峰會尚未開幕，準備早已開始。",
    "Hello, world! 1,000 at 10:02.",
    "〔記者林曉雲／台北報導〕",
    "點擊: 次",
    "•",
    "1、",
    "上一篇：",
    "首页 > 新闻",
]

_CJK_RANGES = [(0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x20, 0x7E), (0xA0, 0xFF), (0xE000, 0xE0FF)]


def random_text(rng: random.Random, max_parts: int = 30) -> str:
    parts = []
    for _ in range(rng.randint(0, max_parts)):
        if rng.random() < 0.6:
            parts.append(rng.choice(FRAGMENTS))
        else:
            lo, hi = rng.choice(_CJK_RANGES)
            parts.append("".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 12))))
    return "".join(parts)


def random_bytes(rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.5:
        text = random_text(rng).encode("utf-8", "surrogatepass")
        codec = rng.choice(["utf-8", "gb18030", "big5hkscs", "utf-16-le", "utf-16-be"])
        data = random_text(rng).encode(codec, "replace") if codec != "utf-8" else text
    else:
        data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    if data and rng.random() < 0.2:  # truncate anywhere, or flip a byte
        data = data[: rng.randint(0, len(data))]
    return data


#: Characters that must never reach the output with default options.
_FORBIDDEN = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def check(text: str, pipeline: Pipeline | None = None) -> list[str]:
    """Run the default chain on ``text`` and return every property it breaks (empty: all hold)."""
    pipeline = pipeline or Pipeline(CleanConfig(audit=True))
    problems: list[str] = []
    try:
        doc = pipeline.process(Document(text))
    except Exception as exc:  # the property is exactly that nothing escapes
        return [f"exception: {type(exc).__name__}: {exc}"]
    out = doc.text
    try:
        out.encode("utf-8")
    except UnicodeEncodeError as exc:
        problems.append(f"not valid UTF-8: {exc}")
    bad = _FORBIDDEN.search(out)
    if bad:
        problems.append(f"forbidden character U+{ord(bad.group()):04X} ({unicodedata.name(bad.group(), '?')})")
    removed = sum(len(c.old) for c in doc.audit)
    added = sum(len(c.new) for c in doc.audit)
    if len(text) - removed + added != len(out):
        problems.append(f"unaccounted: in {len(text)} - removed {removed} + added {added} != out {len(out)}")
    if sum(doc.changes.values()) != len(doc.audit):
        problems.append("changes counts differ from the audit")
    try:
        again = pipeline.process(Document(out)).text
    except Exception as exc:
        return [*problems, f"exception on second pass: {type(exc).__name__}: {exc}"]
    if again != out:
        problems.append(f"not idempotent: {out[:80]!r} -> {again[:80]!r}")
    return problems


def check_bytes(data: bytes, pipeline: Pipeline | None = None) -> list[str]:
    """Decode like the CLI does (a DecodeError is a clean rejection), then :func:`check`."""
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return []
    except Exception as exc:
        return [f"decoder exception: {type(exc).__name__}: {exc}"]
    return check(decoded.text, pipeline)
