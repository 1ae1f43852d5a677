"""strip-boilerplate: copyright/disclaimer blocks, footers, navigation, related lists, promos (ARTIFACTS.md §6)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from newsclean.audit import ChangeLog, replay_changes
from newsclean.filters.boilerplate import classify_lines, strip_boilerplate

# Short excerpts of the seeds, as strip-boilerplate sees them after the chain (simplified,
# fullwidth punctuation) and raw (traditional, ASCII colons, indentation).
BODY_000 = "譜新篇、勇攻堅，沈陽抓項目拼經濟全面起勢，發展熱潮奔涌不息。"
FOOTER_000 = (
    "  【版權及免責聲明】凡本網所屬版權作品,轉載時須獲得授權並注明來源“中國產業經濟信息網”,"
    "違者本網將保留追究其相關法律責任的權力。\n\n延伸閱讀\n\n?\n\n"
    "版權所有:中國產業經濟信息網京ICP備11041399號-2京公網安備11010502035964"
)
BODY_001 = "切实当好新时代东北振兴“跳高队”、“辽沈战役”急先锋。"
TAIL_001 = (
    "关键词：\n版权与免责声明：\n"
    "1 本网注明“来源：×××”(非商业周刊网)的作品，均转载自其它媒体，并不代表本网赞同其观点。\n"
    "2 在本网的新闻页面或BBS上进行跟帖或发表言论者，文责自负。\n"
    "3 相关信息并未经过本网站证实，不对您构成任何投资建议，据此操作，风险自担。\n"
    "4 如涉及作品内容、版权等其它问题，请在30日内同本网联系。"
)
BODY_004 = "把招商引資貫穿于大會籌備工作始終，從而為全省振興發展注入新的強大動力。"
TAIL_004 = (
    "國際在線版權與信息産品內容銷售的聲明:\n\n"
    "  • 1、“國際在線”由中國國際廣播電臺主辦。經中國國際廣播電臺授權，獨家負責“國際在線”網站的市場經營。\n"
    "  • 2、凡本網註明“來源:國際在線專稿”的所有作品，版權均屬中國國際廣播電臺國際在線所有。\n"
    "  • 6、如因作品內容、版權和其他問題需要與本網聯繫的，請在該事由發生之日起30日內進行。"
)

# (label, input, expected output)
CASES = [
    ("000 raw footer", BODY_000 + "\n\n" + FOOTER_000, BODY_000),
    ("001 disclaimer list", BODY_001 + "\n" + TAIL_001, BODY_001),
    ("001 caption first", "（资料图）\n" + BODY_001, BODY_001),
    ("004 traditional list", BODY_004 + "\n\n" + TAIL_004, BODY_004),
    (
        "nav and controls",
        "当前位置：首页 > 新闻 > 国内\n【字号 大 中 小】【打印】【关闭】\n" + BODY_001 + "\n分享到：微信 微博",
        BODY_001,
    ),
    (
        "related list",
        BODY_001
        + "\n相关新闻：\n大连一季度招商引资开门红\n鞍山小分队招商见成效\nCopyright © 2004-2023 All Rights Reserved",
        BODY_001,
    ),
    (
        "taiwan promo",
        "〔記者林惠琴／台北報導〕國內武漢肺炎疫情升溫，指揮中心今天宣布新增本土個案。\n請繼續往下閱讀...\n"
        "指揮中心表示，將持續追蹤足跡。\n    不用抽 不用搶 現在用APP看新聞 保證天天中獎　\n    點我下載APP　",
        "〔記者林惠琴／台北報導〕國內武漢肺炎疫情升溫，指揮中心今天宣布新增本土個案。\n指揮中心表示，將持續追蹤足跡。",
    ),
    ("error page", "页面未找到\n您尝试访问的内容不存在或不再可用。", ""),
]

# Genuine text that mentions the same words: must come out unchanged.
NEGATIVES = [
    # A copyright lawsuit inside a real article, followed by more article text.
    "法院审理认为，被告未经许可转载原告享有版权的文章，构成侵权。\n"
    "该网站页面底部虽标注“版权所有”，但法院认定其并非权利人，判决赔偿5万元。\n"
    "原告代理律师表示，将继续维权。",
    # Seed 004 prose, traditional, with 版權-like words nowhere near a footer.
    "峰會尚未開幕，準備早已開始。遼寧省高度重視此次峰會，精心策劃、深耕細作。\n"
    "大力引進國內優秀民營企業，不是一次性的活動，而是今後要長期堅持的一項工作。",
    # Multiple-choice options are not a copyright sign.
    "(A) he was recently diagnosed with COVID-19\n(B) he did not have a visa\n(C) serbian Prime Minister did not allow",
    # A short subheading and a short last line stay.
    "招商、项目，为何如此之“重”？\n项目是经济发展的重要载体，今天的投资质量就是明天的产业水平。\n结语",
    # An article sentence that starts with a numbered item about 本网.
    "一、坚持稳中求进。\n二、本网记者从会上获悉，全年将新增项目300个。",
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cases(label: str, text: str, expected: str) -> None:
    log = ChangeLog("strip-boilerplate", keep=True)
    out = strip_boilerplate(text, log=log)
    assert out == expected
    assert strip_boilerplate(out) == out  # idempotent
    assert replay_changes(text, log.changes) == out  # every removed character is in the log
    assert log.count == len(log.changes) > 0


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_unchanged(text: str) -> None:
    log = ChangeLog("strip-boilerplate", keep=True)
    assert strip_boilerplate(text, log=log) == text
    assert log.count == 0


def test_log_kinds_name_the_rule() -> None:
    log = ChangeLog("strip-boilerplate", keep=True)
    strip_boilerplate(BODY_001 + "\n" + TAIL_001, log=log)
    kinds = [c.kind for c in log.changes if c.kind != "blank"]
    assert kinds[0] == "empty-label"
    assert kinds[1:] == ["disclaimer"] * 5


def test_classify_lines_explains() -> None:
    text = "当前位置：首页 > 新闻\n" + BODY_001 + "\n版权所有：中国产业经济信息网"
    decisions = classify_lines(text)
    assert [d.keep for d in decisions] == [False, True, False]
    assert decisions[0].rule == "navigation" and "当前位置" in decisions[0].evidence
    assert decisions[2].rule == "footer"
    assert decisions[1].start == text.index(BODY_001)


def test_keyword_in_long_prose_is_explained_but_kept() -> None:
    line = "他说，网页底部那行“版权所有”的字样并不能证明权利归属，法院最终支持了原告的全部诉讼请求。"
    (d,) = classify_lines(line)
    assert d.keep and d.rule == "footer" and "long prose" in d.evidence


def test_footer_block_takes_short_lines_after_it() -> None:
    text = BODY_001 + "\n版权所有：某某网\n地址：北京市朝阳区\n电话：010-12345678"
    assert strip_boilerplate(text) == BODY_001


def test_fast_path_returns_input() -> None:
    text = BODY_001 + "\n" + BODY_000
    assert strip_boilerplate(text) is text


def test_trailing_newline_kept() -> None:
    assert strip_boilerplate(BODY_001 + "\n延伸阅读\n") == BODY_001 + "\n"


def test_page_dump_keeps_the_article_run() -> None:
    nav = "\n".join(["首页", "新闻", "体育", "财经", "娱乐", "科技", "汽车", "房产", "旅游", "教育"])
    body = "\n".join([BODY_000, BODY_001, BODY_004] * 3)
    related = "\n".join(["相关新闻", "大连一季度招商引资开门红", "鞍山小分队招商见成效"])
    text = (
        "某某网-新闻中心\n" + nav + "\n招商引资开门红\n" + body + "\n" + related + "\n关于我们 | 联系我们\n©2022 某某网"
    )
    log = ChangeLog("strip-boilerplate", keep=True)
    out = strip_boilerplate(text, log=log)
    assert out == body
    assert "outside-main" in {c.kind for c in log.changes}
    assert replay_changes(text, log.changes) == out


def _norm(s: str) -> str:
    return "".join(c for c in s if unicodedata.category(c)[0] not in "PZ" and not c.isspace() and c not in "?:,!")


_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_BOILERPLATE_WORDS = (
    "版权",
    "ICP",
    "公网安备",
    "延伸阅读",
    "关键词",
    "资料图",
    "免责",
    "文责",
    "风险自担",
    "國際在線版權",
)


@pytest.mark.parametrize("prepared", [False, True], ids=["raw", "prepared"])
def test_seeds(shared_dir: Path, prepared: bool) -> None:
    """Every seed's boilerplate goes and its body stays, on raw and on chain-prepared input."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    expectations = json.loads((shared_dir / "seeds" / "expectations.json").read_text(encoding="utf-8"))["seeds"]
    for name, exp in expectations.items():
        text = (shared_dir / "seeds" / name).read_text(encoding="utf-8")
        if prepared:
            text = _GLOSS.sub("", text.replace("<br/>", ""))
            text = "\n".join(line.strip(" \u3000") for line in text.split("\n"))
        out = strip_boilerplate(text)
        body = _norm(t2s.convert(_GLOSS.sub("", out)))
        gone = [w for w in exp["body_not_contains"] if any(k in w for k in _BOILERPLATE_WORDS)]
        for word in gone:
            assert _norm(t2s.convert(word)) not in body, (name, word)
        for word in exp["body_contains"]:
            assert _norm(t2s.convert(word)) in body, (name, word)
        # The body's last sentence survives: only bylines and 转自 (meta's job) may follow it.
        assert _norm(t2s.convert(exp["body_ends"])) in body[-40:], name
        assert strip_boilerplate(out) == out


