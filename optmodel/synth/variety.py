"""Measure how varied the synthetic English is: distinct sentence skeletons (a sentence with
its numbers blanked out: the phrasing template actually used) and distinct-n (distinct word
n-grams / all n-grams), per family and overall.

    python -m optmodel.synth.variety data/synth/dataset.parquet
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Iterable

_NUM = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?")
_NUMWORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
    r"(?:-\w+)?\b",
    re.I,
)
_SENT = re.compile(r"(?<=[.?!])\s+|\n+")


# The measures, in the order the tables print them.
COLUMNS = [
    "texts",
    "distinct_texts",
    "sentences",
    "distinct_skeletons",
    "distinct_2gram_ratio",
    "distinct_4gram_ratio",
    "mean_words",
]


def skeleton(sentence: str) -> str:
    s = _NUM.sub("#", sentence.lower())
    s = _NUMWORD.sub("#", s)
    return re.sub(r"\s+", " ", s).strip()


def sentences(text: str) -> list[str]:
    return [s for s in (x.strip() for x in _SENT.split(text)) if s and not s.startswith(("|", "-"))]


def distinct_n(texts: Iterable[str], n: int) -> tuple[int, int]:
    seen: set[tuple[str, ...]] = set()
    total = 0
    for text in texts:
        words = re.findall(r"[a-z0-9$%#]+", _NUM.sub("#", text.lower()))
        grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
        total += len(grams)
        seen.update(grams)
    return len(seen), total


def measure(rows: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """rows: (family, text). Returns per-family and 'ALL' statistics."""
    by_family: dict[str, list[str]] = defaultdict(list)
    for fam, text in rows:
        by_family[fam].append(text)
    by_family_all = dict(sorted(by_family.items()))
    by_family_all["ALL"] = [t for ts in by_family.values() for t in ts]
    out = {}
    for fam, texts in by_family_all.items():
        sents = [s for t in texts for s in sentences(t)]
        skel = {skeleton(s) for s in sents}
        d4, t4 = distinct_n(texts, 4)
        d2, t2 = distinct_n(texts, 2)
        out[fam] = {
            "texts": len(texts),
            "distinct_texts": len(set(texts)),
            "sentences": len(sents),
            "distinct_skeletons": len(skel),
            "distinct_2gram_ratio": round(d2 / t2, 4) if t2 else 0.0,
            "distinct_4gram_ratio": round(d4 / t4, 4) if t4 else 0.0,
            "mean_words": round(sum(len(t.split()) for t in texts) / max(1, len(texts)), 1),
        }
    return out


def main(argv: list[str] | None = None) -> None:
    import polars as pl

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", help="dataset.parquet written by optmodel synth")
    args = ap.parse_args(argv)
    frame = pl.read_parquet(args.dataset, columns=["family", "nl"])
    stats = measure(zip(frame["family"], frame["nl"], strict=True))
    cols = COLUMNS
    print("| family | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for fam, row in stats.items():
        print(f"| {fam} | " + " | ".join(str(row[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()
