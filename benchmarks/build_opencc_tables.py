"""Write newsclean/data/opencc_tables.json: the tables newsclean derives from OpenCC, precomputed.

    python benchmarks/build_opencc_tables.py

Script detection needs the traditional-only and simplified-only characters, and conversion the
characters each configuration outputs but would change again; deriving them converts every Han
character with OpenCC, ~0.3 s at the start of every process (every -j worker, every one-line
run). The file records the OpenCC version it was derived with; with any other version installed
newsclean derives the tables itself. Re-run after upgrading OpenCC (tests/filters/test_script.py
checks the file against the installed OpenCC).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import opencc  # noqa: E402

from newsclean.filters.convert import CONFIGS, _has_config, derive_unstable_outputs  # noqa: E402
from newsclean.filters.script import derive_script_tables  # noqa: E402


def build() -> dict[str, object]:
    trad, simp = derive_script_tables()
    return {
        "opencc": opencc.__version__,
        "traditional_only": "".join(sorted(trad)),
        "simplified_only": "".join(sorted(simp)),
        "unstable": {c: "".join(sorted(derive_unstable_outputs(c))) for c in CONFIGS if _has_config(c)},
    }


def main() -> None:
    out = REPO / "newsclean" / "data" / "opencc_tables.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size:,} bytes, OpenCC {opencc.__version__})")


if __name__ == "__main__":
    main()
