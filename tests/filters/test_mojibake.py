"""Classic mojibake families (ARTIFACTS.md §3)."""

from __future__ import annotations

import pytest

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
