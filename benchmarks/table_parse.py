"""Where parsing and compiling a large inline table spends its time, and the alternatives tried.

Generates the 300 x 300 transportation LP of `compile_overhead.py` (same seeded data), and
times, best of --repeat, in one process:

  whole steps   `optmodel.load` of the LP; `compile_arrays` taking the table's grid as its
                dense array, and walking the items instead (the grid removed)
  statements    the two 300-member set literals by one split and by the grammar; the cost
                table by `optmodel.tablescan` and by the quote-keys-and-json.loads path that
                came before (still the fallback for other shapes)
  pieces        the alternatives measured for each step of `optmodel.tablescan`

    .venv/bin/python benchmarks/table_parse.py --repeat 8
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

import optmodel
from optmodel import parser as P
from optmodel import tablescan as T
from optmodel.matrix import compile_arrays


def best(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def lp_text(size: int, seed: int) -> str:
    """The transportation LP of compile_overhead.py (its generator, without its imports)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from compile_overhead import make_transport, transport_text

    return transport_text(make_transport(size, size, np.random.default_rng(seed)))


def without_grid(form):
    for p in form.params:
        p.value.__dict__.pop("_grid", None)
    return form


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=8)
    ap.add_argument("--size", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    r = args.repeat
    text = lp_text(args.size, args.seed)
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lp.fe"
        path.write_text(text)
        form = optmodel.load(path)
        rows.append(("optmodel.load of the LP", best(r, lambda: optmodel.load(path))))
        rows.append(("compile_arrays (the grid as the dense table)", best(r, lambda: compile_arrays(form))))
        slow = without_grid(optmodel.load(path))
        rows.append(("compile_arrays (walking the items)", best(r, lambda: compile_arrays(slow))))
        statements, _ = P._scan(text, None)
        sets = [s for s in statements if s.section == "Sets"]
        grammar = P._parser()
        rows.append(
            ("the two set literals: one split each (kept)", best(r, lambda: [P._fast_set(s) for s in sets]))
        )
        rows.append(
            (
                "the two set literals: the grammar",
                best(r, lambda: [grammar.parse(s.text, start="set_stmt") for s in sets]),
            )
        )
        big = max(statements, key=lambda s: len(s.text))
        body = big.text[P._FAST_HEAD.match(big.text).end() :]
        rows.append(("the table: tablescan.scan_table", best(r, lambda: T.scan_table(body))))
        rows.append(("the table: quote keys + json.loads (before)", best(r, lambda: P._json_table(body))))
        gc.disable()  # how much of the scan is the collector passing over the new item tuples
        try:
            rows.append(("the table: tablescan, garbage collector off", best(r, lambda: T.scan_table(body))))
        finally:
            gc.enable()
        rows.append(("_scan of the whole text", best(r, lambda: P._scan(text, None))))
        rows.append(
            ("default: regex search of the whole table", best(r, lambda: P._FAST_DEFAULT.search(body)))
        )
        inner = body.strip()[1:-1].split("}")[:-1]
        flat = ",".join(p.partition("{")[2] for p in inner)
        num = r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
        key = r"(?:[A-Za-z_][A-Za-z0-9_]*|[+-]?\d+)"
        full = re.compile(rf"\s*{key}\s*:\s*{num}\s*(?:,\s*{key}\s*:\s*{num}\s*)*")
        plain = re.compile(r"[^:,]*:[^:,]*(?:,[^:,]*:[^:,]*)*")
        rows.append(
            ("structure: one regex validating keys and numbers", best(r, lambda: full.fullmatch(flat)))
        )
        rows.append(("structure: separators regex", best(r, lambda: plain.fullmatch(flat))))
        rows.append(
            ("structure: separators regex, possessive (kept)", best(r, lambda: T._PAIRS.fullmatch(flat)))
        )
        rows.append(("split into keys and numbers", best(r, lambda: flat.replace(":", ",").split(","))))
        words = " ".join(flat.replace(":", ",").split(",")[1::2]).split()
        joined = " ".join(words)
        rows.append(("numbers: map(float) (kept)", best(r, lambda: list(map(float, words)))))
        rows.append(
            ("numbers: np.array(strings, dtype=float)", best(r, lambda: np.array(words, dtype=float)))
        )
        rows.append(("numbers: np.fromstring(sep=' ')", best(r, lambda: np.fromstring(joined, sep=" "))))
        loose = (" .", ". ", "+.", "-.", ".e", ".E")
        rows.append(("dots: six substring scans", best(r, lambda: any(d in joined for d in loose))))
        rows.append(("dots: numpy neighbours (kept)", best(r, lambda: T._dots_between_digits(joined))))
    print(
        f"optmodel {optmodel.__version__}; {args.size} x {args.size} table, {len(body) / 1e6:.1f} MB; best of {r}"
    )
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
