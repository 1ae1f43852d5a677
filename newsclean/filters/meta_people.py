"""People in bylines: reporters, correspondents, editors, and the organisation they write for.

Helpers of :mod:`newsclean.filters.meta` (ARTIFACTS.md §7). Patterns run on the folded copy
made by :func:`newsclean.filters.meta_dates.fold` (fullwidth -> ASCII, traditional label
characters -> simplified, 〔【［ -> ``(``), so ``（記者 林曉雲／台北報導）`` and
``(记者 林晓云/台北报导)`` read alike; names are cut from the original text.
"""

from __future__ import annotations

import re
from typing import Any

#: Separators between names in a byline: spaces, 、 ， , / ； ;
_NAME_SPLIT_RE = re.compile(r"[\s、,，/;；]+")

#: Placeholder values that mean "nobody / unknown" (来源：未知, 作者：佚名).
PLACEHOLDERS = frozenset(
    {"未知", "佚名", "不详", "不詳", "网络", "網絡", "網路", "本站", "本网", "本網", "转载", "轉載", "原创", "原創"}
    | {"×××", "xxx", "-"}
    # role words left over after a name: （记者 张三 摄）, 〔记者林晓云／台北报导〕
    | {"摄", "攝", "摄影", "攝影", "报道", "報導", "报导", "報道"}
)

#: Role words inside a byline and the metadata key they fill.
_ROLES: dict[str, str] = {
    "记者": "authors",
    "通讯员": "correspondents",
    "实习生": "authors",
    "见习记者": "authors",
    "特约记者": "authors",
    "作者": "authors",
    "撰文": "authors",
    "文": "authors",
    "摄影": "authors",
    "摄": "authors",
    "编辑": "editors",
    "责编": "editors",
    "责任编辑": "editors",
    "核稿": "editors",
    "译者": "authors",
    "编译": "authors",
}

#: A role word in a folded byline (longest first so 责任编辑 wins over 编辑).
ROLE_RE = re.compile(
    "|".join(sorted((re.escape(r) for r in _ROLES if len(r) > 1), key=len, reverse=True)) + r"|(?<![\u4e00-\u9fff])文"
)

#: A bracketed byline at the start of a paragraph, optionally after 本报讯 / XX电 / XX讯:
#: (记者 张三 李四) / (大连新闻传媒集团记者周爱娜 李一) / 〔记者林晓云/台北报导〕 / 〔即时新闻/综合报导〕.
#: The bracket must hold a role word or end in 报导/报道, so a parenthesised aside is not taken.
LEAD_BYLINE_RE = re.compile(
    r"^[ \t]*(?P<pre>本报讯|本刊讯|[\u4e00-\u9fff]{0,10}(?:日电|日讯|讯|电))?[ \t]*"
    r"\((?P<body>[^()\n]{0,40}?(?:记者|通讯员|实习生)[^()\n]{0,40}|[^()\n]{1,30}/[^()\n]{1,10}报[导道])\)[ \t]*",
    re.M,
)

#: A bracketed byline closing a paragraph: (记者 金晓玲) / (记者 董翰博) / (张明兴 刘莉 张晓梦 秦川)
#: / (姚峰 上海报道) / (译者:李晋纬/核稿:陈亦伟). Bare names (2-3 Han characters each) must follow a
#: sentence end and be at least two, or one with a "place报道" after it; the caller checks that.
TAIL_BYLINE_RE = re.compile(
    r"[ \t]*\((?P<body>[^()\n]{0,30}(?:记者|通讯员|责编|编辑|译者|核稿)[^()\n]{0,40})\)[ \t]*\d*[ \t]*$"
    r"|(?<=[。！？!?”」])[ \t]*\((?P<names>[\u4e00-\u9fff]{2,3}(?:[ 、][\u4e00-\u9fff]{2,3})*)"
    r"(?P<place>[ \t]+[\u4e00-\u9fff]{2,4}报[道导])?\)[ \t]*$",
    re.M,
)

#: A whole short line that is a byline: 记者 刘涛 / 光明日报记者 王建宏 张文攀 / 本报记者 王燕平 方云凤.
#: Without an organisation before the role word, a space must follow it (记者江湖 is a menu item).
LINE_BYLINE_RE = re.compile(
    r"^[ \t]*(?P<body>(?:[^\n。，,:!?！？()]{1,20}?(?:记者|通讯员|实习生)[ \t]*|(?:记者|通讯员|实习生)[ \t]+)"
    r"[^\n。，!?！？()]{2,30}?)[ \t]*$",
    re.M,
)


def split_names(value: str) -> list[str]:
    """Split a byline value into names, dropping placeholders.

    >>> split_names("张明兴 刘莉、张晓梦/秦川")
    ['张明兴', '刘莉', '张晓梦', '秦川']
    >>> split_names("佚名")
    []
    """
    names = []
    for raw in _NAME_SPLIT_RE.split(value.strip()):
        name = raw.strip("()（）[]【】〔〕 ·•")
        if name and name not in PLACEHOLDERS and not name.isdigit() and name not in names:
            names.append(name)
    return names


def parse_byline(original: str, folded: str) -> dict[str, Any]:
    """People and organisation in one byline body (the text inside its brackets).

    ``original`` and ``folded`` are the same span, before and after folding.

    >>> parse_byline("大连新闻传媒集团记者周爱娜 李一", "大连新闻传媒集团记者周爱娜 李一")
    {'organization': '大连新闻传媒集团', 'authors': ['周爱娜', '李一']}
    >>> parse_byline("記者林曉雲／台北報導", "记者林曉雲/台北报导")
    {'authors': ['林曉雲']}
    >>> parse_byline("即時新聞／綜合報導", "即時新聞/綜合报导")
    {}
    """
    out: dict[str, Any] = {}
    # drop the place part: "/台北报导", " 山东冠县报道", "综合报导"
    cut = re.search(r"(?:/[^/]{0,10}|\s+[^\s/]{0,8}|綜合|综合)报[导道]\s*$", folded)
    if cut:
        original, folded = original[: cut.start()], folded[: cut.start()]
    roles = list(ROLE_RE.finditer(folded))
    if not roles:
        return out
    org = original[: roles[0].start()].strip(" :·")
    org = re.sub(r"^(本报|本報|本刊|整合)\s*", "", org).strip()
    if org and len(org) <= 20:
        out["organization"] = org
    for i, m in enumerate(roles):
        key = _ROLES.get(m.group(0), "authors")
        end = roles[i + 1].start() if i + 1 < len(roles) else len(folded)
        value = original[m.end() : end]
        value = re.split(r"[/／](?:文|摄|攝)|受访者|受訪者|供图|供圖", value)[0]
        names = [n for n in split_names(value.strip(" :：")) if len(n) <= 20]
        if m.group(0) in ("摄", "摄影") and not names:
            continue
        if names:
            out.setdefault(key, [])
            out[key].extend(n for n in names if n not in out[key])
    return out
