"""The registered ``repair`` step: composition, garble policies, unrepairable damage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.audit import ChangeLog
from newsclean.config import CleanConfig
from newsclean.filters.repair import repair_text

GARBLED = "抓招商。努力形成更多高質量項目群?!薄耙皇肿フ猩?、一手抓營商"
UNREPAIRABLE = "他說\ue789ふ\ue34e⑼明天見"


def test_default_repairs_and_logs() -> None:
    log = ChangeLog("repair", keep=True)
    out = repair_text(GARBLED, CleanConfig(), log)
    assert out == "抓招商。努力形成更多高質量項目群。”“一手抓招商、一手抓營商"
    assert [c.kind for c in log.changes] == ["garble-repaired"]
    assert repair_text(out) == out


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("repair", "他說明天見"), ("mark", "他說〓明天見"), ("drop", "他說明天見"), ("keep", UNREPAIRABLE)],
)
def test_policies_on_unrepairable_garble(policy: str, expected: str) -> None:
    assert repair_text(UNREPAIRABLE, CleanConfig(garble=policy)) == expected


def test_drop_policy_drops_repairable_spans_too() -> None:
    log = ChangeLog("repair", keep=True)
    out = repair_text(GARBLED, CleanConfig(garble="drop"), log)
    assert out == "抓招商。努力形成更多高質量項目群、一手抓營商"
    assert log.changes[0].kind == "garble-dropped"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("repair", "受訪者表示。"), ("mark", "受訪者表示〓〓。"), ("keep", "受訪者表示锟斤拷\ufffd\ufffd。")],
)
def test_replacement_characters(policy: str, expected: str) -> None:
    log = ChangeLog("repair", keep=True)
    assert repair_text("受訪者表示锟斤拷\ufffd\ufffd。", CleanConfig(garble=policy), log) == expected
    if policy != "keep":
        assert {c.kind for c in log.changes} == {"replacement-chars"}


def test_lone_pua_is_dropped() -> None:
    log = ChangeLog("repair", keep=True)
    assert repair_text("[ 黃宇 ]\ue5c2 來源：", None, log) == "[ 黃宇 ] 來源："
    assert log.changes[0].kind == "pua"


@pytest.mark.parametrize(
    "text",
    [
        "2018中國民營企業500強峰會將於8月29日至31日在瀋陽舉行，根據本地産業優勢。",
        "记者今天在北京报道，会议顺利召开。为何如此?",
        "Müller 在 café 喝咖啡，5°C。",
    ],
)
def test_clean_text_unchanged(text: str) -> None:
    log = ChangeLog("repair")
    assert repair_text(text, None, log) == text
    assert log.count == 0


def test_replaying_the_log_gives_the_output() -> None:
    log = ChangeLog("repair", keep=True)
    text = "項目群?!薄耙皇肿フ猩?、一手抓營商,來見面的?!眲⒌ふf,“千方百計"
    out = repair_text(text, None, log)
    replay = text
    for c in reversed(log.changes):
        assert replay[c.start : c.start + len(c.old)] == c.old
        replay = replay[: c.start] + c.new + replay[c.start + len(c.old) :]
    assert replay == out


def test_no_false_repairs_on_genuine_corpus(corpus_dir: Path) -> None:
    paths = sorted((corpus_dir / "taiwan").glob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        log = ChangeLog("repair", keep=True)
        repair_text(text, None, log)
        assert log.count == 0, (path.name, log.changes[:3])


@pytest.mark.parametrize(
    "damaged",
    [
        "我们的新闻".encode().decode("gbk", errors="replace"),  # 古文码
        "记者今天在北京报道".encode("gbk").decode("latin-1"),  # 拼音码
        "我们的新闻".encode().decode("cp1252"),  # UTF-8 as cp1252
        "峰會尚未開幕，準備早已開始".encode("cp950").decode("gb18030"),  # Big5 as GBK
        "來見面的?!眲⒌ふf,“千方百計",  # misaligned GBK
        "受訪者表示锟斤拷。",
        "他說\ue789明天見",
    ],
)
def test_the_fast_path_gate_lets_damage_through(damaged: str) -> None:
    from newsclean.filters.repair import _hot_lines

    text = "第一行正常的新聞。\n" + damaged + "\n最後一行。"
    spans = _hot_lines(text)
    assert spans and text[spans[0][0] : spans[0][1]] == damaged


@pytest.mark.parametrize(
    "text",
    ["反對世貿剝削──我們", "忘年会（ぼうねんかい）", "碳烤鰈鱈魚", "鵜鶘對七六人", "龍の客棧", "café"],
)
def test_the_gate_skips_genuine_look_alikes(text: str) -> None:
    from newsclean.filters.repair import _hot_lines

    assert _hot_lines(text) == []
    assert repair_text(text) == text


def test_no_ascii_letters_made_out_of_han_text() -> None:
    # `赪螈該` was "repaired" to `W螈该` on a second pass: a re-read never turns Han into letters
    text = "崗赪螈該纗冠翥蕤鯀久蜂"
    assert repair_text(text) == text


def test_lone_surrogate_does_not_crash() -> None:
    assert repair_text("\ud800皩禹樌") == "\ud800皩禹樌"


def test_second_pass_changes_nothing_on_a_garbled_tail() -> None:
    # a junk prefix (halfwidth katakana: not GBK) used to hide the garble span after it
    text = "ﾊＳＡｻｖ?!皩\ue789禹樌\ue34e⑼七M(jìn)“ｐｙ"
    once = repair_text(text)
    assert "皩" not in once
    assert repair_text(once) == once


def _fragment_text() -> st.SearchStrategy[str]:
    from tests.fuzzing import FRAGMENTS

    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_fragment_text())
def test_repair_is_idempotent(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once


def _repair_without_memo(text: str, policy: str, log: ChangeLog) -> str:
    """repair_text as it was before lines were memoised between passes (a fresh memo per pass)."""
    from newsclean.filters.repair import MAX_PASSES, _repair_pass

    for _ in range(MAX_PASSES):
        new = _repair_pass(text, policy, log, set())
        if new == text:
            break
        text = new
    return text


_MULTI_PASS_DOCS = [
    f"{GARBLED}\n{UNREPAIRABLE}\n如何快人一步?\n受訪者表示锟斤拷锟斤拷。",
    "ﾊＳＡｻｖ?!皩\ue789禹樌\ue34e⑼七M(jìn)“ｐｙ\n峰會尚未開幕，準備早已開始，根據本地産業優勢。\nÎÒÃÇ的\ufffd\ufffd招?",
    f"{UNREPAIRABLE}\n{UNREPAIRABLE}\n招\ufffd引資\n{GARBLED}",
]


@pytest.mark.parametrize("policy", ["repair", "mark", "drop", "keep"])
@pytest.mark.parametrize("text", _MULTI_PASS_DOCS)
def test_lines_settled_in_a_pass_are_skipped_exactly(policy: str, text: str) -> None:
    log, ref_log = ChangeLog("repair", keep=True), ChangeLog("repair", keep=True)
    assert repair_text(text, CleanConfig(garble=policy), log) == _repair_without_memo(text, policy, ref_log)
    assert log.changes == ref_log.changes


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_fragment_text(), min_size=1, max_size=4).map("\n".join), st.sampled_from(["repair", "mark", "keep"]))
def test_settled_lines_memo_matches_fresh_passes(text: str, policy: str) -> None:
    log, ref_log = ChangeLog("repair", keep=True), ChangeLog("repair", keep=True)
    assert repair_text(text, CleanConfig(garble=policy), log) == _repair_without_memo(text, policy, ref_log)
    assert log.changes == ref_log.changes


def _hot_lines_reference(text: str) -> list[tuple[int, int]]:
    """The gate as it was written before the one-pattern search: one search per suspect."""
    from newsclean.filters import garble
    from newsclean.filters.repair import _benign, _suspect_re

    find = _suspect_re().search
    spans: list[tuple[int, int]] = []
    n = len(text)
    m = find(text)
    while m is not None:
        p = m.start()
        nxt = find(text, p + 1)
        ch = text[p]
        if ch == "?":
            before = text[p - 1] if p else " "
            after = text[p + 1] if p + 1 < n else " "
            hot = (
                not (before.isascii() or before.isspace())
                or not (after.isascii() or after.isspace())
                or garble.HALF_GLOSS_RE.match(text, p) is not None
            )
        elif re.match(r"[\ue000-\uf8ff\ufffd]|锟斤", text[p:]):
            hot = True
        else:
            q = -1 if nxt is None else nxt.start()
            hot = q >= 0 and q - p <= 3 and not _benign(ch, text[q], p + 1 == q)
        if not hot:
            m = nxt
            continue
        e = text.find("\n", p)
        if e < 0:
            spans.append((text.rfind("\n", 0, p) + 1, n))
            break
        spans.append((text.rfind("\n", 0, p) + 1, e))
        m = nxt if nxt is None or nxt.start() > e else find(text, e + 1)
    return spans


def test_hot_lines_match_the_reference_on_random_texts() -> None:
    import random

    from newsclean.filters.repair import _hot_lines

    rng = random.Random(7)
    # common and rare Han, suspects of every kind, pinyin letters, ASCII, spaces, line breaks
    alphabet = list("的是新聞中國鰈鱈鵜鶘産酯邨?!()xiàngzhǔnüé·°ぼうねんかいアイ①│ㄅΑжcafé 　\n\t\xa0锟斤拷")
    alphabet += ["\ue000", "\ue5c2", "\ufffd", "\u2028", "\u3400", "\uf900"]
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _hot_lines(text) == _hot_lines_reference(text), text


@pytest.mark.parametrize("policy", ["repair", "mark", "drop", "keep"])
def test_bulk_counts_match_the_audit(policy: str) -> None:
    # without an audit, unrepairable damage is counted in bulk: the same counts as edit by edit
    text = "受訪者\ufffd\ufffd表示锟斤拷锟斤拷。\n第二\ue000\ue001行锟斤，\ufffd完\n乾淨的一行\n" * 3
    counted, audited = ChangeLog("repair"), ChangeLog("repair", keep=True)
    config = CleanConfig(garble=policy)
    assert repair_text(text, config, counted) == repair_text(text, config, audited)
    assert audited.count > 0 or policy == "keep"
    assert (counted.count, counted.chars_removed, counted.chars_added) == (
        audited.count,
        audited.chars_removed,
        audited.chars_added,
    )
