"""Tests for newsclean.filters.html (strip-html, ARTIFACTS.md §5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.audit import ChangeLog, replay_changes
from newsclean.filters.html import strip_html


def run(text: str) -> tuple[str, ChangeLog]:
    log = ChangeLog("strip-html", keep=True)
    return strip_html(text, log=log), log


# (label, input, expected, kinds logged)
POSITIVE = [
    # seeds
    ("seed003-bare-rdquo", "“鏈式招商?rdquo;也被擺到", "“鏈式招商?”也被擺到", ["bare-entity"]),
    ("seed003-bare-lsquo", "轉(zhuǎn)變?yōu)?lsquo;地圖式招商’", "轉(zhuǎn)變?yōu)?‘地圖式招商’", ["bare-entity"]),
    ("seed000-bare-br", "馬不停蹄登門?!?br/>\n\n和鄒巖一樣", "馬不停蹄登門?!?\n\n和鄒巖一樣", ["tag"]),
    ("bare-after-han", "他說好rdquo;然後", "他說好”然後", ["bare-entity"]),
    ("bare-nbsp-between-han", "文nbsp;字", "文 字", ["bare-entity"]),
    ("bare-mdash", "兩岸mdash;mdash;", "兩岸——", ["bare-entity", "bare-entity"]),
    ("bare-br-between-text", "第一段br/>第二段", "第一段\n第二段", ["tag"]),
    # tags
    ("br-line-end", "中國產業經濟信息網<br/>\n時間", "中國產業經濟信息網\n時間", ["tag"]),
    ("br-between-text", "第一行<br>第二行", "第一行\n第二行", ["tag"]),
    ("br-uppercase", "第一行<BR />第二行", "第一行\n第二行", ["tag"]),
    ("p-run", "<div><p>第一段</p><p>第二段</p></div>", "第一段\n第二段", ["tag", "tag", "tag"]),
    ("p-newline-between", "第一段</p>\n<p>第二段", "第一段\n第二段", ["tag", "tag"]),
    ("inline", "這是<b>粗體</b>和<span class='x'>行內</span>", "這是粗體和行內", ["tag"] * 4),
    ("link", '請看<a href="http://x.cn/a?b=1&c=2" target="_blank">連結</a>。', "請看連結。", ["tag", "tag"]),
    ("img", '<img src="a.jpg" alt="a>b">(資料圖)', "(資料圖)", ["tag"]),
    ("comment", "正文<!-- 廣告開始 -->繼續", "正文繼續", ["tag"]),
    ("script", "正文<script type='text/javascript'>var s='<p>';</script>繼續", "正文繼續", ["tag"]),
    ("style", "<style>p { color: red }</style>正文", "正文", ["tag"]),
    ("doctype", "<!DOCTYPE html><html><body>正文</body></html>", "正文", ["tag", "tag"]),
    ("office-tag", "正文<o:p></o:p>", "正文", ["tag"]),
    ("escaped-tag", "第一行&lt;br /&gt;第二行", "第一行\n第二行", ["tag"]),
    ("escaped-tag-attr", "&lt;p class=&quot;x&quot;&gt;段落", "段落", ["tag"]),
    # entities
    ("entities-quotes", "&ldquo;熱力圖&rdquo;和&lsquo;地圖式&rsquo;", "“熱力圖”和‘地圖式’", ["entity"] * 4),
    ("entity-nbsp", "來源&nbsp;&nbsp;遼寧日報", "來源  遼寧日報", ["entity", "entity"]),
    ("entity-amp", "AT&amp;T 公司", "AT&T 公司", ["entity"]),
    ("entity-numeric", "結束&#12290;完&#x3002;", "結束。完。", ["entity", "entity"]),
    ("entity-nbsp-numeric", "甲&#160;乙", "甲 乙", ["entity"]),
    ("entity-double-escaped", "&amp;ldquo;好&amp;rdquo;", "“好”", ["entity", "entity"]),
    ("entity-mdash-hellip", "等等&hellip;&mdash;", "等等…—", ["entity", "entity"]),
    ("entity-lt-text", "若 a &lt; b", "若 a < b", ["entity"]),
]

NEGATIVE = [
    ("math-spaced", "a < b 且 1 < 2"),
    ("math-tight", "當x<y時，y>x"),
    ("heart", "愛你<3"),
    ("double-angle", "<<三国演义>>是名著"),
    ("book-title", "《书名》和〈篇名〉"),
    ("email", "來信請寄 <a@b.com> 或 <news@xinhua.org>"),
    ("one-letter-no-attr-value", "若a<b and c>d則"),
    ("unknown-tag", "<y>不是標籤</y>"),
    ("entity-no-semicolon", "網址 ?id=1&para=2&copy=3 與 &copy2024"),
    ("unknown-entity", "&foo; 與 &#xZZ;"),
    ("bare-after-latin-letter", "aquot; 與 Xrdquo;"),
    ("bare-after-space", "the quot; entity, nbsp; here"),
    ("bare-after-digit", "3quot;"),
    ("bare-at-start", "rdquo;開頭"),
    ("bare-unknown-name", "中文copy;中文"),
    ("br-word-in-english", "a bra> b"),
    ("english-semicolon", "One; two; three."),
    ("chinese-semicolon", "第一；第二;第三"),
    ("seed004-line", "2018-08-27 10:02:56  |  來源:遼寧日報  |  編輯:李靜   |  責編:董健雄"),
    ("unterminated-comment", "文字<!-- 沒有結束"),
    ("numeric-to-nothing", "&#0;&#1;&#xD800;&#x110000;"),
]


@pytest.mark.parametrize(("label", "text", "expected", "kinds"), POSITIVE, ids=[p[0] for p in POSITIVE])
def test_positive(label: str, text: str, expected: str, kinds: list[str]) -> None:
    out, log = run(text)
    assert out == expected
    assert [c.kind for c in log.changes] == kinds
    assert replay_changes(text, log.changes) == out
    assert strip_html(out) == out  # idempotent


@pytest.mark.parametrize(("label", "text"), NEGATIVE, ids=[n[0] for n in NEGATIVE])
def test_negative(label: str, text: str) -> None:
    out, log = run(text)
    assert out == text
    assert log.count == 0


def test_fast_path_returns_same_object() -> None:
    text = "峰會尚未開幕，準備早已開始。" * 50
    assert strip_html(text) is text


def test_no_log_same_output() -> None:
    text = "“鏈式招商&rdquo;也被<br/>擺到?lsquo;"
    assert strip_html(text) == strip_html(text, log=ChangeLog("x")) == "“鏈式招商”也被\n擺到?‘"


def test_large_attribute_is_bounded() -> None:
    text = "<div " + "x" * 5000 + ">正文"
    assert strip_html(text) == text  # not a tag we trust: left alone, and fast


def test_seeds(shared_dir: Path) -> None:
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in (shared_dir / "seeds").glob("00*.txt")}
    out = {k: run(v) for k, v in seeds.items()}
    assert "br/>" not in out["000"][0]
    assert "rdquo;" not in out["003"][0] and "lsquo;" not in out["003"][0]
    assert out["003"][1].count == 2 and out["000"][1].count == 1
    for key in ("001", "002", "004"):
        assert out[key][0] == seeds[key], key
    for key, (text, log) in out.items():
        assert replay_changes(seeds[key], log.changes) == text
        assert strip_html(text) == text


def test_corpus_dumps_idempotent_and_clean(corpus_dir: Path) -> None:
    paths = sorted((corpus_dir / "cwced").glob("*.dump.txt"))
    if not paths:
        pytest.skip("no cwced dumps")
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        out, log = run(text)
        assert strip_html(out) == out, path.name
        assert replay_changes(text, log.changes) == out, path.name


def test_taiwan_untouched(corpus_dir: Path) -> None:
    paths = sorted((corpus_dir / "taiwan").glob("*.txt"))
    if not paths:
        pytest.skip("no taiwan corpus")
    assert [p.name for p in paths if strip_html(t := p.read_text(encoding="utf-8")) != t] == []
