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

import re
from dataclasses import dataclass

# Simplified -> traditional forms of the characters used in the patterns below (same position in
# both strings); a few characters have two traditional forms (產/産 as in seed 004).
_SIMP = (
    "权责声网阅读关键词备页载转闻图来资扫论评号闭发报链荐热门联系们编辑签订户这复制点击亲赞册录无误访问内"
    "产销处举请续广觉动态条览经营许证务体护输维视频导数据众项类题专栏库档币价单换归属软戏杂志码势钟开织时"
    "间浏围观实际说员顶纠错线验传组应级帮邮馈隐话"
)
_TRAD_FORMS = (
    "權責聲網閱讀關鍵詞備頁載轉聞圖來資掃論評號閉發報鏈薦熱門聯繫們編輯簽訂戶這複製點擊親贊冊錄無誤訪問內"
    "産銷處舉請續廣覺動態條覽經營許證務體護輸維視頻導數據眾項類題專欄庫檔幣價單換歸屬軟戲雜誌碼勢鐘開織時"
    "間瀏圍觀實際說員頂糾錯線驗傳組應級幫郵饋隱話"
)
_TRAD: dict[str, str] = dict(zip(_SIMP, _TRAD_FORMS, strict=True)) | {
    "产": "產産",
    "系": "係繫",
    "继": "繼",
    "将": "將",
    "获": "獲",
    "该": "該",
    "仅": "僅",
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


def _lenient_anchors(pattern: str) -> str:
    """Let ``^``/``$`` of a line pattern match around indentation, for the whole-text hint search."""
    space = "[ \\t\\u3000\\xa0\\r]*"
    pattern = re.sub(r"(?<![\\\[])\^", lambda m: "^" + space, pattern)
    return re.sub(r"(?<!\\)\$", lambda m: space + "$", pattern)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named line pattern; ``scope`` is ``any`` or ``short`` (see the module docstring)."""

    name: str
    pattern: re.Pattern[str]
    scope: str


def _rule(name: str, pattern: str, scope: str) -> Rule:
    return Rule(name, re.compile(tc(pattern), re.IGNORECASE), scope)


#: Line rules, first match wins. Lines are stripped of surrounding whitespace before matching.
RULES: tuple[Rule, ...] = (
    # A line that is only question marks, replacement characters or stray symbols: garble and
    # layout debris (seed 000 has a lone `?` between 延伸阅读 and the footer).
    _rule("garbage", r"^[?？\ufffd□■◆●○·•|｜/\\\-—_=*#~<>]+$", "any"),
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
    _rule("footer", r"(ICP[备证]|ICP\s*[:：]|[公网]安备|经营许可证|备案号|违法和不良信息举报)", "any"),
    _rule("footer", r"^(©|\(c\)\s*\d{4}|copyright\b|版权所有)", "any"),
    _rule("footer", r"(版权所有|©|copyright\s*(©|\(c\)|@|\d)|all\s+rights\s+reserved|powered\s+by)", "short"),
    _rule(
        "footer",
        r"^(关于我们|联系我们|网站地图|网站导航|网站介绍|广告服务|广告合作|招聘信息|诚聘英才|意见反馈|隐私政策|"
        r"法律声明|服务条款|使用条款|帮助中心|投稿邮箱|新闻热线|举报电话|加入我们|About\s+us|Contact\s+us|Sitemap)"
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
    # Font-size, print and close controls: 【字号 大 中 小】【打印】【关闭】, 打印本页, 关闭窗口.
    _rule("controls", r"^[【\[]?\s*字[号体]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中", "any"),
    _rule(
        "controls",
        r"^([【\[]\s*(打印|关闭|关闭窗口|打印本页|复制地址|收藏|返回顶部|推荐给朋友|发表评论|我要纠错|纠错)\s*[】\]]\s*)+$",
        "any",
    ),
    _rule(
        "controls",
        r"^(打印本页|打印此文|关闭窗口|返回顶部|回到顶部|收藏本页|收藏本文|推荐给好友|复制链接|复制地址|字体[:：]|"
        r"Toggle navigation|上一页|下一页|Previous|Next|←\s*返回|返回|更多>+|查看更多|点击查看|展开全文|"
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
        r"(下载.{0,8}(APP|客户端|应用)|用APP看|点我下载|按我看活动|继续往下阅读|请点此|关注.{0,12}(微信|公众号|微博)|"
        r"订阅.{0,8}(电子报|新闻信|频道)|App\s*Store|Google\s*Play|立即下载|免费下载)",
        "short",
    ),
    # Comment-board rules and forms: 网友评论, 发表评论, 请您注意：遵守国家有关法律…, 评论须知.
    _rule(
        "comments",
        r"^(网友评论|发表评论|文章评论|我要评论|评论须知|跟帖须知|查看评论|全部评论|已有\d+条评论|"
        r"请您注意[:：]?\s*遵守|网友发言|网友留言|留言板|登录后|验证码|用户名|密码)",
        "short",
    ),
    # Post counters and blog post footers: 阅读(1660) 评论(5), 共 11 篇评论 发表评论 >>>, 张贴 @ 2005-….
    _rule(
        "comments",
        r"((阅读|评论|浏览|点击|回复)\s*[（(]\d+[)）]|\d+\s*篇评论|发表评论\s*>|张贴\s*@|发表于\s*[:：]?\s*\d{4}|"
        r"已被阅读\s*\d+\s*次|已有\s*\d+\s*[件条]评论|trackback|引用通告|发布时间\s*\d{4}\S*\s+\S+\s+by\s)",
        "short",
    ),
    # A repeated headline line: 原标题：…
    _rule("header", r"^原标题\s*[:：]", "any"),
    # Empty labels left after their value was taken (or never filled): 关键词：, 责任编辑：, 标签：.
    _rule(
        "empty-label",
        r"^(关键词|关键字|标签|tags?|责任编辑|编辑|作者|来源|发布时间|发布日期|时间|点击数?|阅读数?|浏览次数|"
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
        r"(页面未找到|页面不存在|找不到.{0,4}页面|内容不存在或|404\s*not\s*found|^404$|^not\s+found$|"
        r"您尝试访问的内容|您访问的页面)",
        "short",
    ),
)

#: One search over a whole document that finds whether any rule could fire at all: the fast path.
#: Built from every rule's pattern with the line anchors turned into multiline anchors.
HINT: re.Pattern[str] = re.compile(
    "|".join(f"(?:{_lenient_anchors(r.pattern.pattern)})" for r in RULES), re.IGNORECASE | re.MULTILINE
)

#: Numbered items of a disclaimer list: `1 本网注明…`, `• 1、“国际在线”由…`, `（2）…`, `二、…`.
NUMBERED_ITEM: re.Pattern[str] = re.compile(
    r"^[•·\-*]?\s*([（(]?\d{1,2}[)）]?|[一二三四五六七八九十]{1,2})\s*([、.．:：)）]|\s)\s*\S"
)

#: Words of a disclaimer paragraph: a line under a disclaimer heading that has one goes with it.
DISCLAIMER_WORDS: re.Pattern[str] = re.compile(tc(r"(转载|侵权|授权|著作权|版权|本网|本站|本报社|免责|法律责任)"))

#: Sentence punctuation: a line with some is written prose, not a menu item or a label.
SENTENCE_PUNCT: re.Pattern[str] = re.compile(r"[，。；！？、：,;!?]|\.(?=\s|$)")

#: Five or more Latin words in a row: an English sentence, prose even without CJK punctuation.
LATIN_PROSE: re.Pattern[str] = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,]+[A-Za-z][A-Za-z'’-]*){4,}")

#: Punctuation that ends a sentence (optionally followed by a closing quote or bracket).
SENTENCE_END: re.Pattern[str] = re.compile(r"[。！？!?…；][”’」』）)\]】]*$")
