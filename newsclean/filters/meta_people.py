"""People in bylines: reporters, correspondents, editors, and the organisation they write for.

Helpers of :mod:`newsclean.filters.meta` (ARTIFACTS.md §7). Patterns run on the folded copy
made by :func:`newsclean.filters.meta_dates.fold` (fullwidth -> ASCII, traditional label
characters -> simplified, 〔【［ -> ``(``), so ``（記者 林曉雲／台北報導）`` and
``(记者 林晓云/台北报导)`` read alike; names are cut from the original text.
"""

from __future__ import annotations

import re
from typing import Any

from newsclean.filters.meta_dates import lazy_pattern

#: Separators between names in a byline: spaces, 、 ， , / ； ;
_NAME_SPLIT_RE = re.compile(r"[\s、,，/;；]+")
#: A name with its Latin form in brackets, kept as one name: 周思博 (Joel Spolsky).
_ALIASED_RE = re.compile(r"[^\s、,，/;；()（）]+[ \t]*[(（][A-Za-z][A-Za-z .'-]{0,40}[)）]")

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

#: A whole short line that is a byline: 记者 刘涛 / 光明日报记者 王建宏 张文攀 / 本报记者 王燕平 方云凤
#: / 記者黃宣翰／即時報導 / 聯合報／記者黃宣翰／台北報導. Without an organisation before the role word,
#: a space or a closing ``/…报导`` must follow it (记者江湖 is a menu item).
LINE_BYLINE_RE = re.compile(
    r"^[ \t]*(?P<body>(?:[^\n。，,:!?！？()]{1,20}?(?:记者|通讯员|实习生)[ \t]*|(?:记者|通讯员|实习生)[ \t]+)"
    r"[^\n。，!?！？()]{2,30}?"
    r"|(?:记者|通讯员|实习生)[^\n。，,:!?！？()/]{2,20}/[^\n。，,:!?！？()/]{0,10}报[导道])[ \t]*$",
    re.M,
)

#: A news-agency dateline after the reporter's names: 王揚宇台北5日電, 張三、李四華盛頓5日專電.
#: Compiled on first use: only a value with 电 (after _DATELINE_FOLD) can hold one.
dateline_re = lazy_pattern(r"(?P<place>[\u4e00-\u9fff]{2,8}?)\s*\d{1,2}日(?:专|專)?电\s*$")
#: Dateline places, so the split between a reporter's name and the place does not rely on
#: name length alone (the longest first).
_PLACES = sorted(
    (
        "台北 臺北 新北 桃園 台中 臺中 台南 臺南 高雄 基隆 新竹 嘉義 宜蘭 花蓮 台東 臺東 屏東 苗栗 彰化"
        " 南投 雲林 澎湖 金門 馬祖 北京 上海 廣州 深圳 香港 澳門 東京 大阪 首爾 紐約 華盛頓 洛杉磯 舊金山"
        " 芝加哥 休士頓 波士頓 西雅圖 倫敦 巴黎 柏林 布魯塞爾 日內瓦 莫斯科 羅馬 馬德里 雪梨 墨爾本 多倫多"
        " 溫哥華 新德里 曼谷 雅加達 馬尼拉 河內 新加坡 吉隆坡 胡志明市 耶路撒冷 開羅 約翰尼斯堡 聖保羅"
        " 墨西哥城 布宜諾斯艾利斯 渥太華 坎培拉 威靈頓 海牙 維也納 華沙 布拉格"
    ).split(),
    key=len,
    reverse=True,
)


def _strip_dateline(value: str) -> str:
    """``王揚宇台北5日電`` -> ``王揚宇``: cut a dateline (place, day, 電) off the last name.

    The place is a known one, else whatever follows a three-character name (two-character if
    only four characters are left).

    >>> _strip_dateline("王揚宇台北5日電"), _strip_dateline("張三、李四華盛頓5日專電")
    ('王揚宇', '張三、李四')
    >>> _strip_dateline("江今葉布法羅4日電")
    '江今葉'

    """
    folded = value.translate(_DATELINE_FOLD)
    m = dateline_re().search(folded) if "电" in folded else None  # the pattern needs a 电
    if not m:
        return value
    head = value[: m.end("place")]
    for place in _PLACES:
        if head.endswith(place) and len(head) - len(place) >= 2:
            return head[: -len(place)].rstrip()
    start = m.start("place")
    last = _DATELINE_NAME_SPLIT_RE.split(head[start:])[-1] if head[start:] else ""
    cut = len(head) - len(last) + (3 if len(last) >= 5 else 2 if len(last) == 4 else len(last))
    return head[:cut].rstrip()