def test_taiwan_precision(corpus_dir: Path) -> None:
    """No sentence of 245 genuine articles is lost, except crawl leftovers."""
    leftover = re.compile(r"請繼續往下閱讀|下載APP|用APP看新聞|按我看活動辦法|請點此|^延伸閱讀")
    lost = []
    labels = (corpus_dir / "taiwan" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    for record in map(json.loads, labels):
        path = corpus_dir / "taiwan" / f"{record['file']}.txt"
        if not path.exists():
            continue
        out = re.sub(r"\s+", "", strip_boilerplate(path.read_text(encoding="utf-8")))
        prev = ""
        for line in record["text"].split("\n"):
            if not line.strip():
                continue
            # A headline under 延伸閱讀 is a related link, a leftover the label keeps as crawled.
            if not leftover.search(line) and not prev.startswith("延伸閱讀") and re.sub(r"\s+", "", line) not in out:
                lost.append((record["file"], line[:40]))
            prev = line.strip()
    assert lost == []


def test_blog_page_keeps_the_first_post() -> None:
    """A blog page lists several posts, each closed by a post footer: the first is the article."""
    nav = "\n".join(["博客首页", "注册新的博客", "控制面板", "博客论坛", "博客分类", "博客搜索", "新手入门"])
    first = "湘菜粤菜兵分两路，新鲜的是，湘菜浓妆淡抹，粤菜却是明艳照人。\n" + BODY_001 * 3
    second = (BODY_000 + "\n") * 8
    text = (
        f"{nav}\n{first}\n[打印]\n由海姑娘张贴 @ 2005-06-14 03:25:55 (370)\n共 11 篇评论 发表评论 >>>\n"
        f"澳坛真的累了\n{second}由海姑娘张贴 @ 2005-06-13 15:00:14 (697)\n共 29 篇评论 发表评论 >>>\n"
        "关于我们 | 联系我们\n©2005 某某网"
    )
    assert strip_boilerplate(text) == first


def test_platform_disclaimer_goes_in_both_scripts() -> None:
    for line in (
        "声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
        "聲明：該文觀點僅代表作者本人，搜狐號系信息發布平台，搜狐僅提供信息存儲空間服務。",
    ):
        assert strip_boilerplate(BODY_001 + "\n" + line) == BODY_001


# --- the gate (fast path) -------------------------------------------------------------------------

# Lines each rule of boilerplate_rules removes, in the spellings real pages use (simplified,
# traditional, Latin words in any case, indentation, glosses): the gate must flag every one.
GATE_POSITIVES = [
    "?",
    "  ？？ ",
    "|",
    "—————",
    "\ufffd\ufffd",
    "【版权及免责声明】",
    "版權與免責聲明：",
    "国际在线版权与信息产品内容销售的声明：",
    "反侵权公告：",
    "凡本网注明“来源：XXX”的作品",
    "本網站所刊載的內容",
    "本站所有文章",
    "本文仅代表作者个人观点",
    "以上内容只代表作者本人",
    "转载请注明出处",
    "未经本网书面授权，不得转载",
    "搜狐号系信息发布平台",
    "京ICP备11041399号-2",
    "icp证：京B2-2001",
    "京公网安备11010502035964",
    "增值电信业务经营许可证",
    "备案号：123",
    "违法和不良信息举报电话",
    "© 2022 新华网",
    "(C) 2005 example",
    "Copyright © 2005",
    "COPYRIGHT 2005",
    "All Rights Reserved",
    "Powered by Discuz",
    "关于我们 | 联系我们",
    "About Us",
    "CONTACT US",
    "sitemap",
    "当前位置：首页 > 新闻",
    "您所在的位置 首页",
    "首页 > 国内",
    "主页",
    "新闻 » 国内 » 社会",
    "首页|新闻|体育|财经",
    "【字号 大 中 小】",
    "【打印】【关闭】",
    "[收藏]",
    "打印本页",
    "关闭窗口",
    "Toggle navigation",
    "下一页",
    "PREVIOUS",
    "Next >>",
    "← 返回",
    "更多>>",
    "查看更多",
    "展开全文",
    "阅读全文",
    "分享到：微信 微博",
    "扫一扫，分享到朋友圈",
    "微信扫码关注",
    "手机看新闻",
    "延伸阅读",
    "【相关新闻】",
    "相關閱讀：",
    "猜你喜欢",
    "热门推荐",
    "最新文章",
    "阅读排行榜",
    "点击排行",
    "其他同一栏目内容",
    "往期回顾",
    "上一篇：某某",
    "下一條：",
    "下载客户端",
    "用APP看新闻",
    "點我下載APP",
    "按我看活動辦法",
    "請繼續往下閱讀...",
    "请点此",
    "关注我们的微信公众号",
    "订阅电子报",
    "App Store",
    "google play",
    "网友评论",
    "评论须知",
    "跟帖须知",
    "请您注意：遵守国家有关法律",
    "网友留言",
    "登录后",
    "验证码",
    "用户名",
    "密码",
    "阅读(1660) 评论(5)",
    "共 11 篇评论 发表评论 >>>",
    "张贴 @ 2005-01-01",
    "发表于 2005-01-01",
    "已被阅读 12 次",
    "Trackback",
    "引用通告",
    "发布时间 2005-01-01 10:00 by 某人 ",
    "原标题：某某",
    "关键词：",
    "關(guān)鍵詞(cí):",
    "标签",
    "Tags:",
    "责任编辑：",
    "作者",
    "来源：",
    "发布日期",
    "时间",
    "点击数：",
    "阅读数",
    "浏览次数：",
    "字号",
    "附件",
    "（资料图）",
    "（图片来源：网络）",
    "(示意图)",
    "图片来源：新华社",
    "摄影：张三",
    "图/：张三",
    "页面未找到",
    "抱歉，您访问的页面不存在",
    "找不到该页面",
    "内容不存在或已删除",
    "404",
    "404 Not Found",
    "not found",
    # round 3: menu words, arrow breadcrumbs, trackbacks, the font-size switch mid-line, visit counters
    "登录",
    "註冊",
    "  搜索 ",
    "幫助",
    "設為首頁",
    "手機版",
    "麻辣社区 → 错误信息 → [原创]朋友,请正确客观认识凉山！",
    "Trackback: http://tb.example.net/TrackBack.aspx?PostId=5",
    "页面功能 【我来说两句】【推荐】【字体：大 中 小】【打印】",
    "- 作者： 流泉 访问统计：　2005年08月30日",
    # keywords found at line starts (LINE_START_GATE), not by a pivot of GATE
    "关于我们",
    "联系我们 | 网站地图",
    "　加入我们",
    "广告合作 |",
    "退出",
    "作者：",
    "發布日期：",
    "本网注明“来源：XX”的作品",
    "本站所有文章均为转载",
    "本網站刊載的內容",
    "【更多精彩】",
    "相關新聞：",
    "【相关报道】",
    "本文仅代表作者观点",
    "此内容仅代表作者本人",
    "声明：该文观点仅代表作者本人",
    "該文觀點僅代表作者本人",
    "(C)2010",
    "Previous",
    "next >>",
]


@pytest.mark.parametrize("line", GATE_POSITIVES)
def test_every_rule_example_is_a_rule_hit_and_flagged_by_the_gate(line: str) -> None:
    from newsclean.filters.boilerplate import _gate_hits, _rule_hit

    assert _rule_hit(line.strip(" \t\r\u3000\xa0")) is not None, "not a boilerplate line: fix the example"
    for text in (line, f"正文第一段，内容充实。\n{line}\n正文第二段。", f"{line}\n"):
        hits = _gate_hits(text)
        assert hits, f"the gate misses {line!r}"


def test_gate_is_a_superset_of_the_rules_on_the_dev_corpora(corpus_dir: Path) -> None:
    """Any line a rule matches must be flagged by the gate (else the fast path would hide it)."""
    from newsclean.filters.boilerplate import _gate_hits, _rule_hit

    paths = sorted((corpus_dir / "cwced").glob("*.dump.txt")) + sorted((corpus_dir / "taiwan").glob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        flagged = _gate_hits(text)
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip(" \t\r\u3000\xa0")
            if stripped and _rule_hit(stripped) is not None:
                assert pos in flagged, f"{path.name}: the gate misses {stripped[:40]!r}"
            pos += len(line) + 1


def test_gate_on_glossed_text_finds_the_rule_lines_at_their_offsets() -> None:
    """With glosses the gate scans the text without them; hits keep the glossed lines' offsets."""
    from newsclean.filters.boilerplate import _gate_hits

    lines = [
        "沈陽(yáng):咬定項(xiàng)目不放松(sōng)，快馬加鞭招商忙。",
        "  關(guān)鍵詞(cí):  ",
        "(a)(b)",
        "延伸閱(yuè)讀(dú)",
        "中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)版權(quán)所有",
        "收獲(huò)太大了！",
    ]
    text = "\n".join(lines)
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    hits = _gate_hits(text)
    assert sorted(hits) == [starts[1], starts[3], starts[4]]
    assert [hits[starts[i]][0] for i in (1, 3, 4)] == ["empty-label", "related", "footer"]
    assert _gate_hits(text + "\n") == hits


def test_first_char_guard_keeps_every_match(corpus_dir: Path) -> None:
    """A rule behind its first-character lookahead finds the same match as the bare pattern."""
    import re

    from newsclean.filters.boilerplate_rules import RULES, first_char_guard

    assert first_char_guard("(?i:ab|[c-e]x)|\\d+y?") == "(?=[aA\\d]|(?i:[c-e]))(?:(?i:ab|[c-e]x)|\\d+y?)"
    assert first_char_guard("(?=x)y*") == "(?=x)y*"  # may match empty: no guard
    guarded = [
        (r.pattern, re.compile(r.pattern.pattern.split(")(?:", 1)[1][:-1]))
        for r in RULES
        if r.pattern.pattern.startswith("(?=")
    ]
    assert len(guarded) >= 5
    paths = sorted((corpus_dir / "cwced").glob("*.dump.txt")) + sorted((corpus_dir / "taiwan").glob("*.txt"))
    lines = GATE_POSITIVES + [line for p in paths for line in p.read_text(encoding="utf-8").split("\n")]
    lines += ["ICP", "ıcp证", "İCP备", "Copyright 2004", "TRACKBACK", "阅读(12)", "12 篇评论", "Not Found", "二维码"]
    for g, bare in guarded:
        for line in lines:
            m, n = g.search(line), bare.search(line)
            assert (m and (m.span(), m.group(0))) == (n and (n.span(), n.group(0))), (g.pattern[:30], line)


def test_line_features_match_their_plain_definitions(corpus_dir: Path) -> None:
    """_split computes size, sentence end and punctuation in bulk; they agree with the patterns."""
    import re

    from newsclean.filters.boilerplate import _split
    from newsclean.filters.boilerplate_rules import SENTENCE_END, SENTENCE_PUNCT

    paths = sorted((corpus_dir / "cwced").glob("*.dump.txt")) + sorted((corpus_dir / "taiwan").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    text += "\n a.b \n a. b\n 1.5 \n end.\n ok。” \n。）)\n\x0b\n\u3000 x\u2003y\u3000\n" + "\n".join(GATE_POSITIVES)
    plain_punct = re.compile(r"[，。；！？、：,;!?]|\.(?=\s|$)")
    for ln in _split(text):
        assert ln.size == len(re.sub(r"\s+", "", ln.stripped)), ln.stripped
        assert ln.blank == (ln.size == 0)
        assert ln.ends_sentence == (ln.stripped != "" and SENTENCE_END.search(ln.stripped) is not None), ln.stripped
        assert (SENTENCE_PUNCT.search(ln.stripped) is None) == (plain_punct.search(ln.stripped) is None), ln.stripped


def test_clean_article_takes_the_fast_path_unchanged() -> None:
    text = "法院認定被告侵犯原告著作權，判賠5萬元。\n記者問及此事時，他拒絕回應。\n"
    log = ChangeLog("strip-boilerplate")
    assert strip_boilerplate(text, log=log) is text
    assert log.count == 0


def test_gate_flags_lines_with_prose_keywords_but_the_rules_keep_them() -> None:
    # 版权 and 扫 are gate pivots; the long punctuated sentences stay (rules need short lines here).
    text = "法院认定被告侵犯原告版权，判赔5万元，并要求其公开道歉。\n他扫了一眼文件，随即签字。"
    assert strip_boilerplate(text) == text


# --- debris and prose-less pages --------------------------------------------------------------------

DEBRIS = "½ֵʷǰַһĿʯʱżһʵĵͷԼΪԪǰ7000꣨ͼ22Щͷ˵ͷǹƳɣ沿ȾɫĻ࣬۾ԺǶɡǵ;׼ȷϸʸǿϵȷͷ"


def test_symbol_debris_is_not_prose() -> None:
    from newsclean.filters.boilerplate import _split

    debris, prose = _split(
        DEBRIS + "\n" + "德国总理默克尔（Angela Merkel）与马克龙·埃马纽埃尔会面，双方讨论了能源问题。"
    )
    assert not debris.prose
    assert prose.prose  # a few Latin letters and a middle dot in real prose do not make debris


def test_a_page_of_menus_and_debris_is_dropped_whole() -> None:
    menu = "\n".join(["首页|新闻|论坛|博客", "当前位置：首页 > 史学 > 专题"] + [f"栏目{i}" for i in range(10)])
    text = menu + "\n\n" + "\n\n".join([DEBRIS] * 4) + "\n版权所有：某某网"
    assert strip_boilerplate(text) == ""


def test_a_page_with_debris_beside_an_article_keeps_the_article() -> None:
    menu = "\n".join(["首页|新闻|论坛|博客", "当前位置：首页 > 史学 > 专题"] + [f"栏目{i}" for i in range(10)])
    body = "\n".join(["招商引资是经济高质量发展的生命线，沈阳全力以赴抓项目、拼经济。" * 3] * 3)
    text = menu + "\n" + DEBRIS + "\n" + body + "\n" + DEBRIS + "\n版权所有：某某网"
    out = strip_boilerplate(text)
    assert out == body


# ---- round 3: tables and headings attached to the article, tails, record tables, menu words ----

_PROSE = "这是文章的一个段落，内容完整，写得清楚明白，读者可以读懂它的意思，它也足够长。"
_MENU = "\n".join(["首页", "新闻", "体育", "娱乐", "财经", "科技", "汽车", "房产", "教育", "旅游"])
_FOOTER = "Copyright © 2004 Example.com All rights reserved"


def _page(body: str) -> str:
    return "当前位置：首页 > 新闻\n" + _MENU + "\n" + body + "\n" + _MENU + "\n" + _FOOTER


def test_a_table_after_its_caption_stays_with_the_article() -> None:
    table = "附：招生专业及考试科目\n专业名称（代码）\n050401 艺术学\n刘梦溪\n1、英语\n2、艺术概论\n050402 音乐学\n田青"
    body = "\n".join([_PROSE] * 4) + "\n" + table
    out = strip_boilerplate(_page(body).replace("\n" + _MENU + "\n" + _FOOTER, "\n发表评论\n" + _FOOTER))
    assert table in out
    assert "体育" not in out and "Copyright" not in out
    assert strip_boilerplate(out) == out


def test_a_menu_after_the_article_is_no_table() -> None:
    """No caption and no colon before it: the site menu after the article goes."""
    out = strip_boilerplate(_page("\n".join([_PROSE] * 4)))
    assert "体育" not in out and _PROSE in out
    # A caption followed by cells without numbers (a menu of sections) is no table either.
    out = strip_boilerplate(_page("\n".join([_PROSE] * 4) + "\n附：栏目\n要闻\n社会\n国际\n军事"))
    assert "社会" not in out


def test_a_list_announced_by_a_colon_stays() -> None:
    specs = "最大功率：51Kw/6000rpm\n最大扭距：95N.m/3250rpm\n驱动型式：前置前驱\n变速箱：手动五速"
    body = "\n".join([_PROSE] * 4) + "\n动力系统主要参数：\n" + specs + "\n【字体：大 中 小】【打印】"
    out = strip_boilerplate(_page(body))
    assert specs in out and "字体" not in out


def test_the_first_numbered_heading_joins_its_series() -> None:
    body = "一、培养目标：\n" + _PROSE + "\n二、报考条件：\n" + _PROSE + "\n" + _PROSE
    out = strip_boilerplate(_page(body))
    assert out.startswith("一、培养目标：")
    # Without a second heading in the article the lone short line stays outside it.
    body = "一、说明\n" + "\n".join([_PROSE] * 3)
    assert "一、说明" not in strip_boilerplate(_page(body))


def test_a_page_tail_without_furniture_stays() -> None:
    tail = (
        "请输入您的用户名\n没有注册？\n请输入您的密码\n忘记密码？\nCookie 选项\n保存一天\n保存一月\n"
        "下次访问可以方便输入。\n保存一年\n隐身登录\n正常登录"
    )
    out = strip_boilerplate(_MENU + "\n登录\n注册\n" + _MENU + "\n" + "\n".join([_PROSE] * 3) + "\n" + tail)
    assert out.endswith(tail) and "体育" not in out
    # A tail that holds a footer is no article tail.
    out = strip_boilerplate(_MENU + "\n登录\n" + _MENU + "\n" + "\n".join([_PROSE] * 3) + "\n" + tail + "\n" + _FOOTER)
    assert "隐身登录" not in out


def test_menu_words_go_only_as_whole_lines() -> None:
    assert [d.keep for d in classify_lines("登录\n隐身登录\n请先登录，再发表评论。")] == [False, True, True]


def test_a_government_record_table_stays() -> None:
    record = (
        "索 引 号：\n11220000/2022-00426\n分  类：\n通告\n发文机关：\n吉林省人民政府\n成文日期：\n"
        "2022年01月27日\n发文字号：\n吉政明电〔2022〕1号\n发布日期：\n2022年01月28日"
    )
    out = strip_boilerplate("登录\n注册\n分享到：微信\n" + record + "\n分享到：微博\n" + "\n".join([_PROSE] * 3))
    assert record in out and "分享到" not in out
    # Without 索引号 and enough labels, an empty 发布日期： label still goes.
    assert strip_boilerplate(_PROSE + "\n发布日期：") == _PROSE


def test_rule_index_by_first_char_gives_the_first_matching_rule(corpus_dir: Path) -> None:
    """The first-character index skips only rules that cannot match: same hit as all rules in order."""
    from newsclean.filters.boilerplate import _GLOSS, _rule_hit
    from newsclean.filters.boilerplate_rules import RULES

    paths = sorted((corpus_dir / "cwced").glob("*.dump.txt")) + sorted((corpus_dir / "taiwan").glob("*.txt"))
    lines = [line.strip(" \t\r\u3000\xa0") for path in paths for line in path.read_text(encoding="utf-8").split("\n")]
    lines += [line.strip(" \t\r\u3000\xa0") for line in GATE_POSITIVES]
    lines += ["tags:", "Tags", "TAGS：", "Sitemap", "(c) 2008", "(资料图)", "Next", "previous >>", "(a)"]
    for stripped in filter(None, lines):
        probe = _GLOSS.sub("", stripped)
        expected = next(
            ((r.name, m.group(0), r.scope) for r in RULES if (m := r.pattern.search(probe)) is not None), None
        )
        assert _rule_hit.__wrapped__(stripped) == expected, stripped
