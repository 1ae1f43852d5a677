"""Rule tables for :mod:`newsclean.filters.boilerplate`: which line shapes are site furniture.

Each rule is a compiled pattern with a name (the ``kind`` logged for every line it removes) and a
scope saying how much structural evidence it needs before a line goes (ARTIFACTS.md §6):

``any``
    The pattern only matches boilerplate shapes (anchored headings such as ``【版权及免责声明】``,
    ``京ICP备11041399号``, a lone ``?``): the line goes wherever it stands.
``short``
    A keyword that real prose can also contain (``版权所有``, ``分享到``): the line goes when it is
    short or has no sentence punctuation, or when it stands in the footer zone at the end.

Patterns are written once in simplified script; :func:`tc` widens every character that has a
different traditional form into a class (``版权`` -> ``版[权權]``), so 版權, 責任, 聲明, 閱讀 match
too without running OpenCC.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

# Simplified -> traditional forms of the characters used in the patterns below (same position in
# both strings); a few characters have two traditional forms (產/産 as in seed 004).
_SIMP = (
    "权责声网阅读关键词备页载转闻图来资扫论评号闭发报链荐热门联系们编辑签订户这复制点击亲赞册录无误访问内"
    "产销处举请续广觉动态条览经营许证务体护输维视频导数据众项类题专栏库档币价单换归属软戏杂志码势钟开织时"
    "间浏围观实际说员顶纠错线验传组应级帮邮馈隐话陆设为简机标构称"
)
_TRAD_FORMS = (
    "權責聲網閱讀關鍵詞備頁載轉聞圖來資掃論評號閉發報鏈薦熱門聯繫們編輯簽訂戶這複製點擊親贊冊錄無誤訪問內"
    "産銷處舉請續廣覺動態條覽經營許證務體護輸維視頻導數據眾項類題專欄庫檔幣價單換歸屬軟戲雜誌碼勢鐘開織時"
    "間瀏圍觀實際說員頂糾錯線驗傳組應級幫郵饋隱話陸設為簡機標構稱"
)
_TRAD: dict[str, str] = dict(zip(_SIMP, _TRAD_FORMS, strict=True)) | {
    "产": "產産",
    "系": "係繫",
    "继": "繼",
    "将": "將",
    "获": "獲",
    "该": "該",
    "仅": "僅",
    "注": "註",
}


def tc(pattern: str) -> str:
    """Widen each simplified character of ``pattern`` that has a traditional form into a class.

    Inside an existing class the traditional form is simply added to it.

    >>> tc("版权声明")
    '版[权權][声聲]明'
    >>> tc("[公网]安")
    '[公网網]安'
    >>> tc("abc")
    'abc'
    """
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch in _TRAD:
            out.append(ch + _TRAD[ch] if in_class else f"[{ch}{_TRAD[ch]}]")
            continue
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named line pattern; ``scope`` is ``any`` or ``short`` (see the module docstring)."""

    name: str
    pattern: re.Pattern[str]
    scope: str
    #: The characters a match can start with (:func:`first_char_class`), for an unanchored
    #: pattern: a search for this one class runs at C speed and says where the pattern's own
    #: search can begin, or that the line holds none of them and the rule cannot match.
    first: re.Pattern[str] | None = None
    #: For a pattern anchored with ``^``: the characters a matching line can start with
    #: (:func:`anchored_first_chars`), which index the rules by a line's first character.
    starts: frozenset[str] | None = None


#: Characters that match an ASCII letter under ``re.IGNORECASE`` (``İ`` and ``ı`` match ``i``).
_CASE_FORMS = {"i": "Iiİı", "s": "Ssſ", "k": "KkK"}


def _rule(name: str, pattern: str, scope: str) -> Rule:
    # Case is ignored only where a pattern says so, around its Latin words (``(?i:icp)``): a
    # pattern without IGNORECASE whose alternatives start with Chinese characters lets the regex
    # engine scan for their first characters, several times faster.
    text = tc(pattern)
    # One parse serves both analyses (each -j worker pays every parse at start-up; re.compile
    # parses once more).
    tree = _parse(text)
    first = first_char_class(text, tree)
    if first is None:
        return Rule(name, re.compile(text), scope, starts=anchored_first_chars(text, tree))
    return Rule(name, re.compile(f"(?={first})(?:{text})"), scope, re.compile(first))


# The regex parser and its opcodes: private modules of CPython's re (3.11+), read only by
# first_char_guard, which falls back to no guard on anything it does not know.
_SRE_PARSER: Any = importlib.import_module("re._parser")
_SRE_CONSTANTS: Any = importlib.import_module("re._constants")


def _parse(pattern: str) -> Any:
    """The parse tree of ``pattern`` for the helpers below, or None when the parser rejects it."""
    try:
        return _SRE_PARSER.parse(pattern)
    except Exception:  # a parser of another Python: the helpers then give no guard, no index
        return None