_DATELINE_NAME_SPLIT_RE = re.compile(r"[\s、,，/]")
_DATELINE_FOLD = str.maketrans("電專０１２３４５６７８９", "电专0123456789")


#: A two-character name printed with a space inside it (赵 培, 王　明), as typeset pages pad
#: two-character names to the width of three-character ones.
SPACED_NAME_RE = re.compile(r"\s*[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff]\s*")


def split_names(value: str) -> list[str]:
    """Split a byline value into names, dropping placeholders.

    >>> split_names("张明兴 刘莉、张晓梦/秦川")
    ['张明兴', '刘莉', '张晓梦', '秦川']
    >>> split_names("赵 培"), split_names("周思博 (Joel Spolsky)")
    (['赵培'], ['周思博 (Joel Spolsky)'])
    >>> split_names("佚名")
    []
    """
    names: list[str] = []
    if SPACED_NAME_RE.fullmatch(value):  # 赵 培: a two-character name padded to the width of three
        value = value.replace(" ", "").replace("\u3000", "").strip()
    aliased = [m.group(0) for m in _ALIASED_RE.finditer(value)]
    raws = aliased + _NAME_SPLIT_RE.split(_ALIASED_RE.sub(" ", value).strip()) if aliased else None
    for raw in raws or _NAME_SPLIT_RE.split(value.strip()):
        name = raw if raw in aliased else raw.strip("()（）[]【】〔〕 ·•")
        if name and name not in PLACEHOLDERS and not name.isdigit() and name not in names:
            names.append(name)
    return names


#: The place part of a byline: "/台北报导", " 山东冠县报道", "综合报导" (folded text).
_PLACE_PART_RE = re.compile(r"(?:/[^/]{0,10}|\s+[^\s/]{0,8}|綜合|综合)报[导道]\s*$")
#: "Our paper" before a byline's role word: 本报记者 -> no organisation.
_OWN_PAPER_RE = re.compile(r"^(本报|本報|本刊|整合)\s*")
#: Where a name list ends and a photo credit or interviewee note begins.
_CREDIT_SPLIT_RE = re.compile(r"[/／](?:文|摄|攝)|受访者|受訪者|供图|供圖")


def parse_byline(original: str, folded: str) -> dict[str, Any]:
    """People and organisation in one byline body (the text inside its brackets).

    ``original`` and ``folded`` are the same span, before and after folding.

    >>> parse_byline("大连新闻传媒集团记者周爱娜 李一", "大连新闻传媒集团记者周爱娜 李一")
    {'organization': '大连新闻传媒集团', 'authors': ['周爱娜', '李一']}
    >>> parse_byline("記者林曉雲／台北報導", "记者林曉雲/台北报导")
    {'authors': ['林曉雲']}
    >>> parse_byline("即時新聞／綜合報導", "即時新聞/綜合报导")
    {}
    >>> parse_byline("中央社記者王揚宇台北5日電", "中央社记者王揚宇台北5日电")
    {'organization': '中央社', 'authors': ['王揚宇']}
    """
    out: dict[str, Any] = {}
    # drop the place part: "/台北报导", " 山东冠县报道", "综合报导"
    cut = _PLACE_PART_RE.search(folded) if "报" in folded else None
    if cut:
        original, folded = original[: cut.start()], folded[: cut.start()]
    roles = list(ROLE_RE.finditer(folded))
    if not roles:
        return out
    org = original[: roles[0].start()].strip(" :：·/／")
    org = _OWN_PAPER_RE.sub("", org).strip()
    if org and len(org) <= 20:
        out["organization"] = org
    for i, m in enumerate(roles):
        key = _ROLES.get(m.group(0), "authors")
        end = roles[i + 1].start() if i + 1 < len(roles) else len(folded)
        value = original[m.end() : end]
        value = _CREDIT_SPLIT_RE.split(value)[0]
        value = _strip_dateline(value)
        names = [n for n in split_names(value.strip(" :：")) if len(n) <= 20]
        if m.group(0) in ("摄", "摄影") and not names:
            continue
        if names:
            out.setdefault(key, [])
            out[key].extend(n for n in names if n not in out[key])
    return out
