"""Evaluation figures with selective parsing on and off, in one process so that both see the
same code and data (not part of the test suite; the lead runs it before quoting figures).

    .venv/bin/python bench/selection_check.py [GOLD.jsonl ...]

Default gold: ../shared/corpus/dev-gold.jsonl (when present) and examples/gold.jsonl. Exits 1
when any figure differs.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kroniek.evaluation_run import evaluate  # noqa: E402
from kroniek.factory import frog_pipeline  # noqa: E402


def main() -> None:
    golds = [Path(a) for a in sys.argv[1:]] or [
        p for p in (ROOT.parent / "shared" / "corpus" / "dev-gold.jsonl",
                    ROOT / "examples" / "gold.jsonl") if p.exists()]
    differs = False
    for gold in golds:
        on, _ = evaluate(gold, functools.partial(frog_pipeline, selective=True))
        off, _ = evaluate(gold, functools.partial(frog_pipeline, selective=False))
        same = json.dumps(on, sort_keys=True) == json.dumps(off, sort_keys=True)
        differs |= not same
        overall = on["overall"]
        print(f"{gold}: {'equal' if same else 'DIFFERENT'}; event F1 {overall['event']['f1']:.3f}, "
              f"full-match F1 {overall['full']['f1']:.3f}, mention accuracy "
              f"{overall['mention_accuracy']:.3f}")
        if not same:
            print(json.dumps({"on": on["overall"], "off": off["overall"]}, indent=1))
    sys.exit(1 if differs else 0)


if __name__ == "__main__":
    main()
