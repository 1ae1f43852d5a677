"""The ``meta`` filter: title, publication time, source, site and people from header and byline lines.

Damage handled: ARTIFACTS.md §7. News dumps carry their metadata as plain text: a headline line,
a header line (``中国产业经济信息网   时间：2024-01-13``, ``2018-08-27 10:02:56 | 来源：辽宁日报 |
编辑：李静``), bylines at the start or the end of the reporting (``（记者 金晓玲）``,
``〔記者林曉雲／台北報導〕``), a repost line (``转自：金台资讯``) and a site footer
(``版权所有：中国产业经济信息网京ICP备…``). This filter moves them into ``doc.metadata`` and
takes the header, title, byline and repost text out of the body, logging every removal.

Why it is safe: header fields are read only from short lines near the top (or lines made of
nothing but fields), a date inside a sentence is never the publication time, and a bracketed
aside is a byline only when it holds a role word (记者, 通讯员, 编辑 …) or a list of short names
right after a sentence end. What it leaves alone: the reporting itself, captions such as
``（资料图）`` and the site footer line (``strip-boilerplate`` runs next and removes it).

Works on the normalised text the default chain gives it and on raw text (ASCII ``:`` and
``(``, indentation, traditional script): matching runs on a same-length folded copy
(:func:`newsclean.filters.meta_dates.fold`) and values are cut from the original.

Speed (issue 7): the line table is built by C iterators (``split``, ``accumulate``, ``zip``) and
looked up with ``bisect``; whole-text scans whose pattern needs a rare character (转, 《, V, 介/料/档)
run only when it is there; the furniture test (caption, menu) runs only when a branch needs it,
cheapest part first. Whole-text scans are shaped for the regex engine's fast path: a pattern that
starts with a literal (``\\n``, ``19``, ``作者``) is skipped to ~6x faster than one that starts with
an alternation or a ``^`` under re.M, so alternations are split into literal-prefixed halves, line
tests are searched from the ``\\n`` before the line, and header labels are found from their colons.
After a hit, a scan resumes at the next line. Rules that need a date (date fallback, signatures)
look only at the lines holding a year, found once. Each fast path is exact: the comment at it says
why, and tests/filters/test_meta.py checks the trickier ones against the pattern they replace.
The fold of the whole text stays (about a sixth of the time): folding only candidate lines would
need a fold-aware copy of every whole-text pattern.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING, Any

from newsclean.charsets import HAN_RE
from newsclean.filters.meta_dates import DATETIME_RE, DMY_RE, find_datetime, fold, lazy_pattern
from newsclean.filters.meta_people import (
    LEAD_BYLINE_RE,
    LINE_BYLINE_RE,
    PLACEHOLDERS,
    TAIL_BYLINE_RE,
    parse_byline,
    split_names,
)

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig
    from newsclean.document import Document

__all__ = ["extract_metadata", "parse_metadata", "parse_published"]

from newsclean.filters.meta_dates import parse_published  # re-exported: part of this module's API

#: A Latin word of three letters or more (an English headline has several; a record code none).
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{3,}")

#: A numbered section heading inside an article: 一、 二、 (一) 1、 (on the folded line).
_SECTION_RE = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}、)")

#: How many non-empty lines at the top may hold the title and header lines.
_TOP_LINES = 8
#: Longest line read as a header line made only of fields.
_MAX_HEADER_LINE = 120
#: Longest title.
_MAX_TITLE = 80

#: Labels of people fields. 发文机关/发布机构/发布单位 name the body that issues a notice (the
#: author of a government document); 博主/发表者/发帖人/楼主 the writer of a blog or forum post.
_PEOPLE_LABELS = (
    r"作者|撰文|执笔人|责任编辑|责编|编辑|通讯员|发文机关|发文单位|发布机构|发布单位" r"|博主|发表者|发帖人|楼主"
)

#: A header label and its colon, at the current position of a folded header line. Date labels
#: may omit the colon (发布时间 2005/03/15); the others need it, so 时间管理 or 作者说 in a
#: sentence are not labels. ``文/张三`` and ``文|张三`` are author bylines.
LABEL_RE = re.compile(
    r"(?P<label>发布时间|发表时间|发布日期|发表日期|更新时间|时间|日期|发表于|发布于"
    r"|来源|作者|撰文|执笔人|执笔|责任编辑|责编|编辑|通讯员|记者|转载自|转自|点击数|点击|阅读数|阅读|浏览|评论|人气"
    r"|发文机关|发文单位|发布机构|发布单位|博主|发表者|发帖人|楼主"
    r"|文(?=\s*[/|]))"
    r"\s*(?P<colon>[:]|(?<=文)\s*[/|])?\s*"
)
_DATE_LABELS = frozenset(
    {"发布时间", "发表时间", "发布日期", "发表日期", "更新时间", "时间", "日期", "发表于", "发布于"}
)
_COUNTERS = frozenset({"点击数", "点击", "阅读数", "阅读", "浏览", "评论", "人气"})
_FIELD_KEYS = {
    "来源": "source",
    "作者": "authors",
    "撰文": "authors",
    "执笔人": "authors",
    "执笔": "authors",
    "文": "authors",
    "记者": "authors",
    "责任编辑": "editors",
    "责编": "editors",
    "编辑": "editors",
    "通讯员": "correspondents",
    "转载自": "reposted_from",
    "转自": "reposted_from",
    "发文机关": "authors",
    "发文单位": "authors",
    "发布机构": "authors",
    "发布单位": "authors",
    "博主": "authors",
    "发表者": "authors",
    "发帖人": "authors",
    "楼主": "authors",
}
#: Cheap test for a line worth parsing as a header line further down the text.
_HAS_LABEL_WORDS = "时间|日期|发表于|发布于|来源|执笔|" + _PEOPLE_LABELS
HAS_LABEL_RE = re.compile(r"(?:" + _HAS_LABEL_WORDS + r")\s*:")
#: HAS_LABEL_RE read backwards from its colon (see :meth:`_Parser._label_lines`).
_LABEL_BEFORE_RE = re.compile(r"(?:" + _HAS_LABEL_WORDS + r")\Z")
_LONGEST_LABEL = max(map(len, _HAS_LABEL_WORDS.split("|")))
_LABEL_LAST_CHARS = frozenset(word[-1] for word in _HAS_LABEL_WORDS.split("|"))
#: A colon after a label's last character or a whitespace (see :meth:`_Parser._label_lines`):
#: the colon is a literal first character, so the scan runs in C, and most colons in prose
#: (他说：) are passed over there instead of being read back from Python.
_LABEL_COLON_RE = re.compile(r":(?<=[" + "".join(sorted(_LABEL_LAST_CHARS)) + r"\s]:)")
#: ``文／李海碩``: an author line (checked to start its line by the caller).
WEN_RE = re.compile(r"文[ \t]*/")
#: A line that ends in a closing bracket (maybe a tail byline), and one with a reporter's role
#: word (maybe a line byline): literal scans, much faster than the byline patterns themselves.
TAIL_HINT_RE = re.compile(r"\)[ \t]*\d*[ \t]*$", re.M)
LINE_HINT_RE = re.compile(r"记者|通讯员|实习生")
#: LINE_HINT_RE's words for :func:`_find_word`, each with the offset of its rarest character in
#: news text (讯 and 习 are 5-20x rarer than 通/员 and 实/生; 记 is rarer than 者).
_LINE_HINTS = (("记者", 0), ("通讯员", 1), ("实习生", 1))
#: A line of 1-3 names of 2-3 Han characters (赵延东、风笑天), as printed under a headline.
NAMES_LINE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[、 ]{1,2}[\u4e00-\u9fff]{2,3}){0,2}")
#: A line that is such a line once stripped (any whitespace around it): the first line, or a
#: later one after its \n. Written with possessive quantifiers, which never give back what they
#: took: the same matches (giving back cannot help, as each run is followed by a character it
#: cannot hold: a name of 2-3 Han characters by a separator, space or line end, a separator run
#: by a Han character, the padding by the line end), and a prose line fails ~40% sooner.
_NAMES_FIRST_RE = re.compile(
    r"[^\S\n]*+[\u4e00-\u9fff]{2,3}+(?:[、 ]{1,2}+[\u4e00-\u9fff]{2,3}+){0,2}+[^\S\n]*+(?=\n|\Z)"
)
_NAMES_LINE_NL_RE = re.compile(r"\n" + _NAMES_FIRST_RE.pattern)
#: Endings that make a short line an organisation, place or section rather than a name.
NOT_NAME_RE = re.compile(
    r"[社网網报報台站部局会會院所处處厅廳委府省市县縣区區镇鎮村馆館店城]$"
    r"|首页|登录|注册|导读|摘要|关注|专题|推荐|分享|收藏|打印|评论|返回|更多|正文|图片|视频|新闻|资讯|要闻|头条"
)
#: A people label with no value on its line (the name follows on the next line).
EMPTY_LABEL_RE = re.compile(r"\s*(?P<label>" + _PEOPLE_LABELS + r")\s*:\s*$")
#: A people label and a short value with no sentence punctuation filling the whole line, the
#: value optionally followed by an affiliation (作者: 赵 培：北京物资学院，北京).
PEOPLE_LINE_RE = re.compile(
    r"\s*(?P<label>" + _PEOPLE_LABELS + r")\s*:\s*(?P<v>[^\n。,!?;:]{1,30}?)\s*(?::\s*(?P<aff>[^\n:。]{2,40}?))?\s*$"
)
#: A label's value on the next line: a name (or issuing body), optionally with an affiliation
#: after a colon (赵 培：北京物资学院，北京).
NEXT_VALUE_RE = re.compile(r"\s*(?P<v>[^\n=<>。,!?;:]{1,16}?)\s*(?::\s*(?P<aff>[^\n:。=<>]{2,40}?))?\s*$")
#: Any label, used to stop a value that runs into the next field without a space (未知作者:…).
_NEXT_LABEL = r"(?:发布时间|发表时间|时间|日期|来源|点击|阅读|浏览|" + _PEOPLE_LABELS + r")\s*:"
#: A field value: a bracketed one (来源：[ 人民网 ]) or a run without spaces and separators.
VALUE_RE = re.compile(r"\[\s*(?P<br>[^\]\n]{0,30}?)\s*\]|(?P<v>(?:(?!" + _NEXT_LABEL + r")[^\s|])*)")
#: More names after a people value: 作者：宋怡 杨志华 (2-4 Han characters each, then a space or the end).
MORE_NAMES_RE = re.compile(r"(?:[ ]{1,3}[\u4e00-\u9fff]{2,4}(?=[\s|]|$))*")
#: A page counter after 点击/阅读: ``点击： 次``, ``阅读(1660)``, ``点击数：35``.
COUNTER_RE = re.compile(r"\(?\s*\d*\s*\)?\s*次?")
#: Separators between header fields: spaces, |, ·, •, 〓, private-use leftovers and the like.
SEP_RE = re.compile(r"[\s|·•〓\ue000-\uf8ff]+")  # PUA: stray bytes of a mis-decoded space
#: A bare token in a header line (site or paper name, sohu's ``[ 黄宇 ]`` author, a domain).
BARE_RE = re.compile(r"\[\s*(?P<br>[^\]\n]{1,20}?)\s*\]|(?P<v>[^\s|:\[\]]{2,24})(?=[\s|]|$)")
#: A domain printed in a header (BUSINESS.SOHU.COM): not a site name we keep.
DOMAIN_RE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: A name that ends like a newspaper: a bare one in a header is the source, not the site.
PAPER_RE = re.compile(r"(?:报|報)$")
#: A name that looks like a site or channel (title suffixes, bare header names).
SITE_RE = re.compile(
    r"(?:网|網|网站|频道|頻道|报|報|新闻|新聞|在线|在線|财经|社区|论坛|博客|头条|blog|\.com|\.cn|\.net"
    r"|通讯社|通訊社|新华社|新華社|中央社|中新社|中通社|法新社|路透社|美联社|美聯社|共同社)$",
    re.I,
)
#: An ASCII title suffix that names a site or its software (blog.wenxuecity.com, powered by Discuz!).
ASCII_SITE_RE = re.compile(r"^[\x20-\x7e]*(?:\.[a-z]{2,4}\b|powered by|archiver)[\x20-\x7e]*$", re.I)
#: Separators between a headline and the site suffix in a <title>-like first line.
TITLE_SEP_RE = re.compile(r"\s*(?:--|_|\||»| - | – | — |(?<![A-Za-z0-9])-(?![A-Za-z0-9]))\s*")
#: A photo caption or other fully bracketed short line: （资料图）, (图), 【导读】.
CAPTION_RE = re.compile(r"^\s*\([^()]{0,20}\)\s*$")
#: Navigation: breadcrumbs (首页 > 新闻), a run of menu separators, or five or more short words (首页　组织机构　…).
NAV_RE = re.compile(r">|(?:\s[-|]\s.*){4,}|(?:\|.*){3,}|^\S{1,6}(?:\s+\S{1,6}){4,}$")
#: NAV_RE's parts, tested by :func:`_nav` without running it over a whole paragraph.
_NAV_SEP_RE = re.compile(r"\s[-|]\s")
_NAV_WORDS_RE = re.compile(r"\S{1,6}(?:\s+\S{1,6}){4,}$")


def _nav(line: str) -> bool:
    """``NAV_RE.search(line)`` for one line (no \\n), cheapest test first.

    Its parts: a ``>``; four separators `` - `` / `` | `` one after another (``.*`` between
    them: four non-overlapping ones, which ``findall`` counts); three ``|``; a line of five
    or more short words (anchored at the start: a paragraph fails after its first 7 characters).
    """
    if ">" in line:
        return True
    bars = line.count("|")
    if bars >= 3:
        return True
    if (bars or "-" in line) and len(_NAV_SEP_RE.findall(line)) >= 4:
        return True
    return _NAV_WORDS_RE.match(line) is not None


#: 转自/转载自 line: the repost source (ARTIFACTS.md §6), metadata not body.
REPOST_RE = re.compile(r"^[ \t]*(?:转载自|转自|转载于)[ \t]*[:][ \t]*(?P<v>[^\n]{1,40}?)[ \t]*$", re.M)
#: What every REPOST_RE match holds: the lines to try. A literal first character (转) is scanned
#: for in C, where visiting each 转 (转变, 转移 …) from Python cost ~3x more.
_REPOST_HINT_RE = re.compile(r"转(?:自|载[自于])[ \t]*:")
#: Site footer: 版权所有：中国产业经济信息网京ICP备… -> site (the line stays, for strip-boilerplate).
#: Compiled on first use, as are the other patterns below that most texts never reach (their
#: callers look for a word they need first): ~1 ms each, paid by every worker process.
#: (``\w`` holds every Han character U+4E00-U+9FFF: the block is fully assigned since Unicode 14.)
footer_site_re = lazy_pattern(
    r"版权所有\s*[:©]?\s*(?:\(c\)|©)?\s*(?:\d{4}(?:-\d{4})?\s*)?(?P<v>\w{2,30}?)"
    r"\s*(?=[\u4e00-\u9fff]?ICP|京公网|备案|\d|\s|,|$)",
    re.M,
)
#: A closing citation of a periodical's issue on its own line: ——《北京之春》1996年6月号.
issue_re = lazy_pattern(
    r"^[ \t—-]*《(?P<src>[^》\n]{2,20})》[ \t]*(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月号[ \t]*$", re.M
)
#: A journal issue line (Hans and other journal templates): Vol. 8 No. 2 (May 2018) -> 2018-05.
journal_issue_re = lazy_pattern(
    r"^[ \t]*Vol\.?[ \t]*\d+[ \t]*,?[ \t]*No\.?[ \t]*\d+[ \t]*,?[ \t]*\(?"
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?P<y>(?:19|20)\d\d)\)?[ \t]*$",
    re.M | re.I,
)
#: How a line that journal_issue_re matches starts (re.I folds these letters to ASCII only):
#: the first line, or a line after a \n (a literal prefix: a fast scan).
_VOL_FIRST_RE = re.compile(r"[ \t]*[Vv][Oo][Ll]")
_VOL_LINE_RE = re.compile(r"\n" + _VOL_FIRST_RE.pattern)
#: The word either needs, by its first letter: a literal first character is scanned for at
#: memchr-like speed, where _VOL_LINE_RE stops at every line (V and v are common in URLs).
_VOL_WORD_RES = (re.compile("V[Oo][Ll]"), re.compile("v[Oo][Ll]"))
#: A year as DATETIME_RE and DMY_RE read one: every date of :func:`find_datetime` holds it.
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
#: Its two halves: a pattern that starts with a literal (19, 20) is scanned for ~6x faster than
#: one that starts with an alternation, so two scans merged beat one.
_YEAR_RES = (re.compile(r"19\d\d"), re.compile(r"20\d\d"))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Lines with 记者 that are no byline: features (记者手记), menus (记者博客 联系记者), photo credits.
NOT_LINE_BYLINE_RE = re.compile(
    r"记者(?:手记|观察|调查|来信|节|证|站|会|们)|记者.*记者|博客|联系|热线|邮箱|信箱|(?:摄|摄影)$"
)
#: A photo credit: the bracket ends in 摄 / 摄影 (folded from 攝).
PHOTO_CREDIT_RE = re.compile(r"(?:摄|攝|摄影|攝影|供图|提供)\s*$")
#: Words that start a blog or forum post signature (searched first, to find candidate lines cheaply).
SIGNATURE_HINT_RE = re.compile(r"by[ \t:]|By[ \t:]|BY[ \t:]|张贴|发表|发布|贴出|发帖|上传|写于|osted ")
#: A blog or forum post signature, on a short line that also holds the post's date:
#: ``〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓``, ``由海姑娘张贴 @ 2005-06-14 03:25:55``,
#: ``Posted by Joel at 2005-01-02``, ``张三 发表于 2022-01-24 15:31`` (the name first on the line).
signature_re = lazy_pattern(
    r"(?<![A-Za-z])(?<!powered )(?:posted\s+)?by\s*:?\s*(?P<n>[^\s〓|@:,()<>\[\]]{2,24})"
    r"|由\s*(?P<n2>[^\s@:,()<>\[\]]{1,12}?)\s*(?:张贴|发表|发布|贴出|发帖|上传)"
    r"|^\s*(?P<n3>[^\s@:,()<>\[\]]{2,16}?)\s*(?:发表于|发布于|写于|posted\s+(?:at|on))",
    re.I,
)
#: Sentence punctuation and quotes in a people value: a sentence glued to its label, not names.
PROSE_VALUE_RE = re.compile(r"[。!?;“”「」]|,.*,.*,")
#: Sentence punctuation: a line with it is prose, not a signature.
_PROSE_RE = re.compile(r"[。，！？；]")
#: The heading of a blog's profile box (the blogger's name is on the line above):
#: ``[作者简介] (个人情况保密)``, ``博主资料``; or an author note ``作者简介：张三，北京大学教授``.
profile_re = lazy_pattern(
    r"^[ \t]*[\[(]?[ \t]*(?:作者|博主)(?:简介|资料|档案)[ \t]*[\])]?"
    r"[ \t]*(?::[ \t]*(?P<n>[\u4e00-\u9fff]{2,4})(?=[,，(]))?",
    re.M,
)
#: The words profile_re needs (one is in the text iff profile_re can match), as two patterns
#: with a literal prefix: scanned for ~6x faster than one that starts with an alternation.
_PROFILE_HINT_RES = (re.compile("作者(?:简介|资料|档案)"), re.compile("博主(?:简介|资料|档案)"))
#: The same words by their last character (介 料 案: rarer than 作/者/博/主), each found by a
#: one-character str.find (memchr speed), then read back: cheaper than the two scans above.
_PROFILE_WORDS = (("作者简介", "博主简介"), ("作者资料", "博主资料"), ("作者档案", "博主档案"))


def _has_profile_word(f: str) -> bool:
    """Whether ``f`` holds one of :data:`_PROFILE_WORDS` (as ``_PROFILE_HINT_RES`` would find)."""
    for words in _PROFILE_WORDS:
        last = words[0][-1]
        pos = f.find(last, 3)  # a word of four characters ends at 3 or later
        while pos >= 0:
            if f.startswith(words, pos - 3):
                return True
            pos = f.find(last, pos + 1)
    return False


#: A blogger's or poster's name on a line of its own: 2-8 Han characters or an ASCII handle.
handle_re = lazy_pattern(r"[\u4e00-\u9fff]{2,8}|[A-Za-z][A-Za-z0-9_.-]{1,19}")
#: Where a headline splits from what a <title>-like line adds around it (site, author, page
#: number): 茉莉：我是怎样卷入八九民运的, 社会资本、……的再就业(页 1) - 学术前沿.
REPEAT_SPLIT_RE = re.compile(r"\s*(?:--|_|\||»| - | – | — |:|\()\s*")
#: Sentence punctuation that a title does not end with (after folding).
_NOT_TITLE_END = ("。", ",", ";", ":", "、", "…")


#: Sentence punctuation inside a bare header token (after folding).
_SENTENCE_MARK_RE = re.compile(r"[。,!?;]")


def _site_like(name: str) -> bool:
    """A bare header token that can be a site, paper or domain (not a piece of a sentence)."""
    if _SENTENCE_MARK_RE.search(name):
        return False
    return bool(DOMAIN_RE.fullmatch(name) or SITE_RE.search(name) or PAPER_RE.search(name))


def _two_han(line: str) -> bool:
    """``han_count(line) >= 2``, stopping at the second Han character (a headline has it at once)."""
    first = HAN_RE.search(line)
    return first is not None and HAN_RE.search(line, first.end()) is not None


def _furniture(fl: str) -> bool:
    """A folded line that is page furniture: short, a caption or a menu (cheapest test first)."""
    return len(fl.strip()) <= 12 or bool(CAPTION_RE.match(fl)) or _nav(fl)


def _find_word(f: str, word: str, start: int, anchor: int = 0) -> int:
    """``f.find(word, start)``, found from the occurrences of ``word[anchor]``.

    In CJK text str.find of a word of two or more characters reads every character (~0.85 ns
    each), while a one-character find runs at memchr speed: visiting the few occurrences of a
    rare character of the word is ~3x cheaper. Exact: ``word`` starts at ``p`` iff its anchor
    character is at ``p + anchor`` and ``f.startswith(word, p)``; anchors are visited in order
    from ``start + anchor``, so the first hit is the leftmost occurrence at or after ``start``."""
    ch = word[anchor]
    pos = f.find(ch, start + anchor)
    while pos >= 0:
        if f.startswith(word, pos - anchor):
            return pos - anchor
        pos = f.find(ch, pos + 1)
    return -1


def _lead_byline(folded: str, s: int, e: int) -> re.Match[str] | None:
    """``LEAD_BYLINE_RE.match(folded, s, e)``; a line without a bracket fails at once."""
    return LEAD_BYLINE_RE.match(folded, s, e) if folded.find("(", s, e) >= 0 else None


def _lines(strs: list[str]) -> tuple[list[int], list[tuple[int, int]]]:
    """Start offsets and (start, end) spans of the lines of a text split on \\n
    (built by C iterators: no Python code runs per line).

    Line i + 1 starts one newline after line i ends."""
    lens = list(map(len, strs))
    starts = list(accumulate(map(add, lens[:-1], repeat(1)), initial=0))
    return starts, list(zip(starts, map(add, starts, lens), strict=True))


class _Parser:
    """One parse: the text, its folded copy, the metadata found and the edits to make."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.strs = text.split("\n")  # the lines themselves
        self.starts, self.lines = _lines(self.strs)
        # the last line that is not blank (-1 if none): "only blank lines follow line i" is i >= it.
        # It holds the text's last non-whitespace character (rstrip and a blank line's strip
        # both remove str.isspace characters, \n among them): looked up in the line table.
        body_end = len(text.rstrip())
        self.last_text = self._line_at(body_end - 1) if body_end else -1
        self.md: dict[str, Any] = {}
        self.removed: dict[int, str] = {}  # line index -> kind (whole line removed)
        self.inline: list[tuple[int, int, str]] = []  # (start, end, kind) removed inside a line
        self.after_title = -1  # the headline repeated below a <title>-like first line (web dumps)
        self._years: list[int] | None = None  # see _year_lines
        self._headers: dict[tuple[int, int], tuple[list[tuple[str, str]], int] | None] = {}

    # -- helpers ---------------------------------------------------------------------------
    def line(self, i: int) -> str:
        return self.strs[i]

    def blank(self, i: int) -> bool:
        """Whether line ``i`` is empty or whitespace. Not tabulated: a parse asks about a few
        lines near the top and around removals (~10 on the chain's inputs, of ~58 lines)."""
        return not self.strs[i].strip()

    def put(self, key: str, value: Any) -> None:
        """Set a metadata key; the first value found wins, lists accumulate."""
        if key in ("authors", "editors", "correspondents"):
            names = self.md.setdefault(key, [])
            names.extend(n for n in value if n not in names)
        elif key not in self.md:
            self.md[key] = value

    def put_value(self, key: str, raw: str) -> None:
        raw = raw.strip(" []:：")
        if key in ("authors", "editors", "correspondents"):
            self.put(key, split_names(raw))
        elif raw and raw not in PLACEHOLDERS and len(raw) <= 40:
            self.put(key, raw)
        else:
            self.put(key, None)

    def put_byline(self, found: dict[str, Any]) -> None:
        for key, value in found.items():
            self.put(key, value)

    # -- header lines ------------------------------------------------------------------------
    def header(self, s: int, e: int) -> tuple[list[tuple[str, str]], int] | None:
        """Parse fields from ``s``; return (fields, end of header) or None if this is no header.

        A pure function of the span: remembered, as the lines under a headline are tried by
        ``top`` and again by ``below_headline``."""
        key = (s, e)
        if key not in self._headers:
            f = self.folded
            # a header has a labelled field or a date (so a year): without either, no header
            if LABEL_RE.search(f, s, e) or _YEAR_RES[0].search(f, s, e) or _YEAR_RES[1].search(f, s, e):
                self._headers[key] = self._header(s, e)
            else:
                self._headers[key] = None
        return self._headers[key]

    def _header(self, s: int, e: int) -> tuple[list[tuple[str, str]], int] | None:
        f, pos = self.folded, s
        fields: list[tuple[str, str]] = []
        labelled = dated = bare = 0
        last_was_field = False
        while True:
            m = SEP_RE.match(f, pos, e)
            if m:
                pos = m.end()
            if pos >= e:
                break
            lab = LABEL_RE.match(f, pos, e)
            if lab and (lab["colon"] or lab["label"] in _DATE_LABELS or lab["label"] in _COUNTERS):
                label, pos = lab["label"], lab.end()
                labelled += 1
                if label in _DATE_LABELS:
                    d = DATETIME_RE.match(f, pos, e) or DMY_RE.match(f, pos, e)
                    if d:
                        found = find_datetime(f, d.start(), d.end())
                        if found:
                            fields.append(("published", found[0]))
                            dated += 1
                        pos = d.end()
                elif label in _COUNTERS:
                    pos = COUNTER_RE.match(f, pos, e).end()  # type: ignore[union-attr]
                else:
                    v = VALUE_RE.match(f, pos, e)
                    assert v is not None  # VALUE_RE matches the empty string
                    span = v.span("br") if v["br"] is not None else v.span("v")
                    key = _FIELD_KEYS[label]
                    if key in ("authors", "editors", "correspondents") and v["br"] is None:
                        more = MORE_NAMES_RE.match(f, v.end(), e)
                        assert more is not None  # matches the empty string
                        span = (span[0], more.end())
                        if span[1] - span[0] > 40 or PROSE_VALUE_RE.search(f, span[0], span[1]):
                            return None  # 文／姜雅馨迎接2022年，除了…: a sentence, not a byline
                    fields.append((key, self.text[span[0] : span[1]]))
                    pos = span[1] if v["br"] is None else v.end()
                last_was_field = True
                continue
            if lab and not lab["colon"]:  # a bare label word (an "编辑" link) before another field
                nxt = LABEL_RE.match(f, lab.end(), e)
                if nxt and (nxt["colon"] or nxt["label"] in _DATE_LABELS):
                    pos = lab.end()
                    continue
            d = DATETIME_RE.match(f, pos, e) or DMY_RE.match(f, pos, e)
            found = find_datetime(f, d.start(), d.end()) if d else None
            if d and found:
                fields.append(("published", found[0]))
                dated += 1
                pos = d.end()
                last_was_field = False
                continue
            b = BARE_RE.match(f, pos, e)
            if b and bare < 2 and (b["br"] is not None or _site_like(b["v"])):
                if b["br"] is not None:
                    fields.append(("authors", self.text[b.start("br") : b.end("br")]))
                else:
                    fields.append(("bare", self.text[b.start("v") : b.end("v")]))
                bare += 1
                pos = b.end()
                last_was_field = False
                continue
            break
        if labelled + dated == 0:
            return None
        rest = f[pos:e].strip()
        if rest:
            # a header that runs into the body (seed 003): only after two fields, one labelled
            if not (last_was_field and labelled >= 1 and labelled + dated >= 2 and bare == 0):
                return None
        elif e - s > _MAX_HEADER_LINE:
            return None
        if bare and not dated and labelled == 0:
            return None
        return fields, pos

    def apply_fields(self, fields: list[tuple[str, str]]) -> None:
        for key, value in fields:
            if key == "published":
                self.put("published", value)
            elif key == "bare":
                if DOMAIN_RE.fullmatch(value) or not (SITE_RE.search(value) or PAPER_RE.search(value)):
                    continue
                if PAPER_RE.search(value) and "网" not in value and "網" not in value:
                    self.put("source", value)
                else:
                    self.put("site", value)
            else:
                self.put_value(key, value)

    def try_header_line(self, i: int, *, allow_rest: bool) -> str:
        """Parse line ``i`` as a header; remove it. Returns "" (not a header), "line" or "rest"."""
        s, e = self.lines[i]
        if EMPTY_LABEL_RE.match(self.folded, s, e):
            self.label_then_value(i)
            return "line" if i in self.removed else ""
        if not allow_rest and e - s > _MAX_HEADER_LINE:
            return ""  # header() would give None, or a header with a rest, which is refused here
        got = self.header(s, e)
        if got is None:
            return ""
        fields, end = got
        rest = self.folded[end:e].strip()
        if rest and not allow_rest:
            return ""
        self.apply_fields(fields)
        if rest:
            self.inline.append((s, end, "header"))
            return "rest"
        self.removed[i] = "header"
        return "line"

    # -- title -----------------------------------------------------------------------------
    def title_of(self, i: int) -> str | None:
        """The headline on line ``i``, or None if the line is no title."""
        if i >= self.last_text:
            return None  # nothing follows: a one-line document is body text, not a headline
        line = self.line(i).strip()
        s, e = self.lines[i]
        fl = self.folded[s:e].strip()  # fold(line): folding maps whitespace to whitespace only
        if not (4 <= len(line) <= _MAX_TITLE * 2):
            return None
        if fl.endswith(_NOT_TITLE_END) or "。" in fl or CAPTION_RE.match(fl) or _nav(fl):
            return None
        if fl.count(",") > 2 or (len(line) <= 8 and SITE_RE.search(line)):
            return None
        if not _two_han(line) and len(_LATIN_WORD_RE.findall(line)) < 2:
            return None  # a code or a number (11220000013544357T/2022-00426), not a headline
        if _SECTION_RE.match(fl) or fl.count("；") + fl.count(";") >= 2:
            return None  # a numbered section heading (一、培养目标：) or a keyword list (a；b；c)
        head = self.split_site_suffix(i, line)
        if len(head) > _MAX_TITLE:
            return None
        return head

    def split_site_suffix(self, i: int, line: str) -> str:
        """Cut a ``-搜狐财经`` / ``_新浪网`` site suffix off a <title>-like headline."""
        seps = list(TITLE_SEP_RE.finditer(line))
        if not seps:
            return line
        # the headline printed again below: before a separator (headline - site), after one
        # (多维博客 » headline) or before a page note (headline(页 1) - forum)
        candidates = [(line[: sep.start()], line[sep.end() :]) for sep in seps]
        candidates += [(line[sep.end() :], line[: sep.start()]) for sep in seps]
        bracket = re.search(r"[(（]", line)
        if bracket:
            candidates.append((line[: bracket.start()], line[bracket.start() :]))
        for head, rest in candidates:
            head = head.strip()
            j = self._repeat_of(i, head) if len(head) >= 4 else -1
            if j >= 0:
                self.removed.setdefault(j, "title")
                self.after_title = j
                self._suffix_site(rest)
                return head
        for sep in seps:
            head, tail = line[: sep.start()].strip(), line[sep.end() :]
            parts = [p for p in TITLE_SEP_RE.split(tail) if p]
            if len(head) >= 4 and parts and (SITE_RE.search(parts[-1]) or ASCII_SITE_RE.search(parts[-1])):
                if all(len(p) <= 12 or p.isascii() for p in parts[:-1]):
                    self._suffix_site(tail)
                    return head
        return line

    def _repeat_of(self, i: int, head: str) -> int:
        """The first of the 79 lines after line ``i`` that is ``head`` once stripped, or -1.

        ``str.find`` finds where ``head`` occurs in those lines (a stripped line equal to it
        holds it), so only those lines are looked at, not all 79."""
        n = len(self.lines)
        if i + 1 >= n:
            return -1
        end = self.lines[min(n, i + 80) - 1][1]
        pos = self.text.find(head, self.lines[i + 1][0], end)
        while pos >= 0:
            j = self._line_at(pos)
            if self.strs[j].strip() == head:
                return j
            pos = self.text.find(head, self.lines[j][1], end)  # head holds no \n: next line on
        return -1

    def _suffix_site(self, tail: str) -> None:
        parts = [p.strip() for p in TITLE_SEP_RE.split(tail) if p.strip()]
        sites = [p for p in parts if SITE_RE.search(p) and not p.isascii() and len(p) <= 12]
        if sites:
            self.put("site", sites[-1])

    # -- the passes ------------------------------------------------------------------------
    def run(self) -> None:
        body_start = self.top()
        self.bylines(body_start)
        self.anywhere(body_start)

    def top(self) -> int:
        """Title, header lines and a lead byline at the top. Returns the first body line index.

        A headline is taken only with evidence that this is a page header: a header line
        (date, source, author …) or a byline below it, menu or caption lines under it, a site
        suffix (``标题_某某网``), or the headline repeated further down.
        Without that, a short first line is body text (a subheading, a one-line lead), and a
        second run over cleaned text finds no new title: cleaning stays idempotent.
        """
        seen = 0
        pending: tuple[int, str] | None = None  # a headline waiting for header evidence

        def accept() -> None:
            if pending is not None and "title" not in self.md:
                self.put("title", pending[1])
                self.removed[pending[0]] = "title"
                if self.after_title < 0:
                    self.after_title = pending[0]

        strs = self.strs
        for i, (s, e) in enumerate(self.lines):
            if not strs[i].strip() or i in self.removed:  # blank(i), inlined: a loop over lines
                continue
            seen += 1
            if seen > _TOP_LINES:
                return pending[0] if pending is not None and "title" not in self.md else i
            kind = self.try_header_line(i, allow_rest=True)
            if kind == "line":
                accept()
                continue
            if kind == "rest":
                accept()
                return i
            if _lead_byline(self.folded, s, e) or LINE_BYLINE_RE.match(self.folded, s, e):
                accept()
                return i
            if pending is not None and "title" not in self.md and _furniture(self.folded[s:e]):
                accept()  # menus or captions under the headline: a page dump's header
                continue
            if pending is None and "title" not in self.md and "published" not in self.md:
                removed_before = len(self.removed)
                title = self.title_of(i)
                if title is not None:
                    pending = (i, title)
                    if len(self.removed) > removed_before or title != self.line(i).strip():
                        accept()  # the headline is repeated below, or carries a site suffix
                    continue
                if _furniture(self.folded[s:e]):
                    continue  # a caption, menu or site name before the headline
            if pending is not None and "title" not in self.md:
                if self._furniture_ahead(i):
                    accept()
                    return i
                return pending[0]  # no header evidence: the "headline" is the first body line
            return i
        return pending[0] if pending is not None and "title" not in self.md else len(self.lines)

    def _furniture_ahead(self, i: int, lines: int = 3) -> bool:
        """Whether one of the next few non-blank lines after ``i`` is a menu, caption or other
        short page furniture (looked at, not consumed)."""
        seen = 0
        for j in range(i + 1, len(self.lines)):
            if self.blank(j):
                continue
            s, e = self.lines[j]
            if _furniture(self.folded[s:e]):
                return True
            seen += 1
            if seen >= lines:
                return False
        return False

    def bylines(self, body_start: int) -> None:
        """Lead bylines in the first body paragraphs; tail bylines at paragraph ends."""
        f = self.folded
        checked, strs = 0, self.strs
        for i in range(body_start, len(self.lines)):
            if i in self.removed or not strs[i].strip():  # blank(i), inlined
                continue
            s, e = self.lines[i]
            if self.inline and any(a <= s < b for a, b, _ in self.inline):
                s = max(b for a, b, _ in self.inline if a <= s < b)
            checked += 1
            if checked > 4:
                break
            m = _lead_byline(f, s, e)
            if m:
                body = m.span("body")
                self.put_byline(parse_byline(self.text[body[0] : body[1]], f[body[0] : body[1]]))
                self.cut(i, m.start(), m.end(), "byline")
                break
        # one scan of the text per pattern (not one search per line); a tail byline wins over a
        # line byline on the same line, and lines are handled in order
        start = self.lines[body_start][0] if body_start < len(self.lines) else len(f)
        found: dict[int, re.Match[str]] = {}
        for hint in TAIL_HINT_RE.finditer(f, start):  # lines ending in a bracket
            i = self._line_at(hint.start())
            s, e = self.lines[i]
            # a tail byline holds no bracket and is followed by none: it opens at the line's
            # last "(", after the spaces before it (where its leftmost match starts), so the
            # search starts there instead of reading the paragraph before it
            q = f.rfind("(", s, e)
            if q < 0:
                continue
            while q > s and f[q - 1] in " \t":
                q -= 1
            m = TAIL_BYLINE_RE.search(f, q, e)
            if m is None or (m["body"] is not None and PHOTO_CREDIT_RE.search(m["body"])):
                continue  # a photo credit in a caption, (记者李容萍摄): part of the caption
            found.setdefault(i, m)
        for i in self._lines_with(_LINE_HINTS, start):  # lines with a reporter's role word
            if i not in found:
                m = LINE_BYLINE_RE.match(f, self.lines[i][0], self.lines[i][1])
                if m:
                    found[i] = m
        for i in sorted(found):
            m = found[i]
            if i in self.removed:
                continue
            if m.re is TAIL_BYLINE_RE:
                if m["body"] is not None:
                    span = m.span("body")
                    self.put_byline(parse_byline(self.text[span[0] : span[1]], f[span[0] : span[1]]))
                else:
                    names = split_names(self.text[m.start("names") : m.end("names")])
                    if len(names) < 2 and m["place"] is None:
                        continue  # （新华社）, （完）: one bare word is no byline
                    self.put("authors", names)
                self.cut(i, m.start(), m.end(), "byline")
            elif not NOT_LINE_BYLINE_RE.search(m["body"]):
                span = m.span("body")
                self.put_byline(parse_byline(self.text[span[0] : span[1]], f[span[0] : span[1]]))
                self.removed[i] = "byline"

    def cut(self, i: int, start: int, end: int, kind: str) -> None:
        """Remove ``[start, end)`` from line ``i`` (the whole line if nothing else is left)."""
        s, e = self.lines[i]
        if not (self.text[s:start] + self.text[end:e]).strip():
            self.removed[i] = kind
        else:
            self.inline.append((start, end, kind))

    def below_headline(self) -> None:
        """Header lines right under the headline (or its repeat in a web dump): dates without
        labels too, and a line of nothing but names (赵延东、风笑天)."""
        seen = 0
        for i in range(self.after_title + 1, len(self.lines)):
            if i in self.removed or self.blank(i):
                continue
            seen += 1
            if seen > 4:
                break
            self.try_header_line(i, allow_rest=False)

    def name_line(self) -> None:
        """A line of nothing but 1-3 short Han names right under the headline: the authors.

        Tried last, and only when no byline named anyone: a short word under a headline can
        also be the site (紫牛), so a real byline elsewhere wins."""
        if self.after_title < 0 or self.md.get("authors"):
            return
        i = next((j for j in range(self.after_title + 1, len(self.lines)) if not self.blank(j)), -1)
        if i < 0 or i in self.removed:
            return
        line = self.line(i).strip()
        if NAMES_LINE_RE.fullmatch(line) and not NOT_NAME_RE.search(line):
            self.put("authors", split_names(line))
            self.removed[i] = "byline"

    def label_then_value(self, i: int) -> None:
        """A people label line the header parser could not read: ``作者： 周思博 (Joel Spolsky)``,
        or ``作者：`` alone with the name on the next non-empty line (web dumps)."""
        m = EMPTY_LABEL_RE.match(self.folded, *self.lines[i])
        if not m:
            m = PEOPLE_LINE_RE.match(self.folded, *self.lines[i])
            if m:  # 作者： 周思博 (Joel Spolsky): the whole line is the value
                self.put_person(m["label"], m)
                self.removed[i] = "byline"
            return
        for j in range(i + 1, min(i + 3, len(self.lines))):
            if self.blank(j):
                continue
            v = NEXT_VALUE_RE.match(self.folded, *self.lines[j])
            if v and (v["aff"] is None or len(self.line(j).strip()) <= 60):
                self.put_person(m["label"], v)
                self.removed[i] = self.removed[j] = "byline"
            return

    def put_person(self, label: str, m: re.Match[str]) -> None:
        """The value of a people label (group ``v``) and its affiliation (``aff``) if any."""
        key = _FIELD_KEYS[label]
        self.put_value(key, self.text[m.start("v") : m.end("v")])
        if m["aff"] is not None and key == "authors" and self.md.get("authors"):
            org = re.split(r"[,，;；]", self.text[m.start("aff") : m.end("aff")])[0].strip()
            if org and len(org) <= 20:
                self.put("organization", org)

    def anywhere(self, body_start: int) -> None:
        """Lines made only of fields, repost lines and the footer site, anywhere in the text."""
        f = self.folded
        if self.after_title >= 0:
            self.below_headline()
        last = -1
        for hint in _REPOST_HINT_RE.finditer(f):  # every REPOST_RE match holds one
            i = self._line_at(hint.start())
            if i == last:
                continue  # lines are tried once, in order
            last = i
            m = REPOST_RE.match(f, *self.lines[i])
            if m is not None and i not in self.removed:
                self.put_value("reposted_from", self.text[m.start("v") : m.end("v")])
                self.removed[i] = "reposted-from"
        start = self.lines[body_start][0] if body_start < len(self.lines) else len(f)
        candidates = self._label_lines(start)
        # WEN_RE needs a "/": most texts have none, and ``in`` (memchr) is ~4x cheaper than its scan
        for m in WEN_RE.finditer(f, start) if "/" in f else ():
            i = self._line_at(m.start())
            if not f[self.lines[i][0] : m.start()].strip():  # 文／ starts the line
                candidates.add(i)
        for i in sorted(candidates):
            if i in self.removed:
                continue
            s, e = self.lines[i]
            if e - s <= _MAX_HEADER_LINE and not self.try_header_line(i, allow_rest=False):
                self.label_then_value(i)
        # footer_site_re starts with the word 版权所有: no match starts before the word's first
        # occurrence, found at memchr speed (see _find_word) instead of by the regex scan (~10x slower)
        footer = _find_word(f, "版权所有", 0)
        for m in footer_site_re().finditer(f, footer) if footer >= 0 else ():
            value = self.text[m.start("v") : m.end("v")]
            if value and value.lower() not in ("copyright", "all") and not value.startswith("保留"):
                self.put("site", value)
                break
        self.signature()
        if "published" not in self.md:
            self.date_fallback()
        self.name_line()
        self.repeat_name_line()
        self.profile_box()

    def _label_lines(self, start: int) -> set[int]:
        """The lines where ``HAS_LABEL_RE.finditer(folded, start)`` finds a match.

        Found from the colons (a str.find: memchr speed) instead of a scan of the alternation
        (~3x slower): a match is a label, whitespace and a colon, so it ends at a colon, and its
        label ends where the whitespace before that colon begins (labels hold neither colons
        nor whitespace, so no match can hide another's label). ``\\s`` is ``str.isspace``.
        Only colons after a label's last character or a whitespace can pass the test below
        (_LABEL_COLON_RE finds them: the others are skipped in C)."""
        f, found = self.folded, set()
        for hit in _LABEL_COLON_RE.finditer(f, start):
            k = hit.start()  # the colon
            while k > start and f[k - 1].isspace():
                k -= 1
            if (
                k > start
                and f[k - 1] in _LABEL_LAST_CHARS
                and _LABEL_BEFORE_RE.search(f, max(start, k - _LONGEST_LABEL), k)
            ):
                found.add(self._line_at(k - 1))
        return found

    def signature(self) -> None:
        """The first blog or forum post signature (``by duscha``, ``由海姑娘张贴 @ 2005-06-14``): its
        poster is the author and its date the publication time, unless the header gave them.
        The signature line leaves the body; later ones (replies) are left alone."""
        # The rule: look at the lines holding a hint word (SIGNATURE_HINT_RE), at most 50 of them,
        # in order; take the first short one that reads as a signature with a date. A date holds
        # a year, so only the lines with one (a much cheaper scan, shared with date_fallback) are
        # looked at, and the 50-line limit is checked on the line found.
        f = self.folded
        for i in self._year_lines():
            if i in self.removed:
                continue
            s, e = self.lines[i]
            if e - s > 100 or not SIGNATURE_HINT_RE.search(f, s, e) or _PROSE_RE.search(f, s, e):
                continue
            m = signature_re().search(f[s:e])
            date = find_datetime(f, s, e) if m else None
            if m is None or date is None:
                continue
            group = next(g for g in ("n", "n2", "n3") if m[g] is not None)
            name = self.text[s + m.start(group) : s + m.end(group)]
            if name in PLACEHOLDERS or name in ("本文", "本站", "本网") or DOMAIN_RE.fullmatch(name):
                continue
            if self._hint_lines_before(i) >= 50:
                return  # the rule looks at 50 hint lines only: this one is past them
            if not self.md.get("authors"):
                self.put("authors", [name])
            self.put("published", date[0])
            self.removed[i] = "byline"
            return

    def _hint_lines_before(self, i: int) -> int:
        """How many lines before line ``i`` that are not removed hold a signature hint (up to 50)."""
        f, seen = self.folded, 0
        hint = SIGNATURE_HINT_RE.search(f, 0, self.lines[i][0])
        while hint is not None and seen < 50:
            j = self._line_at(hint.start())
            seen += j not in self.removed
            hint = SIGNATURE_HINT_RE.search(f, self.lines[j][1] + 1, self.lines[i][0])
        return seen

    def _year_lines(self) -> list[int]:
        """The lines holding a year (19xx, 20xx), as every date has one: computed once."""
        if self._years is None:
            self._years = list(self._lines_matching(*_YEAR_RES))
        return self._years

    def repeat_name_line(self) -> None:
        """A line of 1-3 short names under a line that repeats a headline printed above it
        (a web dump's <title> line, or ``茉莉：我是怎样卷入八九民运的`` then ``我是怎样卷入八九民运的``),
        followed by the body: the authors, when nothing else named them.

        Looked for among the first 60 lines. Only a names line can be the answer, so those
        are found by one scan, and the lines above them are read only for them."""
        if self.md.get("authors"):
            return
        n = min(len(self.lines), 60)
        top_end = self.lines[n - 1][1]
        f = self.folded
        names = [0] if _NAMES_FIRST_RE.match(f, 0, top_end) else []
        names += [self._line_at(m.end()) for m in _NAMES_LINE_NL_RE.finditer(f, 0, top_end)]
        if not names:
            return
        # the rule needs one of them to be a names line padded with spaces and tabs only (no
        # other white space): NAMES_LINE_RE fits a line so padded iff it fits the line stripped
        # of them (a names line starts and ends with a Han character)
        lines = map(self.lines.__getitem__, names)
        if not any(NAMES_LINE_RE.fullmatch(f[s:e].strip(" \t")) for s, e in lines):
            return
        for i in names:
            s, e = self.lines[i]
            fl = f[s:e].strip()
            if i in self.removed or NOT_NAME_RE.search(fl):
                continue
            j = next((k for k in range(i - 1, -1, -1) if not self.blank(k)), -1)
            if j < 0 or not self._repeats(j):
                continue
            nxt = next((k for k in range(i + 1, len(self.lines)) if not self.blank(k)), -1)
            if nxt >= 0 and len(self.line(nxt).strip()) >= 30:
                self.put("authors", split_names(self.line(i)))
                self.removed[i] = "byline"
            return

    def _repeats(self, j: int) -> bool:
        """Whether non-blank line ``j`` (stripped, folded, 6 characters or more) is a line above
        it (of at most 160 characters) or a piece of one split at a title separator."""
        f = self.folded
        s, e = self.lines[j]
        fl = f[s:e].strip()
        if len(fl) < 6 or f.find(fl, 0, s) < 0:
            return False  # a piece of a line above is in the text above: exact and cheap
        pieces: set[str] = set()
        for k in range(j):
            if self.blank(k):
                continue
            fk = f[self.lines[k][0] : self.lines[k][1]].strip()
            if len(fk) <= 2 * _MAX_TITLE:
                pieces.add(fk)
                pieces.update(p for p in REPEAT_SPLIT_RE.split(fk) if len(p) >= 6)
        return fl in pieces

    def profile_box(self) -> None:
        """A blog's profile box: the name on the line above ``[作者简介]``, or ``作者简介：张三，…``;
        the author when nothing else named one."""
        f = self.folded
        if self.md.get("authors") or not _has_profile_word(f):  # profile_re needs one of them
            return
        for m in profile_re().finditer(self.folded):
            i = self._line_at(m.start())
            if m["n"] is not None:
                self.put("authors", [self.text[m.start("n") : m.end("n")]])
                return
            j = next((k for k in range(i - 1, max(i - 4, -1), -1) if not self.blank(k)), -1)
            if j < 0 or j in self.removed:
                continue
            name = self.line(j).strip()
            if handle_re().fullmatch(name) and not NOT_NAME_RE.search(name) and name not in PLACEHOLDERS:
                self.put("authors", [name])
                self.removed[j] = "byline"
                return

    #: Sentence punctuation beside a date: the line is prose, not a dateline.
    _DATE_REST_PROSE_RE = re.compile(r"[。,，!?]")

    def date_fallback(self) -> None:
        """No header date: take the first short line that is mostly a date (web-page dumps).

        Failing that, a closing citation of a monthly (``——《北京之春》1996年6月号``) or a journal's
        issue line (``Vol. 8 No. 2 (May 2018)``) gives the month.
        """
        # only a line holding a year (19xx, 20xx) can hold a date: visit those lines in order
        f = self.folded
        for i in self._year_lines():
            s, e = self.lines[i]
            if i in self.removed or e - s > 60:
                continue
            found = find_datetime(self.folded, s, e)
            if not found:
                continue
            rest = (self.folded[s : found[1]] + self.folded[found[2] : e]).strip()
            if find_datetime(self.folded, found[2], e):
                continue  # a range (12/01/2004 - 01/01/2005): an archive link, not a publication time
            if len(rest) <= 30 and not self._DATE_REST_PROSE_RE.search(rest):
                self.put("published", found[0])
                return
        # both need a literal word: 月号, and Vol in any case (whose search is much cheaper than
        # the ^-anchored pattern's)
        has_issue = "《" in f and _find_word(f, "月号", 0, 1) >= 0  # 号 is the rarer character
        for m in issue_re().finditer(f) if has_issue else ():
            if int(m["m"]) <= 12:
                self.put("published", f"{m['y']}-{int(m['m']):02d}")
                self.put("source", self.text[m.start("src") : m.end("src")])
                return
        has_vol = (_VOL_WORD_RES[0].search(f) or _VOL_WORD_RES[1].search(f)) and (
            _VOL_FIRST_RE.match(f) or _VOL_LINE_RE.search(f)
        )
        issue = journal_issue_re().search(f) if has_vol else None
        if issue:
            self.put("published", f"{issue['y']}-{_MONTHS.index(issue['mon'].lower()) + 1:02d}")

    def _lines_with(self, needles: tuple[tuple[str, int], ...], start: int = 0) -> list[int]:
        """The lines (in order) holding one of ``needles`` (word, anchor offset: see
        :func:`_find_word`) at or after offset ``start`` of the folded text: one-character
        finds run at memchr speed, a regex alternation at ~10 ns a character."""
        f, found = self.folded, set()
        for word, anchor in needles:
            pos = _find_word(f, word, start, anchor)
            while pos >= 0:
                i = self._line_at(pos)
                found.add(i)
                pos = _find_word(f, word, self.lines[i][1], anchor)  # the next line that holds it
        return sorted(found)

    def _lines_matching(self, p: re.Pattern[str], q: re.Pattern[str]) -> Iterator[int]:
        """The lines (in order) where ``p`` or ``q`` (neither spanning lines) matches.

        Each is searched for its next match; after the earlier of the two, the searches resume
        at the start of the next line (no work on further matches in the same line)."""
        f, lines = self.folded, self.lines
        a, b = p.search(f), q.search(f)
        while a is not None or b is not None:
            if b is None or (a is not None and a.start() < b.start()):
                i = self._line_at(a.start())  # type: ignore[union-attr]
            else:
                i = self._line_at(b.start())
            yield i
            resume = lines[i][1] + 1
            if a is not None and a.start() < resume:
                a = p.search(f, resume)
            if b is not None and b.start() < resume:
                b = q.search(f, resume)

    def _line_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    # -- output ----------------------------------------------------------------------------
    def edits(self) -> list[tuple[int, int, str]]:
        """All removals as sorted, non-overlapping (start, end, kind) spans of the text."""
        spans: list[tuple[int, int, str]] = []
        n, blank, removed = len(self.lines), self.blank, self.removed
        done = 0  # lines before this one are handled (kept, removed or swallowed)
        for i in sorted(removed):
            if i < done:
                continue
            s, e = self.lines[i]
            # the kept text so far ends with a blank line (or is empty): the last line kept
            # before i is blank (a swallowed line is blank too, so it needs no special case)
            k = i - 1
            while k >= 0 and k in removed:
                k -= 1
            prev_blank = k < 0 or blank(k)
            end = e + 1 if i + 1 < n else e
            j = i + 1
            if prev_blank:  # swallow the blank lines that would follow a blank line
                while j < n and j not in removed and blank(j):
                    end = self.lines[j][1] + 1 if j + 1 < n else self.lines[j][1]
                    j += 1
            if i + 1 >= n and s > 0:  # last line: take its newline from before
                s -= 1
            spans.append((s, min(end, len(self.text)), removed[i]))
            done = j
        spans.extend(self.inline)
        spans.sort()
        out: list[tuple[int, int, str]] = []
        for span in spans:
            if out and span[0] < out[-1][1]:
                continue
            out.append(span)
        return out


