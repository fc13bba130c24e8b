"""Synthesised pairs become pointer-model rows: the program read off the compiled formulation must
solve to the synthesised optimum, name its variables in order of first mention, and refuse what
the program language cannot say."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.model.synthrows import convert, mention
from optmodel.solver import solve
from optmodel.synth.instance import make_instance

FAMILIES = ["product_mix", "diet", "transportation", "knapsack", "set_cover", "workforce_cost", "advertising"]


@pytest.mark.parametrize("family", FAMILIES)
def test_converted_programs_solve_to_the_synthesised_optimum(family):
    converted = 0
    for seed in range(10):
        inst = make_instance(family, seed, 1)
        got = convert(inst.nl, inst.formulation)
        if got is None:
            continue
        converted += 1
        program, names = got
        to_tokens(program, find_numbers(inst.nl)[0])  # every number is one the text states
        sol = solve(to_five_element(program), duals=False, iis=False)
        assert sol.status == "optimal"
        assert sol.objective == pytest.approx(inst.optimum, rel=1e-7, abs=1e-7), program
        if names:
            assert len(names) == len(program.splitlines()[0].split())
    assert converted >= 3, f"{family}: only {converted} of 10 small instances fit the program language"


def test_variables_follow_the_order_of_first_mention():
    text = "A shop sells tables and chairs. Each chair earns $5 and each table earns $9. Wood: 3 per table, 2 per chair, 30 available."
    form = """## Sets
Items = {chairs, tables}
## Parameters
profit[Items] = {chairs: 5, tables: 9}
wood[Items] = {chairs: 2, tables: 3}
## Variables
make[Items] >= 0
## Objective
maximize sum(profit[i] * make[i] for i in Items)
## Constraints
cap: sum(wood[i] * make[i] for i in Items) <= 30
"""
    program, names = convert(text, form)
    assert program.splitlines() == ["R R", "max 9 x1 + 5 x2", "3 x1 + 2 x2 <= 30"]
    assert names == [["tables"], ["chairs"]]


def test_a_share_row_is_written_as_the_stories_write_it():
    text = (
        "Make soap and wax. Soap earns 4, wax 3. At most 40 units in all, and wax at most 25% of the total."
    )
    form = """## Variables
soap >= 0
wax >= 0
## Objective
maximize 4 * soap + 3 * wax
## Constraints
total: soap + wax <= 40
share: wax <= 0.25 * (soap + wax)
"""
    program, _ = convert(text, form)
    assert "x2 <= 0.25 ( x1 + x2 )" in program.splitlines()
    assert solve(to_five_element(program)).objective == pytest.approx(4 * 40)


@pytest.mark.parametrize(
    "form",
    [
        # a coefficient the text never states (12 = 3 * 4)
        "## Variables\na >= 0\nb >= 0\n## Objective\nmaximize 12 * a + 4 * b\n## Constraints\nc: a + b <= 10\n",
        # a quadratic objective
        "## Variables\na >= 0\nb >= 0\n## Objective\nminimize a * a + 4 * b\n## Constraints\nc: a + b >= 10\n",
        # a free variable
        "## Variables\na\nb >= 0\n## Objective\nmaximize 4 * b\n## Constraints\nc: a + b <= 10\n",
    ],
)
def test_what_the_program_language_cannot_say_is_refused(form):
    assert convert("Products a and b: 3 and 4 per unit; at most 10 in all.", form) is None


def test_members_are_found_in_the_text_as_written():
    assert mention("Ship to Children's hospital", "children_s") == (8, "Children's")
    assert mention("no such place", "north_side") is None


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory):
    from optmodel.synth import synthesize

    out = tmp_path_factory.mktemp("synth")
    synthesize(["product_mix", "diet"], per_family=8, complexity=(1, 1), out=out, progress=False)
    return out


def test_the_command_writes_rows_and_adds_story_rows(synth_dir, tmp_path):
    stories = tmp_path / "stories"
    stories.mkdir()
    story = {
        "id": "s1",
        "generator": "demo",
        "kind": "formulate",
        "text": "t",
        "extra": None,
        "program": "R\nmax x1",
        "optimum": None,
        "split": "train",
        "names": None,
    }
    pl.DataFrame(
        [story], schema={k: (pl.Float64 if k == "optimum" else pl.Utf8) for k in story}
    ).write_parquet(stories / "train.parquet")
    out = tmp_path / "rows"
    cmd = [
        sys.executable,
        "-m",
        "optmodel.model.synthrows",
        str(synth_dir),
        "--out",
        str(out),
        "--add",
        str(stories),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "from" in done.stdout
    train = pl.read_parquet(out / "train.parquet")
    assert "s1" in train["id"].to_list()
    synth = train.filter(pl.col("generator").str.starts_with("synth:"))
    assert synth.height >= 4
    for row in synth.iter_rows(named=True):
        to_tokens(row["program"], find_numbers(row["text"])[0])
        if row["names"]:
            assert all(isinstance(n, list) for n in json.loads(row["names"]))


def test_a_missing_synth_folder_is_a_clear_error(tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "optmodel.model.synthrows",
        str(tmp_path / "none"),
        "--out",
        str(tmp_path / "o"),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode != 0
    assert "no train.parquet" in done.stderr and "Traceback" not in done.stderr


def test_the_pointer_model_trains_on_a_synth_folder_directly(synth_dir, tmp_path):
    from optmodel.model.pointer import load
    from optmodel.model.ptrain import load_story_rows, train_pointer

    train, val = load_story_rows(synth_dir)
    assert train and all(r["generator"].startswith("synth:") for r in train + val)
    assert all(r["optimum"] is not None for r in val) and all(r["optimum"] is None for r in train)
    tiny = dict(
        vocab_size=30522,
        hidden_size=48,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=96,
        max_position_embeddings=512,
        hidden_act="gelu",
    )
    summary = train_pointer(
        synth_dir,
        tmp_path / "m",
        batch_size=4,
        max_steps=2,
        encoder_config=tiny,
        eval_every=0,
        progress=False,
        threads=1,
        log=lambda m: None,
    )
    assert summary["steps"] == 2 and summary["rows"] == len(train)
    assert load(tmp_path / "m").config.max_target >= 192
