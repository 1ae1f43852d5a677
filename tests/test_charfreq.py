"""The character model loaded from charfreq.bin is the one charfreq.tsv.gz describes, exactly."""

from __future__ import annotations

import importlib.util
import struct
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from newsclean import charfreq

REPO = Path(__file__).resolve().parents[1]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_charfreq", REPO / "benchmarks" / "build_charfreq.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _reference() -> charfreq.CharModel:
    return charfreq.model_from_tsv(resources.files("newsclean.data").joinpath("charfreq.tsv.gz").read_bytes())


def _exact(d: dict[str, Any]) -> list[tuple[str, Any]]:
    """Items in order, floats by their bits (== would let 0.0 match -0.0), types kept."""
    return [(k, (type(v), struct.pack("<d", v) if isinstance(v, float) else v)) for k, v in d.items()]


def test_shipped_bin_is_what_the_builder_writes() -> None:
    # charfreq.bin is derived from charfreq.tsv.gz (and charfreq.py's formulas): rebuild it
    # with `python benchmarks/build_charfreq.py --bin` after changing either.
    tsv = (REPO / "newsclean" / "data" / "charfreq.tsv.gz").read_bytes()
    shipped = (REPO / "newsclean" / "data" / charfreq.TABLES_FILE).read_bytes()
    assert _builder().bin_tables(tsv) == shipped


def test_model_is_the_tsv_model() -> None:
    model, ref = charfreq.load_model(), _reference()
    for field in ("logp", "counts", "bigrams", "readings", "by_reading"):
        assert _exact(getattr(model, field)) == _exact(getattr(ref, field)), field
    assert len(model.counts) > 10_000 and len(model.bigrams) == 120_000
    assert model.bigrams is model.bigrams  # built once


def test_pair_table_is_the_computed_one() -> None:
    # what _pair_table computed before the bonuses were stored
    ref = _reference()
    table = {}
    for pair in (*ref.bigrams, *charfreq._PUNCT_PAIRS):
        bonus = charfreq._pair_bonus(pair[0], pair[1:], ref)
        if bonus:
            table[pair] = bonus
    assert _exact(charfreq._pair_table()) == _exact(table)
    assert charfreq.pair_bonus("招", "商") == table["招商"] > 3
    assert charfreq.pair_bonus("。", "”") == 5.0
    assert charfreq._latin1_whole() == (not any(max(pair) < "\u0100" for pair in table))


def test_neighbours_are_those_of_the_bigrams_and_punctuation_pairs() -> None:
    succ: dict[str, str] = {}
    pred: dict[str, str] = {}
    for pair in (*_reference().bigrams, *charfreq.PUNCT_PAIRS):
        succ[pair[0]] = succ.get(pair[0], "") + pair[1]
        pred[pair[1]] = pred.get(pair[1], "") + pair[0]
    got = charfreq.neighbours()
    assert list(got[0].items()) == list(succ.items())
    assert list(got[1].items()) == list(pred.items())


def test_garble_lifts_candidates_by_the_shipped_neighbours() -> None:
    from newsclean.filters import garble

    succ, pred = garble._neighbours()
    assert (succ, pred) == charfreq.neighbours()
    # the candidates a neighbour can lift: 招 is followed by 商 in the model, 猩 by nothing odd
    assert "商" in succ["招"] and "招" in pred["商"]
    assert garble._neighbours()[0] is succ  # built once per process


def test_starts_han_is_the_han_class() -> None:
    import re

    han = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
    for code in [*range(0x10000), 0x20000, 0x10FFFF]:
        ch = chr(code)
        assert charfreq._starts_han(ch) == bool(han.match(ch)), hex(code)
        assert charfreq._starts_han(ch + "a") == bool(han.match(ch + "a")), hex(code)
    assert not charfreq._starts_han("")
