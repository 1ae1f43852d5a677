"""Tests for newsclean.filters.normalize: CJK punctuation, width, NFC, invisible characters, layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.audit import ChangeLog
from newsclean.config import CleanConfig
from newsclean.filters.normalize import normalize_punct, normalize_text
from tests.corpus import corpus_texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # seed 000/003/004 snippets (after gloss stripping): the farm's ASCII punctuation
        ("沈陽:咬定項目不放松 快馬加鞭招商忙", "沈陽：咬定項目不放松 快馬加鞭招商忙"),
        ("拜訪企業數比計劃超出一家,而且談得非常好", "拜訪企業數比計劃超出一家，而且談得非常好"),
        ("收獲太大了!”1月9日", "收獲太大了！”1月9日"),
        ("招商、項目,為何如此之“重”?", "招商、項目，為何如此之“重”？"),
        ("好“排頭兵”,發出全力抓項目", "好“排頭兵”，發出全力抓項目"),
        ("來源:遼寧日報", "來源：遼寧日報"),
        ("中國產業經濟信息網   時間:2024-01-13", "中國產業經濟信息網   時間：2024-01-13"),
        ("征程;在中德(沈陽)高端裝備", "征程；在中德（沈陽）高端裝備"),
        ("省、市、縣(區)各級政府", "省、市、縣（區）各級政府"),
        ("發展熱潮奔涌不息。(記者 金曉玲)", "發展熱潮奔涌不息。（記者 金曉玲）"),
        ("方案(2023—2025年)》,并本著", "方案（2023—2025年）》，并本著"),
        ("他說:?!真的嗎", "他說：？！真的嗎"),  # a whole run converts, in one pass
        ("是5,而不是6", "是5，而不是6"),
        ("說,“千方百計", "說，“千方百計"),
        ("(外(中)層)", "（外（中）層）"),  # nested: inner first, then the outer pair
        ("。:’:", "。：’："),  # the second run sees the first as converted (found by hypothesis)
    ],
)
def test_ascii_punct_in_chinese_context_becomes_fullwidth(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1,000",
        "共1,000元",
        "10:02",
        "2024-01-13 10:02:56",
        "增長5.2%",
        "Hello, world!",
        "請看 http://news.163.com/a/b.html?x=1,2 或寫信 foo@bar.com",
        "世界衛生組織(WHO)今天建議",  # parentheses around pure Latin stay ASCII
        "蘋果(iPhone)新品(a)(B)(2023)",
        "Yahoo!奇摩",  # a Latin word's ! stays
        "採用iPhone,但",
        "峰會尚未開幕，準備早已開始。",
        "縣(區",  # unmatched parenthesis: no pair, no change
        "請參閱第(1)條",
    ],
)
def test_ascii_contexts_and_clean_text_stay(text: str) -> None:
    assert normalize_text(text) == text


def test_width_folding_and_keep_width() -> None:
    assert normalize_text("２０１２年ＧＤＰ增長") == "2012年GDP增長"
    assert normalize_text("２０１２年ＧＤＰ增長", CleanConfig(keep_width=True)) == "２０１２年ＧＤＰ增長"
    # fullwidth punctuation is the Chinese form: never folded
    assert normalize_text("好！（對）：是；嗎？") == "好！（對）：是；嗎？"


def test_layout_indent_blank_lines_and_line_breaks() -> None:
    raw = "\r\n\r\n  標題\r\n\r\n\r\n\r\n　　第一段。  \r\n\t第二段。\t\r\n\r\n\r\n"
    assert normalize_text(raw) == "標題\n\n第一段。\n第二段。"
    kept = normalize_text(raw, CleanConfig(keep_indent=True))
    assert kept == "  標題\n\n　　第一段。\n\t第二段。"
    assert normalize_text("第一行\r第二行\u2028第三行") == "第一行\n第二行\n第三行"


def test_invisible_characters_and_spaces() -> None:
    assert normalize_text("點連結\ufeff看\u200b「蘊泉」\x00\x1b\x85") == "點連結看「蘊泉」"
    assert normalize_text("10:02:56\u00a0\u00a0|\u00a0\u00a0來源") == "10:02:56  |  來源"
    assert normalize_text("移出\t移入") == "移出\t移入"  # a tab inside a line stays


def test_nfc_but_not_compatibility_ideographs() -> None:
    assert normalize_text("Cafe\u0301") == "Caf\u00e9"
    assert normalize_text("豈\uf900") == "豈\uf900"  # U+F900 is not swapped for U+8C48
    assert normalize_text("\uf900e\u0301") == "\uf900\u00e9"


def test_every_edit_is_logged() -> None:
    log = ChangeLog("normalize", keep=True)
    out = normalize_text("  沈陽:咬定(項目)!\r\n\r\n\r\n２０", log=log)
    assert out == "沈陽：咬定（項目）！\n\n20"
    kinds = {c.kind for c in log.changes}
    assert {"punct", "width", "indent", "newline", "blank-lines"} <= kinds
    assert sum(1 for c in log.changes if c.kind == "punct") == 3  # :  (項目)  !
    assert log.count == len(log.changes)


def test_no_log_entries_for_clean_text() -> None:
    log = ChangeLog("normalize", keep=True)
    text = "峰會尚未開幕，準備早已開始。\n\n遼寧省高度重視此次峰會。"
    assert normalize_text(text, log=log) == text
    assert log.count == 0


def test_punct_helper_alone() -> None:
    assert normalize_punct("為何如此之“重”?") == "為何如此之“重”？"
    assert normalize_punct("said “yes”, then") == "said “yes”, then"  # English curly quotes stay


# Text built from the characters that matter here: Han, ASCII and CJK punctuation, quotes,
# digits, Latin, fullwidth alnum, spaces of every sort, line breaks and invisible characters.
_EXTRA = ["２", "Ａ", "\u0301", "e", "\uf900", "\u2028", "—", "…"]
_ALPHABET = st.sampled_from(
    [*"中國的是了說(),:;?!.（）“”‘’，。：「」aZ09 \t\n\r\u3000\u00a0\u200b\ufeff\x00\x85", *_EXTRA]
)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_idempotent_on_generated_text(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_idempotent_on_arbitrary_text(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_idempotent_on_taiwan_articles(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "taiwan").glob("*.txt"))
    assert files
    for path in files:
        once = normalize_text(path.read_text(encoding="utf-8"))
        assert normalize_text(once) == once, path.name


def test_seed_header_lines(shared_dir: Path) -> None:
    raw = (shared_dir / "seeds" / "004_2d1e5925a9c68fd1.txt").read_text(encoding="utf-8")
    out = normalize_text(raw)
    assert "來源：遼寧日報" in out
    assert "10:02:56" in out
    assert "\u00a0" not in out and "\n\n\n" not in out
    assert not any(line != line.strip() for line in out.split("\n"))


def test_fullwidth_percent_and_full_stop() -> None:
    assert normalize_text("增長３．５％") == "增長3.5%"
    assert normalize_text("ｗｗｗ．ａｂｃ．ｃｏｍ") == "www.abc.com"
    assert normalize_text("成長50％，") == "成長50%，"
    # ． between Chinese characters is a name separator or a mark: it stays
    assert normalize_text("史蒂夫．賈伯斯") == "史蒂夫．賈伯斯"
    assert normalize_text("甲．乙") == "甲．乙"
    assert normalize_text("增長３．５％", CleanConfig(keep_width=True)) == "增長３．５％"
    log = ChangeLog("normalize", keep=True)
    normalize_text("３．５％", log=log)
    assert {c.kind for c in log.changes} == {"width"}
    assert sorted("".join(c.new for c in log.changes)) == sorted("35.%")


def test_idempotent_on_every_corpus_document(corpus_dir: Path) -> None:
    texts = corpus_texts(corpus_dir)
    assert len(texts) > 500
    for config in (None, CleanConfig(keep_width=True, keep_indent=True)):
        for text in texts:
            once = normalize_text(text, config)
            assert normalize_text(once, config) == once, text[:40]


_SNIPPETS: dict[Path, list[str]] = {}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_idempotent_on_text_built_from_corpus_snippets(corpus_dir: Path, data: st.DataObject) -> None:
    if corpus_dir not in _SNIPPETS:
        _SNIPPETS[corpus_dir] = [t for t in corpus_texts(corpus_dir) if t]
    pieces = data.draw(st.lists(st.sampled_from(_SNIPPETS[corpus_dir]), min_size=1, max_size=5))
    parts = []
    for piece in pieces:
        start = data.draw(st.integers(0, len(piece)))
        parts.append(piece[start : start + data.draw(st.integers(1, 30))])
        parts.append(data.draw(st.sampled_from(["", "\n", ",", "(", ")", "！", "\u3000", "２", "％", "．", " "])))
    text = "".join(parts)
    once = normalize_text(text)
    assert normalize_text(once) == once


# -- issue 7: fast paths must not hide damage ------------------------------------------------

_DAMAGED = [
    "第一行\r\n第二行\r第三行\u2028第四行",
    "控制\x00字符\x1b和\u200b零寬\ufeff",
    "2018-08-27 10:02:56\u00a0\u00a0|\u00a0\u00a0來源:遼寧日報",
    "２０１２年ＧＤＰ增長３．５％，史蒂夫．賈伯斯",
    "  標題  \n\n\n\n　　第一段。\t\n \t \n\t第二段。\u3000\n\n",
    "\n\n峰會尚未開幕，準備早已開始。\n",
    "沈陽:咬定項目,收獲太大了!”為何如此之“重”?縣(區)(外(中)層)",
    "10:02, 1,000 and Hello, world! 採用iPhone,但Yahoo!奇摩",
    "   ",
    "",
]


@pytest.mark.parametrize("text", _DAMAGED)
@pytest.mark.parametrize("config", [None, CleanConfig(keep_indent=True), CleanConfig(keep_width=True)])
def test_bulk_counts_equal_the_audit(text: str, config: CleanConfig | None) -> None:
    """Without an audit, edits are counted in bulk (subn, str.strip): same output, same counts."""
    audit, counted = ChangeLog("normalize", keep=True), ChangeLog("normalize")
    out = normalize_text(text, config, audit)
    assert normalize_text(text, config, counted) == out == normalize_text(text, config)
    assert (counted.count, counted.chars_removed, counted.chars_added) == (
        audit.count,
        audit.chars_removed,
        audit.chars_added,
    )
    assert audit.count == len(audit.changes)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("甲\u3000\n乙", "甲\n乙"),  # trailing ideographic space before a line break
        ("甲\n\t乙", "甲\n乙"),  # a tab indent after the first line
        ("\u3000甲\n乙", "甲\n乙"),  # indentation of the very first line
        ("甲 ", "甲"),  # trailing space at the very end
        ("甲\n \n\n乙", "甲\n\n乙"),  # a whitespace-only line, then a blank run
        ("\n甲\n", "甲"),
        ("甲\n\n\n乙", "甲\n\n乙"),
        ("甲,乙", "甲，乙"),
        ("a,甲", "a,甲"),
        ("1,甲", "1，甲"),
    ],
)
def test_each_layout_and_punct_gate_lets_its_case_through(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=",:;?!a1 甲。\n“”", max_size=40))
def test_punct_runs_are_the_regex_runs(text: str) -> None:
    from newsclean.filters.normalize import ASCII_PUNCT_RUN_RE, _punct_runs

    assert _punct_runs(text) == [m.span() for m in ASCII_PUNCT_RUN_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ａ１Ｚ０ｚa甲\r\n\u2028\x00\u200b\xa0\u3000\t ％．", max_size=40))
def test_counted_edits_agree_with_the_audit(text: str) -> None:
    """Steps that count their edits in bulk (no audit) count what the audit logs one by one."""
    from newsclean.filters.normalize import FULLWIDTH_STOP_RE

    counted, audited = ChangeLog("normalize"), ChangeLog("normalize", keep=True)
    assert normalize_text(text, log=counted) == normalize_text(text, log=audited)
    assert (counted.count, counted.chars_removed, counted.chars_added) == (
        audited.count,
        audited.chars_removed,
        audited.chars_added,
    )
    plain = re.compile(r"(?<=[0-9A-Za-z])．(?=[0-9A-Za-z])")  # the pattern as first written
    assert [m.span() for m in FULLWIDTH_STOP_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲a \t\u3000\n", max_size=30), st.booleans())
def test_strip_lines_is_the_regex_layout(text: str, keep_indent: bool) -> None:
    """The no-audit path (_strip_lines on any text holding a space) is the audited regex path."""
    from newsclean.filters.normalize import _normalize_layout

    audited = ChangeLog("normalize", keep=True)
    counted = ChangeLog("normalize")
    assert _normalize_layout(text, keep_indent, counted) == _normalize_layout(text, keep_indent, audited)
    assert (counted.count, counted.chars_removed) == (audited.count, audited.chars_removed)


def test_strip_lines_returns_the_text_itself_when_nothing_to_strip() -> None:
    from newsclean.filters.normalize import _strip_lines

    text = "甲 乙\n丙\t丁\n戊\u3000己"
    assert _strip_lines(text, False, None) is text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=",:;?!a1 甲。\n“”’", max_size=40))
def test_punct_decisions_are_the_context_rules(text: str) -> None:
    """The loop's shortcuts (URO Han before, ASCII on both sides) decide as _in_cjk_context does,
    and counting without an audit agrees with the audit."""
    from newsclean.filters.normalize import _FULLWIDTH_PUNCT, _in_cjk_context, _punct_runs, normalize_punct

    expected, pos, converted_end = [], 0, -1
    for start, end in _punct_runs(text):
        if _in_cjk_context(text, start, end, converted_end):
            expected += [text[pos:start], text[start:end].translate(_FULLWIDTH_PUNCT)]
            pos, converted_end = end, end
    expected.append(text[pos:])
    counted, audited = ChangeLog("normalize"), ChangeLog("normalize", keep=True)
    assert normalize_punct(text, counted) == normalize_punct(text, audited) == "".join(expected)
    assert (counted.count, counted.chars_removed, counted.chars_added) == (
        audited.count,
        audited.chars_removed,
        audited.chars_added,
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="甲a \t\u3000\n", max_size=30), st.booleans())
def test_edge_break_search_is_the_substring_tests(text: str, keep_indent: bool) -> None:
    """_EDGE_BREAK_RE / _TRAILING_BREAK_RE find what the substring tests they replaced found."""
    from newsclean.filters.normalize import _EDGE_BREAK_RE, _TRAILING_BREAK_RE

    trailing = any(f"{c}\n" in text for c in " \t\u3000")
    indented = any(f"\n{c}" in text for c in " \t\u3000")
    assert bool(_TRAILING_BREAK_RE.search(text)) == trailing
    assert bool(_EDGE_BREAK_RE.search(text)) == (trailing or indented)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="()甲a1 \n", max_size=40))
def test_counted_parens_are_the_audited_parens(text: str) -> None:
    """The no-audit parentheses step (one re.split a pass) converts and counts what the audit logs."""
    from newsclean.filters.normalize import HAN_PARENS_RE, _fullwidth_parens, normalize_punct

    counted, audited = ChangeLog("normalize"), ChangeLog("normalize", keep=True)
    assert normalize_punct(text, counted) == normalize_punct(text, audited) == normalize_punct(text)
    assert (counted.count, counted.chars_removed, counted.chars_added) == (
        audited.count,
        audited.chars_removed,
        audited.chars_added,
    )
    once = ChangeLog("normalize", keep=True)
    assert once.sub(HAN_PARENS_RE, _fullwidth_parens, text, "punct") == HAN_PARENS_RE.sub(_fullwidth_parens, text)


def test_is_cjk_is_the_class_on_every_code_point() -> None:
    """_is_cjk (interval boundaries and bisection) says what the regex class of _HAN and
    _CJK_PUNCT says, for every code point (its intervals must neither overlap nor touch)."""
    import re

    from newsclean.filters.normalize import _CJK_PUNCT, _HAN, _is_cjk

    pattern = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
    assert [c for c in range(0x110000) if _is_cjk(chr(c)) != (pattern.match(chr(c)) is not None)] == []
    assert not _is_cjk("")
