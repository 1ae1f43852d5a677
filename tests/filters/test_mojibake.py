"""Classic mojibake families (ARTIFACTS.md §3)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.audit import ChangeLog
from newsclean.filters.mojibake import repair_mojibake

SIMPLIFIED = "记者今天在北京报道，会议顺利召开。"
TRADITIONAL = "峰會尚未開幕，準備早已開始，大力引進國內優秀民營企業。"


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("我们的新".encode().decode("gbk"), "我们的新"),  # 古文码 鎴戜滑鐨勬柊
        (SIMPLIFIED.encode("gbk").decode("latin-1"), SIMPLIFIED),  # 拼音码
        ("我们的新闻".encode().decode("cp1252"), "我们的新闻"),  # æˆ‘ä»¬
        ("我们的新".encode("gbk").decode("big5"), "我们的新"),  # GBK read as Big5
    ],
)
def test_families_are_repaired(damaged: str, expected: str) -> None:
    log = ChangeLog("repair", keep=True)
    assert repair_mojibake(damaged, log) == expected
    assert log.count >= 1 and log.changes[0].kind.startswith("mojibake-")
    assert repair_mojibake(expected) == expected  # idempotent


def test_mojibake_span_inside_clean_text() -> None:
    damaged = "標題：" + SIMPLIFIED.encode("gbk").decode("latin-1") + " (2024)"
    assert repair_mojibake(damaged) == "標題：" + SIMPLIFIED + " (2024)"


def test_ftfy_keeps_cjk_punctuation() -> None:
    line = "“我们”，（新闻）：完毕！"
    damaged = "我们的新闻".encode().decode("cp1252") + " " + line
    assert repair_mojibake(damaged) == "我们的新闻 " + line


@pytest.mark.parametrize(
    "text",
    [
        SIMPLIFIED,
        TRADITIONAL,
        "Müller 在 café 喝咖啡，naïve 的想法，5°C，© 2024 新華社。",
        "日本品牌「ユニクロ」在上海開店。",
        "“招商引資是經濟高質量發展的生命線。”",
        "Ça coûte très cher à Zürich.",
    ],
)
def test_genuine_text_is_left_alone(text: str) -> None:
    log = ChangeLog("repair", keep=True)
    assert repair_mojibake(text, log) == text
    assert log.count == 0


@pytest.mark.parametrize(
    "codec_way",
    ["gbk", "gb18030", "gbk-saved"],
)
def test_utf8_as_gbk_with_lost_bytes(codec_way: str) -> None:
    # an odd number of UTF-8 characters leaves a lone byte: U+FFFD (or `?` once saved as GBK)
    sentence = "记者今天在北京报道，会议顺利召开2018年"
    data = sentence.encode()
    if codec_way == "gbk-saved":
        damaged = data.decode("gbk", errors="replace").encode("gbk", errors="replace").decode("gbk")
    else:
        damaged = data.decode(codec_way, errors="replace")
    assert damaged != sentence
    out = repair_mojibake("他说：" + damaged + "。")
    assert out.startswith("他说：记者今天在北京报道，会议顺利")
    assert "鎴" not in out and "\ufffd" not in out[:-8]  # known gap: a lost byte after ASCII digits


def test_big5_read_as_gbk() -> None:
    damaged = TRADITIONAL.encode("cp950").decode("gb18030")
    log = ChangeLog("repair", keep=True)
    assert repair_mojibake(damaged, log) == TRADITIONAL
    assert log.changes[0].kind == "mojibake-big5-as-gbk"


def test_gbk_as_latin1_whole_paragraph_with_symbols() -> None:
    # ① (A2D9), an ideographic space (A1A1) and an ASCII `?` are re-read with the paragraph
    para = "①　招商引資,你追我趕,如何快人一步?"
    assert repair_mojibake(para.encode("gbk").decode("latin-1")) == para


@pytest.mark.parametrize(
    "text",
    [
        "俄文 Русский 報導",  # Cyrillic words: no Han in the run, nothing to re-read
        "忘年会（ぼうねんかい）",  # a kana word
        "反對世貿剝削──我們",  # box-drawing dashes in genuine Big5 text
        "碳烤鰈鱈魚",  # rare characters that are real words
        "鵜鶘對七六人",
    ],
)
def test_more_genuine_look_alikes_are_left_alone(text: str) -> None:
    log = ChangeLog("repair", keep=True)
    assert repair_mojibake(text, log) == text
    assert log.count == 0


def test_gbk_read_as_big5_by_python_is_reread_whole() -> None:
    # what `data.decode("big5", errors="replace")` makes of GBK bytes: one U+FFFD per lost byte,
    # the bytes after it read out of step (trail bytes 0x40-0x7E show as ASCII letters)
    line = "這是一個關於台灣經濟發展的新聞報導，記者今天在台北採訪了多位專家。"
    damaged = line.encode("gbk").decode("big5", errors="replace")
    assert "\ufffd" in damaged
    log = ChangeLog("repair", keep=True)
    out = repair_mojibake(damaged, log)
    assert log.changes and all(c.kind == "mojibake-gbk-as-big5" for c in log.changes)
    assert len(out) == len(line)
    assert sum(a == b for a, b in zip(out, line, strict=True)) >= 0.8 * len(line)
    assert repair_mojibake(out) == out


def test_nbsp_and_space_give_the_same_latin1_repair() -> None:
    # normalize turns U+00A0 into a space later: the repair must decide the same on both
    assert repair_mojibake("Ô¤Óý\xa0¸æÝÂ") == repair_mojibake("Ô¤Óý ¸æÝÂ")


_SHARE_ALPHABET = "我们的新闻產業鎴戜滑皩禹樌覀兦産酯邨㐀䶵龥豈\ufa6d\ufffdaé ？"


def test_rare_han_re_is_han_outside_the_common_sets() -> None:
    from newsclean.charsets import HAN_RE, common_han, rare_han_re

    common, rare = common_han(), rare_han_re()
    for cp in range(0x3000, 0xFB10):
        c = chr(cp)
        assert bool(rare.match(c)) == (HAN_RE.match(c) is not None and c not in common)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SHARE_ALPHABET, max_size=30))
def test_shares_by_regex_match_the_per_character_loops(text: str) -> None:
    from newsclean import charfreq
    from newsclean.charsets import HAN_RE, common_han, common_share
    from newsclean.filters.mojibake import _common_share, _known_share, _rare_han

    han = HAN_RE.findall(text)
    counts = charfreq.load_model().counts
    known = sum(1 for c in han if c in common_han() or c in counts) / len(han) if han else 1.0
    assert _common_share(text) == common_share(text)
    assert _known_share(text) == known
    assert _rare_han(text) == any(HAN_RE.match(c) for c in set(text) - common_han())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="我们的新闻招商。”“，ÃÎÒÇ¿É産酯\ue789ふa?1 ", max_size=40), st.floats(-20.0, 0.0))
def test_score_floor_bounds_score_and_clears_decides_the_same(text: str, floor: float) -> None:
    from newsclean import charfreq

    assert charfreq.score_floor(text) <= charfreq.score(text)
    assert charfreq.clears(text, floor) == (charfreq.mean_score(text) >= floor)


#: Characters that decide where the runs of CJK_RUN_RE start and end: lost bytes, the ASCII
#: bytes allowed after U+FFFD, other ASCII, spaces, U+3000, a CJK character.
RUN_ALPHABET = "a@~?\ufffd \u3000\n\t中é锟"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=RUN_ALPHABET, max_size=24))
def test_cjk_runs_match_the_reference_pattern(text: str) -> None:
    from newsclean.filters.mojibake import CJK_RUN_RE, _cjk_runs

    expected = [(m.start(), m.end()) for m in CJK_RUN_RE.finditer(text)]
    assert [(m.start(), m.end()) for m in _cjk_runs(text)] == expected


@pytest.mark.parametrize(
    "text", ["\ufffd" * 50 + "a中", "?\ufffd@?", "中\ufffd@\ufffd@中 ??", "\ufffd\ufffd~~中", "x?中"]
)
def test_cjk_runs_examples(text: str) -> None:
    from newsclean.filters.mojibake import CJK_RUN_RE, _cjk_runs

    assert [m.span() for m in _cjk_runs(text)] == [m.span() for m in CJK_RUN_RE.finditer(text)]


def test_suspect_runs_match_the_scan_of_every_run_on_random_texts() -> None:
    import random

    from newsclean.filters.mojibake import _cjk_runs, _suspect_run, _suspect_runs

    rng = random.Random(5)
    alphabet = list("的是新聞鎴戜滑鐨勬柊産酯?!()xiàngé·①ぼ│Ж 　\n,A@z~\x7f")
    alphabet += ["\ufffd"] * 4 + ["\ue000", "\U00020000"]
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        want = [m.span() for m in _cjk_runs(text) if _suspect_run(m.group(0))]
        assert [m.span() for m in _suspect_runs(text)] == want, text


def test_utf8_clue_classes_hold_ftfys() -> None:
    # the gate before ftfy (_utf8_clue_re) must see every pair ftfy's UTF8_DETECTOR_RE starts
    # with: its lead class holds ftfy's utf8_first_of_* classes, its continuation class ftfy's
    # utf8_continuation class (all over Unicode, the classes read as regex classes)
    import re

    from ftfy.chardata import UTF8_CLUES

    from newsclean.filters.mojibake import _utf8_clue_re

    everything = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    lead_body, cont_body = re.findall(r"\[(.*?[^\\])\]", _utf8_clue_re().pattern)[:2]
    for clue, body in [
        ("utf8_first_of_2", lead_body),
        ("utf8_first_of_3", lead_body),
        ("utf8_first_of_4", lead_body),
        ("utf8_continuation", cont_body),
    ]:
        theirs = set(re.findall(f"[{UTF8_CLUES[clue]}]", everything))
        ours = set(re.findall(f"[{body}]", everything))
        assert theirs and theirs <= ours, clue


def test_ftfy_leaves_han_lines_without_clues_unchanged() -> None:
    import random

    from newsclean.filters.mojibake import CP1252_PAIR_RE, _ftfy_line, _ftfy_may_change

    rng = random.Random(5)
    # Han, CJK punctuation, NBSP, pinyin letters, latin-1 and cp1252 mojibake pieces
    alphabet = [*"中国新闻，。：（）“”|·×", "\xa0", " ", "(yè)", *"àéÃ¤", "ä¸\xad", "æˆ‘", "â€œ", "\x85", "a1"]
    gated = 0
    for _ in range(3000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        if CP1252_PAIR_RE.search(line) and not _ftfy_may_change(line):
            gated += 1
            assert _ftfy_line(line) == line, line
    assert gated > 100