def first_char_guard(pattern: str) -> str:
    """``pattern`` behind a lookahead for the characters a match can start with (same matches).

    An unanchored pattern whose alternatives start with classes (``[阅閱][读讀]|\\d+篇…``, as
    :func:`tc` writes them) makes the regex engine enter the whole alternation at every position
    of the line (~70 ns a character); behind ``(?=[阅閱…\\d])`` it fails most positions with one
    class test, 2-4x faster. The lookahead only restates what the first character of any
    match must be, so the matches are the same. Patterns anchored with ``^`` or starting with a
    character or a class are left alone (the engine tries them at the start only, or scans for
    that class itself), and so is any pattern whose first character cannot be worked out (``.``,
    a negated class, a possibly empty match): they stay as fast as before.

    >>> first_char_guard("(ab|c+)d")
    '(?=[ac])(?:(ab|c+)d)'
    >>> first_char_guard("^ab"), first_char_guard("x*")
    ('^ab', 'x*')
    """
    first = first_char_class(pattern)
    return pattern if first is None else f"(?={first})(?:{pattern})"


def _plain_head(pattern: str, tree: Any = None) -> tuple[Any, Any, Any]:
    """The parse tree of ``pattern`` (``tree`` when the caller has it already) and its first
    (opcode, argument). Raises ValueError when the pattern is empty or has flags besides UNICODE:
    the first-character helpers leave those alone (they catch it, as any parse surprise)."""
    tree = _SRE_PARSER.parse(pattern) if tree is None else tree
    if tree.state.flags & ~_SRE_CONSTANTS.SRE_FLAG_UNICODE or not tree.data:
        raise ValueError("flags or an empty pattern")
    op, av = tree.data[0]
    return tree, op, av


def first_char_class(pattern: str, tree: Any = None) -> str | None:
    """The class (as regex text) of the characters a match of ``pattern`` can start with, or None
    where :func:`first_char_guard` leaves the pattern alone. ``tree``: the pattern's parse tree,
    when the caller has parsed it already.

    >>> first_char_class("(ab|c+)d"), first_char_class("^ab")
    ('[ac]', None)
    """
    c = _SRE_CONSTANTS
    try:
        tree, op, av = _plain_head(pattern, tree)
        if (op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)) or op is c.LITERAL or op is c.IN:
            return None  # anchored, or the engine already scans for the first character itself
        found = _first_items(tree.data, False)
    except Exception:  # flags, or an opcode this helper does not know (another Python): no guard, no harm
        return None
    if found is None or found[1]:
        return None
    plain = folded = ""
    for item, fold in dict.fromkeys(found[0]):  # in order, without repeats
        if fold and item.isascii() and item.isalpha():  # one letter: spell out its case forms
            plain += _CASE_FORMS.get(item.lower(), item.lower() + item.upper())
        elif fold:
            folded += item
        else:
            plain += item
    alternatives = ([f"[{plain}]"] if plain else []) + ([f"(?i:[{folded}])"] if folded else [])
    return "|".join(alternatives)


