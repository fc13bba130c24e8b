"""The fresh test set (datasets/fresh/*.jsonl): every row is well formed and every
verification model in datasets/fresh/models solves (HiGHS) to the row's stated answer.

All solves run in this one process through datasets/fresh/verify.py (about a second
for the whole set).
"""
from __future__ import annotations

import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

FRESH = Path(__file__).resolve().parents[1] / "datasets" / "fresh"
FIELDS = {"id", "question", "answer", "kind", "size", "style"}
NUMBER_WORDS = re.compile(
    r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|"
    r"thirty|forty|fifty|hundred|thousand|half|third|quarter|twice|double|triple)\b", re.I)


@lru_cache(maxsize=1)
def _verify_module():
    spec = importlib.util.spec_from_file_location("fresh_verify", FRESH / "verify.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows():
    rows = []
    for path in sorted(FRESH.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    rows.append((f"{path.name}:{n}", json.loads(line)))
    return rows


ROWS = _rows()


def test_set_is_present():
    assert (FRESH / "verify.py").is_file()
    assert ROWS, "no rows in datasets/fresh/*.jsonl"


def test_ids_unique():
    ids = [row.get("id") for _, row in ROWS]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"


@pytest.mark.parametrize("where,row", ROWS, ids=[r.get("id", w) for w, r in ROWS])
def test_row_fields(where, row):
    assert FIELDS <= set(row), f"{where}: missing {sorted(FIELDS - set(row))}"
    assert _verify_module().row_problems(row) == [], where
    prefix = {"textbook": "tb-", "medium": "md-"}.get(row["size"])
    if prefix:
        assert row["id"].startswith(prefix), f"{where}: id {row['id']} vs size {row['size']}"
    q = row["question"]
    assert re.search(r"\d", q) or NUMBER_WORDS.search(q), f"{where}: question has no number"
    assert (FRESH / "models" / f"{row['id']}.py").is_file(), f"{where}: no model file"


@pytest.mark.parametrize("where,row", ROWS, ids=[r.get("id", w) for w, r in ROWS])
def test_model_solves_to_answer(where, row):
    ok, msg = _verify_module().check_row(row)
    assert ok, f"{where} {row.get('id')}: {msg}"
