"""Character classes built from sets of code points match exactly those code points."""

from __future__ import annotations

import random
import re

from newsclean.charsets import class_body, rare_han_re


def test_class_body_matches_exactly_its_code_points() -> None:
    rng = random.Random(5)
    # the characters that mean something inside a class, white space, surrogates, astral ones
    special = [ord(c) for c in "]\\^-[ \t\n"] + [0x3000, 0x2028, 0xD800, 0xDFFF, 0x1F600, 0x10FFFF]
    probe = sorted({*range(0x80), *special, *range(0x3400, 0x3500), *range(0xE000, 0xE100), 0xFFFD})
    for _ in range(200):
        chosen = sorted({c for c in probe if rng.random() < 0.3} | set(rng.sample(special, 3)))
        pattern = re.compile("[" + class_body(chosen) + "]")
        members = set(chosen)
        assert [c for c in probe if pattern.fullmatch(chr(c))] == [c for c in probe if c in members]


def test_rare_han_class_is_written_with_literal_characters() -> None:
    # thousands of ranges: literal characters parse about four times faster than \\u escapes
    body = rare_han_re().pattern[1:-1]
    assert "\\u" not in body and len(body) < 15_000
    assert rare_han_re().match("\u4e02") and not rare_han_re().match("的")