def anchored_first_chars(pattern: str, tree: Any = None) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, when it is anchored with ``^`` (a
    search then only matches at the start of the line); None when the pattern is not anchored, may
    match empty, or starts with a class this helper does not spell out as characters (a range,
    ``\\d``, a negated class, case folding outside ASCII letters). ``tree`` as for
    :func:`first_char_class`.

    >>> sorted(anchored_first_chars("^(ab|c)d"))
    ['a', 'c']
    >>> anchored_first_chars("ab"), anchored_first_chars("^[^a]"), anchored_first_chars("^a?")
    (None, None, None)
    """
    c = _SRE_CONSTANTS
    try:
        tree, op, av = _plain_head(pattern, tree)
        if op is not c.AT or av not in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
            return None
        found = _first_items(tree.data[1:], False)
    except Exception:  # flags, or an opcode this helper does not know (another Python): no index, no harm
        return None
    if found is None or found[1]:
        return None
    chars: set[str] = set()
    for item, fold in found[0]:
        ch = item[-1:]
        if item != re.escape(ch):  # a range or a category
            return None
        if fold and ch.isascii() and ch.isalpha():
            chars.update(_CASE_FORMS.get(ch.lower(), ch.lower() + ch.upper()))
        elif fold and not ch.isascii():
            return None
        else:
            chars.add(ch)
    return frozenset(chars)


def _first_items(items: Any, fold: bool) -> tuple[list[tuple[str, bool]], bool] | None:
    """The class items (as regex text, with their case folding) one of which the first character
    of a match of the parsed sequence ``items`` must be, and whether the sequence can match empty;
    None when unknown. Zero-width items (``^``, ``\\b``, lookarounds) are skipped: the first
    character is then that of what follows them."""
    c = _SRE_CONSTANTS
    found: list[tuple[str, bool]] = []
    for op, av in items:
        if op is c.LITERAL:
            found.append((re.escape(chr(av)), fold))
            return found, False
        if op is c.IN:
            for kind, value in av:
                if kind is c.LITERAL:
                    found.append((re.escape(chr(value)), fold))
                elif kind is c.RANGE:
                    found.append((f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}", fold))
                elif kind is c.CATEGORY and value in _CATEGORIES:
                    found.append((_CATEGORIES[value], fold))
                else:  # a negated class, or a category this helper does not spell
                    return None
            return found, False
        if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
            continue  # zero width
        if op is c.SUBPATTERN or op is c.ATOMIC_GROUP:
            if op is c.SUBPATTERN:
                _, add, remove, sub = av
                if (add | remove) & ~c.SRE_FLAG_IGNORECASE:
                    return None
                inner = (fold or bool(add & c.SRE_FLAG_IGNORECASE)) and not remove & c.SRE_FLAG_IGNORECASE
            else:
                sub, inner = av, fold
            got = _first_items(sub, inner)
        elif op is c.BRANCH:
            got = ([], False)  # the union over the alternatives
            for alternative in av[1]:
                one = _first_items(alternative, fold)
                if one is None:
                    return None
                got = (got[0] + one[0], got[1] or one[1])
        elif op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is c.POSSESSIVE_REPEAT:
            low, high, sub = av
            got = _first_items(sub, fold) if high else ([], True)
            if got is not None and low == 0:
                got = (got[0], True)
        else:  # `.`, a backreference, a conditional: any character may start the match
            return None
        if got is None:
            return None
        found += got[0]
        if not got[1]:
            return found, False
    return found, True


def _category_spellings() -> dict[object, str]:
    c = _SRE_CONSTANTS
    return {
        c.CATEGORY_DIGIT: r"\d",
        c.CATEGORY_NOT_DIGIT: r"\D",
        c.CATEGORY_SPACE: r"\s",
        c.CATEGORY_NOT_SPACE: r"\S",
        c.CATEGORY_WORD: r"\w",
        c.CATEGORY_NOT_WORD: r"\W",
    }


_CATEGORIES = _category_spellings()


#: Characters a garbage line is made of (the ``garbage`` rule and :data:`LINE_START_GATE`).
_GARBAGE_CHARS = "?？\ufffd□■◆●○·•|｜/\\-—_=*#~<>"
_GARBAGE_CLASS = "[" + "".join(re.escape(c) for c in _GARBAGE_CHARS) + "]"

#: Line rules, first match wins. Lines are stripped of surrounding whitespace before matching.
RULES: tuple[Rule, ...] = (
    # A line that is only question marks, replacement characters or stray symbols: garble and
    # layout debris (seed 000 has a lone `?` between 延伸阅读 and the footer).
    _rule("garbage", rf"^{_GARBAGE_CLASS}+$", "any"),
    # Disclaimer and copyright headings at the start of a line: 【版权及免责声明】…, 版权与免责声明：,
    # 国际在线版权与信息产品内容销售的声明：, 免责声明：, 反侵权公告：, 版权声明：…
    _rule(
        "disclaimer",
        r"^[【\[〔(（]?[^，。,；\s]{0,12}?(版权|免责|侵权)[^，。,；]{0,14}?(声明|公告|条款|说明)",
        "any",
    ),
    # Disclaimer sentences that speak as the site itself: 凡本网注明…, 本网注明…, 本站所有文章…,
    # 本文仅代表作者个人观点…, 凡注明"来源：XXX"的作品…, 声明：该文观点仅代表作者本人，搜狐号系信息发布平台….
    _rule(
        "disclaimer",
        r"^(凡本网|凡本站|凡注明|凡来源|本网注明|本站注明|本网站?所?(刊载|转载|发布|登载)|本站(所有|文章|内容)"
        r"|本文(仅|只)代表|(以上|此)内容(仅|只)代表|转载(请|须|需)注明|如(涉及|因)作品内容、?版权|未经.{0,16}授权.{0,8}不得"
        r"|声明[:：]\s*(该文|本文)观点仅代表|(该文|本文)观点仅代表作者本人|\S{1,4}号系信息发布平台)",
        "any",
    ),
    # Site footer lines: 版权所有：…, 京ICP备11041399号-2, 京公网安备…, ICP证, 增值电信业务经营许可证.
    _rule("footer", r"((?i:icp)[备证]|(?i:icp)\s*[:：]|[公网]安备|经营许可证|备案号|违法和不良信息举报)", "any"),
    _rule("footer", r"^(©|\((?i:c)\)\s*\d{4}|(?i:copyright)\b|版权所有)", "any"),
    _rule(
        "footer",
        r"(版权所有|©|(?i:copyright)\s*(©|\((?i:c)\)|@|\d)|(?i:all\s+rights\s+reserved|powered\s+by))",
        "short",
    ),
    _rule(
        "footer",
        r"^(关于我们|联系我们|网站地图|网站导航|网站介绍|广告服务|广告合作|招聘信息|诚聘英才|意见反馈|隐私政策|"
        r"法律声明|服务条款|使用条款|帮助中心|投稿邮箱|新闻热线|举报电话|加入我们|(?i:about\s+us|contact\s+us|sitemap))"
        r"([\s|｜/·•、]+|$)",
        "short",
    ),
    # Breadcrumbs and navigation: 当前位置：首页 > 新闻, 您所在的位置 首页 专题频道, 首页|新闻|…
    _rule("navigation", r"^(当前位置|您的位置|你的位置|您所在的位置|你所在的位置|所在位置|现在位置|目前位置)", "any"),
    _rule("navigation", r"^(首页|主页|网站首页|返回首页)\s*([>»›＞/|｜→-]|$)", "any"),
    _rule("navigation", r"^[^，。；！？,;]{1,24}(\s*[»›＞>]\s*[^，。；！？,;»›＞>]{1,24}){2,}$", "any"),
    _rule(
        "navigation",
        r"^[^，。；！？,;]{1,10}(\s*[|｜>»›＞]\s*[^，。；！？,;|｜>»›＞]{1,10}){2,}\s*[|｜>»›＞]?$",
        "any",
    ),
    # A breadcrumb with arrows, whose last item may be the page's own headline:
    # 麻辣社区 → 错误信息 → [原创]朋友,请正确客观认识凉山、西昌！ (two short items, then anything).
    _rule("navigation", r"^[^，。；！？,;→]{1,16}\s→\s[^，。；！？,;→]{1,16}\s→\s", "any"),
    # Account and site-function links, each alone on its line as a tag-stripped menu leaves them:
    # 登录, 注册, 搜索, 帮助, 退出, 设为首页, 加入收藏, 手机版. Only the whole line: 隐身登录 (a login
    # form's option) and any sentence that uses these words stay.
    _rule(
        "navigation",
        r"^(登录|登陆|注册|免费注册|立即注册|搜索|帮助|退出|注销|设为首页|加入收藏|手机版|繁体版|简体版)$",
        "any",
    ),
    # Font-size, print and close controls: 【字号 大 中 小】【打印】【关闭】, 打印本页, 关闭窗口.
    _rule("controls", r"^[【\[]?\s*字[号体]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中", "any"),
    # The font-size switch anywhere on a line of page controls: 页面功能 【我来说两句】【字体：大 中 小】【打印】.
    _rule(
        "controls",
        r"[【\[]\s*字[号体]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]",
        "any",
    ),
    _rule(
        "controls",
        r"^([【\[]\s*(打印|关闭|关闭窗口|打印本页|复制地址|收藏|返回顶部|推荐给朋友|发表评论|我要纠错|纠错)\s*[】\]]\s*)+$",
        "any",
    ),
    _rule(
        "controls",
        r"^(打印本页|打印此文|关闭窗口|返回顶部|回到顶部|收藏本页|收藏本文|推荐给好友|复制链接|复制地址|字体[:：]|"
        r"(?i:toggle navigation)|上一页|下一页|(?i:previous|next)|←\s*返回|返回|更多>+|查看更多|点击查看|展开全文|"
        r"阅读全文)\s*[>»]*$",
        "any",
    ),
    # Share widgets: 分享到：微信 微博, 扫一扫，分享到朋友圈, 微信扫码关注.
    _rule("share", r"^(分享到|分享至|分享本文|一键分享|扫一扫|微信扫一扫|用微信扫|扫描二维码|手机看新闻)", "any"),
    _rule("share", r"(扫一扫|扫码|二维码|分享到朋友圈)", "short"),
    # Related-reading headings and previous/next links: 延伸阅读, 相关新闻, 上一篇：….
    _rule(
        "related",
        r"^[【\[]?(延伸阅读|相关新闻|相关阅读|相关文章|相关内容|相关链接|相关报道|相关专题|推荐阅读|热点推荐|热门推荐|"
        r"猜你喜欢|更多精彩|热门文章|热门新闻|最新文章|最新新闻|今日推荐|精彩推荐|图片新闻|热点新闻|阅读排行榜?|"
        r"评论排行榜?|点击排行榜?|热门排行|排行榜|其他同一栏目内容|同栏目文章|新闻排行|往期回顾|热门评论|最新评论)"
        r"[】\]]?\s*[:：]?\s*$",
        "any",
    ),
    _rule("related", r"^(上一篇|下一篇|上一条|下一条|前一篇|后一篇)\s*[:：]?", "any"),
    # App and subscription promos: 下载客户端, 用APP看新闻, 请继续往下阅读..., 点我下载APP.
    _rule(
        "promo",
        r"(下载.{0,8}((?i:app)|客户端|应用)|用(?i:app)看|点我下载|按我看活动|继续往下阅读|请点此|关注.{0,12}(微信|公众号|微博)|"
        r"订阅.{0,8}(电子报|新闻信|频道)|(?i:app\s*store|google\s*play)|立即下载|免费下载)",
        "short",
    ),
    # Comment-board rules and forms: 网友评论, 发表评论, 请您注意：遵守国家有关法律…, 评论须知.
    _rule(
        "comments",
        r"^(网友评论|发表评论|文章评论|我要评论|评论须知|跟帖须知|查看评论|全部评论|已有\d+条评论|"
        r"请您注意[:：]?\s*遵守|网友发言|网友留言|留言板|登录后|验证码|用户名|密码)",
        "short",
    ),
    # A blog post's trackback address (``Trackback: http://…aspx?PostId=5``): its URL's ``?`` would
    # pass for sentence punctuation, so the heading alone decides.
    _rule("comments", r"^(?i:trackback)s?\s*(?i:url)?\s*[:：]", "any"),
    # Post counters and blog post footers: 阅读(1660) 评论(5), 共 11 篇评论 发表评论 >>>, 张贴 @ 2005-….
    _rule(
        "comments",
        r"((阅读|评论|浏览|点击|回复)\s*[（(]\d+[)）]|\d+\s*篇评论|发表评论\s*>|张贴\s*@|发表于\s*[:：]?\s*\d{4}|"
        r"已被阅读\s*\d+\s*次|访问(统计|次数)\s*[:：]|已有\s*\d+\s*[件条]评论|(?i:trackback)|引用通告|发布时间\s*\d{4}\S*\s+\S+\s+(?i:by)\s)",
        "short",
    ),
    # A repeated headline line: 原标题：…
    _rule("header", r"^原标题\s*[:：]", "any"),
    # Empty labels left after their value was taken (or never filled): 关键词：, 责任编辑：, 标签：.
    _rule(
        "empty-label",
        r"^(关键词|关键字|标签|(?i:tags?)|责任编辑|编辑|作者|来源|发布时间|发布日期|时间|点击数?|阅读数?|浏览次数|"
        r"字号|附件|文档附件|相关附件)\s*[:：]?\s*$",
        "any",
    ),
    # Photo captions: （资料图）, （图片来源：网络）, 图片来源：…, 资料图片.
    _rule(
        "caption",
        r"^[（(]\s*(资料图片?|资料照片?|图片来源[^）)]*|网络图片|图|示意图|组图|附图|视频截图)\s*[）)]$",
        "any",
    ),
    _rule("caption", r"^(图片来源|图片来自|图片提供|图源|摄影|图/|图：)\s*[:：/]", "short"),
    # Error pages: 页面未找到, 您访问的页面不存在, 404 Not Found.
    _rule("error-page", r"^(抱歉[，,]?\s*)?(页面未找到|页面不存在|您尝试访问的内容|您访问的页面|你访问的页面)", "any"),
    _rule(
        "error-page",
        r"(页面未找到|页面不存在|找不到.{0,4}页面|内容不存在或|404\s*(?i:not\s*found)|^404$|^(?i:not\s+found)$|"
        r"您尝试访问的内容|您访问的页面)",
        "short",
    ),
)


def _rules_by_first_char(rules: tuple[Rule, ...]) -> tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]:
    """An index of ``rules`` by a line's first character, and the rules for any other character.

    Most rules are anchored with ``^`` and can only match a line that starts with one of a few
    characters (:func:`anchored_first_chars`); a line is then checked against the rules that can
    start with its first character and the rules that can match anywhere, in the order of
    ``rules`` (first match wins, as before). Skipping an anchored rule whose first characters
    exclude the line's is exact: its search could only fail.
    """
    firsts = [rule.starts for rule in rules]  # anchored_first_chars of each pattern
    anywhere = tuple(rule for rule, first in zip(rules, firsts, strict=True) if first is None)
    keys = set().union(*(first for first in firsts if first is not None))
    index = {
        key: tuple(rule for rule, first in zip(rules, firsts, strict=True) if first is None or key in first)
        for key in keys
    }
    return index, anywhere


#: :data:`RULES` by the first character of a line (see :func:`_rules_by_first_char`) ...
RULES_BY_FIRST_CHAR, RULES_ANYWHERE = _rules_by_first_char(RULES)


# ---------------------------------------------------------------------------------------------
# The gate: one cheap search that finds every line a rule could match (the fast path).
#
# Each rule above needs at least one of a few literal keywords (``版权``, ``ICP``, ``扫``, ``位置``…)
# or, for whole-line shapes (empty labels, related headings, controls), a keyword followed by the
# end of the line. The gate is one alternation of such items, each starting with a single literal
# "pivot" character: CPython's regex engine then scans for the set of pivot characters in C and
# tries the items only where one stands. Pivots are the rarest character of their keyword in news
# text (``权`` is common, ``版`` less so; ``者`` is common, so ``作者`` is only an item at a line end);
# the rest of the keyword is checked by a lookbehind and what follows.
#
# The gate must be a superset of the rules: a line that any rule matches must contain a gate
# match (tests/filters/test_boilerplate.py checks this on every rule's examples and on the dev
# corpora). It may flag more lines; flagged lines are then checked against the full rules.

#: A line's remaining characters are blank. MULTILINE ``$``; ``\s`` may run past the line end,
#: which only widens the gate.
_EOL = r"\s*$"
#: An empty label (``关键词：``), a related-reading heading (``【相关新闻】``), a control line
#: (``更多>>``), a footer menu item (``联系我们 |``), a bracketed control (``【打印】``).
_LABEL_END = r"\s*[:：]?\s*$"
_HEADING_END = r"[】\]]?\s*[:：]?\s*$"
_CONTROL_END = r"[\s>»]*$"
_MENU_END = r"(?:[\s|｜/·•、]|$)"
_NAV_END = r"\s*(?:[>»›＞/|｜→-]|$)"

# Gate items: (before, pivot, rest). ``pivot`` is one literal character; ``before`` (fixed width)
# is checked by a lookbehind, ``rest`` follows. Written in simplified script and widened with
# :func:`tc` like the rules; an ASCII-letter pivot matches in either case and ``rest`` then
# ignores case too.
_GATE_ITEMS: tuple[tuple[str, str, str], ...] = (
    # disclaimer headings and sentences
    ("", "版", "权"),
    ("免", "责", ""),
    ("", "侵", "权"),
    ("", "凡", "(?:本[网站]|注明|来源)"),
    ("转", "载", "(?:请|须|需)注明"),
    ("", "授", "权"),
    ("", "号", "系信息"),
    # site footers
    ("(?i:ic)", "p", ""),
    ("安", "备", ""),
    ("", "备", "案号"),
    ("经", "营", "许可证"),
    ("", "良", "信息"),
    ("", "©", ""),
    ("(?i:cop)", "y", "(?i:right)"),
    ("(?i:ri)", "g", "(?i:hts)"),
    ("(?i:po)", "w", r"(?i:ered\s+by)"),
    ("网站地", "图", _MENU_END),
    ("网站导", "航", _MENU_END),
    ("网站介", "绍", _MENU_END),
    ("招", "聘", "信息" + _MENU_END),
    ("诚", "聘", "英才" + _MENU_END),
    ("意见反", "馈", _MENU_END),
    ("", "隐", "私政策" + _MENU_END),
    ("法", "律", "声明" + _MENU_END),
    ("服务", "条", "款" + _MENU_END),
    ("使用", "条", "款" + _MENU_END),
    ("", "帮", "助中心" + _MENU_END),
    ("投", "稿", "邮箱" + _MENU_END),
    ("新闻", "热", "线" + _MENU_END),
    ("", "举", "报电话" + _MENU_END),
    ("", "u", "(?i:s)" + _MENU_END),
    ("(?i:sitema)", "p", _MENU_END),
    # navigation: breadcrumbs and menus need separators
    ("[首主]", "页", _NAV_END),
    ("", "帮", "助" + _EOL),
    ("设为首", "页", _EOL),
    ("加入收", "藏", _EOL),
    ("手机", "版", _EOL),
    ("[繁简]体", "版", _EOL),
    ("", ">", ""),
    ("", "»", ""),
    ("", "→", ""),
    ("", "›", ""),
    ("", "＞", ""),
    ("", "|", ""),
    ("", "｜", ""),
    # controls
    ("", "字", "[号体]"),
    ("打", "印", ""),
    ("关", "闭", ""),
    ("", "复", "制"),
    ("收", "藏", ""),
    ("推", "荐", "给"),
    ("", "纠", "错"),
    ("", "顶", "部"),
    ("", "返", "回"),
    ("[上下]一", "页", ""),
    ("(?i:navi)", "g", "(?i:ation)"),
    # share widgets
    ("分", "享", ""),
    ("", "扫", ""),
    ("二", "维", "码"),
    ("手机看新", "闻", ""),
    # related-reading headings, previous/next links
    ("阅", "读", ""),
    ("", "荐", _HEADING_END),
    ("", "猜", "你喜欢"),
    ("", "热", "[门点]"),
    ("最新文", "章", _HEADING_END),
    ("最新新", "闻", _HEADING_END),
    ("", "排", "行榜?" + _HEADING_END),
    ("", "栏", "目"),
    ("往期回", "顾", ""),
    ("[上下前后]一", "篇", ""),
    ("[上下]一", "条", ""),
    # promos
    ("下", "载", ""),
    ("(?i:ap)", "p", ""),
    ("", "按", "我看"),
    ("", "请", "点此"),
    ("", "微", "[信博]"),
    ("公众", "号", ""),
    ("", "订", "阅"),
    ("(?i:goo)", "g", "(?i:le)"),
    # comment boards and post counters
    ("", "评", "论"),
    ("", "遵", "守"),
    ("", "浏", "览"),
    ("", "访", "问(?:统计|次数)"),
    ("点", "击", ""),
    ("回", "复", r"\s*[（(]\d"),
    ("张", "贴", ""),
    ("发", "表", r"于\s*[:：]?\s*\d"),  # 表: rarer in prose than 于
    ("(?i:track)", "b", "(?i:ack)"),
    ("引用通", "告", ""),
    # 发布时间 2008-1-1 12:00 by …: found by its `by` (b is a pivot already), not by the common 间
    ("\\s", "b", r"(?i:y)\s"),
    # header, empty labels
    ("关", "键", ""),
    ("(?i:ta)", "g", "(?i:s?)" + _LABEL_END),
    ("编", "辑", ""),
    ("", "附", "件"),
    # photo captions
    ("", "图", r"(?:片?\s*[）)]" + _EOL + "|片[来提]|源|/|：)"),
    ("", "摄", "影"),
    # error pages (404 not found, not found)
    ("", "页", "面"),
    ("不", "存", "在或"),
    ("", "尝", "试访问"),
    ("(?i:fo)", "u", "(?i:nd)"),
)


def _pivot_forms(pivot: str) -> str:
    if pivot.isascii() and pivot.isalpha():
        return _CASE_FORMS.get(pivot, pivot.upper() + pivot.lower())
    return pivot + _TRAD.get(pivot, "")


def _build_gate(items: tuple[tuple[str, str, str], ...]) -> re.Pattern[str]:
    """One alternation, grouped by pivot character, in which every alternative starts with a literal.

    With literal-first alternatives the engine scans for the set of pivots in C; at each pivot it
    quick-tests the first character of every alternative, so the alternation is kept short (one
    alternative per pivot form). The garbage rule is not here: its characters (``-``, ``·``, and
    U+FFFD by the tens of thousands in a mojibake page) would each stop the scan, while a
    garbage line is found at its start by :data:`LINE_START_GATE`.
    """
    groups: dict[str, list[str]] = {}
    for before, pivot, rest in items:
        forms, behind = _pivot_forms(pivot), tc(before)
        for form in forms:
            # The lookbehind ends with the pivot just matched: spelled as that one character, not
            # as the class of its forms, it compiles faster (each -j worker compiles the gate).
            look = f"(?<={behind}{re.escape(form)})" if before else ""
            groups.setdefault(form, []).append(look + tc(rest))
    alternatives = []
    for form, rests in groups.items():
        if "" in rests:  # the pivot alone is enough
            alternatives.append(re.escape(form))
        else:
            alternatives.append(re.escape(form) + "(?:" + "|".join(dict.fromkeys(rests)) + ")")
    return re.compile("|".join(alternatives), re.MULTILINE)


#: The fast path: a search over a whole document that finds every line a rule could match, with
#: :data:`LINE_START_GATE` for the garbage rule.
GATE: re.Pattern[str] = _build_gate(_GATE_ITEMS)

#: Line starts for the keywords that only rules anchored with ``^`` look for, and whose rarest
#: character is still common in prose (``们`` of 关于我们, ``出`` of 退出, ``者`` of 作者, ``网`` of
#: 本网…, ``更``, ``展``, ``相``, ``期``, ``广``): as pivots of :data:`GATE` they stopped its scan at
#: every 我们, 出 and 网 in the text; at the start of a line (after indentation, as the rules see
#: the stripped line) they are checked only where a line starts. Each is the rule's keyword with
#: what the rule needs after it, and an opening bracket where the rule allows one.
_LINE_START_ITEMS: tuple[str, ...] = (
    # disclaimer sentences: 本网注明…, 本站所有文章… (凡本网… has the pivot 凡)
    "本网(?:注明|站?所?(?:刊载|转载|发布|登载))",
    "本站(?:注明|所有|文章|内容)",
    # footer menu items
    "(?:关于|联系|加入)我们" + _MENU_END,
    "广告(?:服务|合作)" + _MENU_END,
    # navigation, controls and related-reading headings
    "退出" + _EOL,
    "[【\\[]?(?:更多|查看更多|展开全文|相关(?:新闻|文章|内容|链接|报道|专题))",
    # empty labels
    "(?:作者|发布日期)" + _LABEL_END,
    # disclaimer sentences: 本文仅代表…, 以上内容只代表…, 声明：该文观点仅代表…
    "(?:本文|以上内容|此内容)[仅只]代表",
    "(?:声明[:：]\\s*)?(?:该文|本文)观点仅代表",
    # a footer's (c) 2008; (c) after copyright has the pivot y
    "\\((?i:c)\\)",
    # previous and next links alone on their line
    "(?i:previous|next)" + _CONTROL_END,
    # an error page's lone 404 (404 Not Found has the pivot u of found)
    "404" + _EOL,
    # Keywords of anchored rules whose characters are common in prose (位置, 用户, 时间, 来源, 标题,
    # 资料 …): as GATE pivots (置 户 间 源 标 料 码 言 录 …) they stopped its scan ~15,000 times per
    # 2 MB of simplified news. Breadcrumb starts, comment-form fields, empty labels, the repeated
    # headline, photo-caption starts and account links:
    "(?:当前|您的|你的|您所在的|你所在的|所在|现在|目前)位置",
    "(?:网友[发留]言|留言板|登录后|验证码|用户名|密码|(?:评论|跟帖)须知)",
    "(?:标签|来源|(?:发布)?时间)" + _LABEL_END,
    "原标题",
    "[（(]\\s*资料",
    "(?:登[录陆]|(?:免费|立即)?注册|注销|搜索)" + _EOL,
)

#: The line-start gate: a line made only of garbage characters (the ``garbage`` rule, ``^[…]+$`` on
#: the stripped line) or one that starts with a :data:`_LINE_START_ITEMS` keyword, found by the
#: line break in front of it: searched in the text behind an added ``\n``, so the first line has
#: one too. The engine scans for the one literal ``\n`` (far fewer stops than the garbage
#: characters and pivots it replaces) and checks the line from there.
LINE_START_GATE: re.Pattern[str] = re.compile(
    # The indentation is taken possessively (no item starts with a space) and the items sit behind
    # a lookahead for their first characters (first_char_guard): most lines start with neither,
    # and then cost one class test.
    r"\n[ \t\r\u3000\xa0]*+"
    + first_char_guard(
        "(?:" + _GARBAGE_CLASS + r"+[ \t\r\u3000\xa0]*$|" + "|".join(tc(item) for item in _LINE_START_ITEMS) + ")"
    ),
    re.MULTILINE,
)

#: Numbered items of a disclaimer list: `1 本网注明…`, `• 1、“国际在线”由…`, `（2）…`, `二、…`.
NUMBERED_ITEM: re.Pattern[str] = re.compile(
    r"^[•·\-*]?\s*([（(]?\d{1,2}[)）]?|[一二三四五六七八九十]{1,2})\s*([、.．:：)）]|\s)\s*\S"
)

#: The ordinal that opens a numbered heading or item: ``一、``, ``2.``, ``（三）``; groups: opening
#: bracket (or nothing), the number, the delimiter.
ORDINAL: re.Pattern[str] = re.compile(r"^([（(]?)([一二三四五六七八九十]|\d{1,2})([、.．)）])")

#: A caption that introduces a table or list attached to the article: ``附：招生专业及考试科目``,
#: ``附表1``, ``附1：``, ``表2 各市名单``, ``下表``. Not ``附件`` (an attachment link).
TABLE_CAPTION: re.Pattern[str] = re.compile(
    r"^(附\s*[：:]|附表|附[\d一二三四五六七八九十]|表\s*[\d一二三四五六七八九十]+|下表)"
)

#: The first label of a government document's record table (``索 引 号：``) ...
RECORD_START: re.Pattern[str] = re.compile(r"^索[\s\u3000\xa0]*引[\s\u3000\xa0]*号")
#: ... and any of its labels, spaced out as such tables print them (``标      题：``), each with the
#: value on its own line or after it on the same line.
RECORD_LABEL: re.Pattern[str] = re.compile(
    tc(
        "^("
        + "|".join(
            "[\\s\u3000\xa0]*".join(label)
            for label in (
                "索引号",
                "主题分类",
                "分类",
                "发文机关",
                "发布机构",
                "成文日期",
                "标题",
                "名称",
                "文号",
                "发文字号",
                "发布日期",
                "生效日期",
                "有效性",
                "主题词",
                "关键词",
                "体裁分类",
                "组配分类",
                "服务对象",
            )
        )
        + ")[\\s\u3000\xa0]*[:：]"
    )
)

#: Words of a disclaimer paragraph: a line under a disclaimer heading that has one goes with it.
DISCLAIMER_WORDS: re.Pattern[str] = re.compile(tc(r"(转载|侵权|授权|著作权|版权|本网|本站|本报社|免责|法律责任)"))

#: Sentence punctuation: a line with some is written prose, not a menu item or a label. A full
#: stop counts only before a space or at the end of the line. (One class first, the full stop's
#: condition checked behind it: the engine then scans for the class in C, ~5x faster than
#: ``[，。…]|\.(?=\s|$)``, which it would try at every position.)
SENTENCE_PUNCT: re.Pattern[str] = re.compile(r"[，。；！？、：,;!?.](?<!\.(?!\s|$))")

#: Five or more Latin words in a row: an English sentence, prose even without CJK punctuation.
LATIN_PROSE: re.Pattern[str] = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,]+[A-Za-z][A-Za-z'’-]*){4,}")

#: Marks that end a sentence, and the closing quotes and brackets that may follow them.
SENTENCE_ENDERS = "。！？!?…；"
SENTENCE_CLOSERS = "”’」』）)]】"
#: Punctuation that ends a sentence (optionally followed by a closing quote or bracket). The
#: boilerplate filter tests it as ``line.rstrip(SENTENCE_CLOSERS).endswith(SENTENCE_ENDERS)``.
SENTENCE_END: re.Pattern[str] = re.compile(f"[{re.escape(SENTENCE_ENDERS)}][{re.escape(SENTENCE_CLOSERS)}]*$")