def _parse(text: str, log: ChangeLog | None) -> tuple[dict[str, Any], str]:
    parser = _Parser(text)
    parser.run()
    pieces, pos = [], 0
    for start, end, kind in parser.edits():
        pieces.append(text[pos:start])
        if log is not None:
            log.add(kind, text[start:end], "", start)
        pos = end
    pieces.append(text[pos:])
    return parser.md, "".join(pieces)


def parse_metadata(text: str) -> tuple[dict[str, Any], str]:
    """Read title, time, source, site, people and repost source; return ``(metadata, body)``.

    Keys found are set (``title``, ``published`` in ISO 8601, ``source``, ``site``, ``authors``,
    ``editors``, ``reposted_from``, ``organization``, ``correspondents``); a key whose value is
    unknown (来源：未知) is None. The body has the title, header, byline and repost text removed.

    >>> md, body = parse_metadata("奔跑开局 连云港\\n时间：2023-03-21来源：未知 作者：acetouzi 点击： 次上个月去郑州")
    >>> md["title"], md["published"], md["source"], md["authors"], body
    ('奔跑开局 连云港', '2023-03-21', None, ['acetouzi'], '上个月去郑州')
    >>> parse_metadata("2024年1月9日，刚从北京归来的邹岩说。")
    ({}, '2024年1月9日，刚从北京归来的邹岩说。')
    """
    return _parse(text, None)


def extract_metadata(doc: Document, config: CleanConfig, log: ChangeLog) -> None:
    """Filter step ``meta``: fill ``doc.metadata`` and take header and byline text out of ``doc.text``.

    Keys already in ``doc.metadata`` (e.g. given in a JSONL input record) are kept; found keys
    fill the others. Every removal is logged with its kind (``title``, ``header``, ``byline``,
    ``reposted-from``).

    >>> from newsclean.audit import ChangeLog
    >>> from newsclean.document import Document
    >>> doc = Document("一批重点项目将集中签约\\n\\n2018-08-27 10:02:56 | 来源：辽宁日报\\n\\n峰会将在沈阳举行。")
    >>> extract_metadata(doc, None, ChangeLog("meta"))  # type: ignore[arg-type]
    >>> doc.metadata["published"], doc.metadata["source"], doc.text
    ('2018-08-27T10:02:56', '辽宁日报', '峰会将在沈阳举行。')
    """
    md, body = _parse(doc.text, log)
    for key, value in md.items():
        if doc.metadata.get(key) in (None, [], ""):
            doc.metadata[key] = value
    doc.text = body
